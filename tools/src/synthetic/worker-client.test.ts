import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGED_TABLES } from '@kusanya/server/repositories/bulk-staging';
import { emptyRows, type BulkRows } from '@kusanya/server/repositories/bulk-rows';
import type { GeneratorEnd } from './row-context.js';
import { input, run } from './test-input.js';
import { stagedBatches } from './worker-client.js';

/** The rows of several chunks, concatenated per table. */
function concat(rows: BulkRows[]): BulkRows {
  const all = emptyRows();
  for (const r of rows) for (const table of Object.keys(all) as (keyof BulkRows)[]) all[table].push(...r[table]);
  return all;
}

/** The rows of a staged file, flattened per table in row order. */
function readStaged(file: string): BulkRows {
  const db = new Database(file, { readonly: true });
  try {
    const rows = emptyRows();
    for (const table of Object.keys(STAGED_TABLES) as (keyof BulkRows)[]) {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all() as (string | number | null)[][])
        rows[table].push(...row);
    }
    return rows;
  } finally {
    db.close();
  }
}

describe('the synthetic registry worker', () => {
  it('stages rows exactly as generated, and the scratch files are removed', async () => {
    const generatorInput = input(1000, 10);
    const expected = run(generatorInput);
    const staged: BulkRows[] = [];
    const files: string[] = [];
    let end: GeneratorEnd | undefined;
    for await (const message of stagedBatches(generatorInput)) {
      if ('end' in message) end = message.end;
      else {
        files.push(message.batch.file);
        staged.push(readStaged(message.batch.file));
      }
    }
    expect(concat(staged)).toEqual(concat(expected.chunks.map((c) => c.rows)));
    expect(end).toEqual(expected.end);
    expect(files.length).toBe(expected.chunks.filter((c) => c.endsBatch).length);
    expect(files.some((f) => existsSync(f)) || existsSync(dirname(files[0]!))).toBe(false);
  });

  it('reports a failure of the worker and cleans up after it', async () => {
    // Staff missing for the last colline's commune: the worker fails after the first batches.
    const broken = input(1000, 10);
    const lastCommune = broken.places.at(-1)!.commune;
    broken.staff.supervisors.delete(lastCommune);
    const files: string[] = [];
    const iterate = async () => {
      for await (const message of stagedBatches(broken)) if ('batch' in message) files.push(message.batch.file);
    };
    await expect(iterate()).rejects.toThrow(/reading 'username'/);
    expect(files.length).toBeGreaterThan(0);
    expect(existsSync(dirname(files[0]!))).toBe(false);
  });

  it('stops and removes the scratch files when the caller stops early', async () => {
    let file = '';
    for await (const message of stagedBatches(input(1000, 10))) {
      if ('batch' in message) file = message.batch.file;
      break;
    }
    expect(file).not.toBe('');
    expect(existsSync(dirname(file))).toBe(false);
  });
});
