import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import { PagedPull, type PulledPage } from './paged-pull.js';

interface Doc {
  id: string;
  area: string;
}

/** A server of `total` changes, answering pages after `seq`; `failOnce` makes the request after that seq fail once. */
function server(total: number, failOnce?: number) {
  const docs = Array.from({ length: total }, (_, i) => ({ id: `h${i}`, area: i % 2 ? 'B' : 'A' }));
  const asked: number[] = [];
  let failed = false;
  return {
    asked,
    fetchPage: async (seq: number, limit: number): Promise<PulledPage<Doc>> => {
      asked.push(seq);
      if (seq === failOnce && !failed) {
        failed = true;
        throw new Error('connection dropped');
      }
      const documents = docs.slice(seq, seq + limit);
      return {
        documents,
        checkpoint: { seq: seq + documents.length },
        remaining: total - seq - documents.length,
        bytes: Promise.resolve(100),
      };
    },
  };
}

let db: KusanyaDatabase;
beforeEach(async () => {
  db = await openUserDatabase(v7(), { storage: getRxStorageMemory(), key: databasePassword(newDatabaseKey()) });
});
afterEach(() => db.remove());

function pull(remote: ReturnType<typeof server>, events: string[], stored: Doc[][], scope = 'A+B') {
  return new PagedPull<Doc>({
    db,
    name: 'households',
    scope,
    pageSize: 250,
    chunkSize: 100,
    fetchPage: remote.fetchPage,
    order: (docs) => [...docs].sort((a, b) => a.area.localeCompare(b.area)),
    store: async (docs) => {
      stored.push(docs);
    },
    onFetched: (page) => events.push(`fetched ${page.documents.length}`),
    onStored: (n) => events.push(`stored ${n}`),
  });
}

describe('PagedPull', () => {
  it('stores each page in steps (a colline at a time), counts what is stored, and resumes from its checkpoint', async () => {
    const remote = server(600);
    const events: string[] = [];
    const stored: Doc[][] = [];
    const first = pull(remote, events, stored);
    first.reSync();
    await first.awaitInSync();
    expect(events).toEqual([
      'fetched 250',
      'stored 100',
      'stored 100',
      'stored 50',
      'fetched 250',
      'stored 100',
      'stored 100',
      'stored 50',
      'fetched 100',
      'stored 100',
    ]);
    expect(stored.flat()).toHaveLength(600);
    expect(stored[0]!.every((d) => d.area === 'A')).toBe(true);
    expect(remote.asked).toEqual([0, 250, 500]); // the server said nothing remained: no empty last request
    await first.cancel();

    // The next start asks only for what came after.
    const again = pull(remote, [], []);
    again.reSync();
    await again.awaitInSync();
    expect(remote.asked.slice(3)).toEqual([600]);
    // Other areas (a new assignment): from the start.
    const other = pull(remote, [], [], 'A+B+C');
    other.reSync();
    await other.awaitInSync();
    expect(remote.asked.slice(4)).toEqual([0, 250, 500]);
  });

  it('after a failed request retries from the last page stored, and loses nothing', async () => {
    const remote = server(600, 250);
    const stored: Doc[][] = [];
    const errors: unknown[] = [];
    const p = pull(remote, [], stored);
    p.retryTime = 5;
    p.error$.subscribe((e) => errors.push(e));
    p.reSync();
    await p.awaitInSync();
    expect(errors).toHaveLength(1);
    expect(new Set(stored.flat().map((d) => d.id)).size).toBe(600);
    expect(remote.asked).toEqual([0, 250, 250, 500]);
  });
});
