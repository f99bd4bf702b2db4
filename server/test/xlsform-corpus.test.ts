import { compileForm } from '@kusanya/shared/form/compile';
import { createFormSession } from '@kusanya/shared/form/session';
import { validateAnswers } from '@kusanya/shared/form/validate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importXlsform } from '../src/xlsform/import-workbook.js';

/**
 * The XLSForm corpus (forms/corpus: pyxform's example and bug workbooks, ODK's "All question types", forms
 * of field projects) against pyxform's verdict on each (verdicts.json): what pyxform converts imports,
 * and compiles, opens and validates; what pyxform refuses (or ODK Validate, for the two bad_calc files) is
 * refused, with a problem at the cell pyxform points at. Then every workbook mutated: nothing crashes the
 * importer.
 */

interface Verdict {
  pyxform: 'converts' | 'refuses';
  odkValidate?: 'refuses';
  refusedAt?: { sheet: string; row?: number; column?: string };
}

const CORPUS = new URL('../../forms/corpus/', import.meta.url);
const verdicts = JSON.parse(readFileSync(new URL('verdicts.json', CORPUS), 'utf8')) as Record<string, Verdict>;
const files = Object.keys(verdicts);
const stem = (file: string) =>
  file
    .split('/')
    .pop()!
    .replace(/\.\w+$/, '');
const read = (file: string) => readFileSync(new URL(file, CORPUS));

describe('the XLSForm corpus against pyxform', () => {
  it('holds every workbook of pyxform’s example_xls and bug_example_xls and the real forms', () => {
    expect(files.filter((f) => f.startsWith('pyxform/example_xls/')).length).toBe(44);
    expect(files.filter((f) => f.startsWith('pyxform/bug_example_xls/')).length).toBe(14);
    expect(files.filter((f) => f.startsWith('real/')).length).toBeGreaterThanOrEqual(16);
  });

  it.each(files)('%s', async (file) => {
    const verdict = verdicts[file]!;
    const result = await importXlsform(read(file), { formId: stem(file) });
    const mustImport = verdict.pyxform === 'converts' && verdict.odkValidate !== 'refuses';
    if (!mustImport) {
      expect(result.ok, 'pyxform refuses it').toBe(false);
      if (result.ok) return;
      const at = verdict.refusedAt;
      if (at) {
        expect(result.problems).toContainEqual(
          expect.objectContaining({
            sheet: at.sheet,
            ...(at.row !== undefined ? { row: at.row } : {}),
            ...(at.column !== undefined ? { column: at.column } : {}),
          }),
        );
      }
      return;
    }
    if (!result.ok) throw new Error(`pyxform converts it; refused with ${JSON.stringify(result.problems, null, 1)}`);
    // It opens: every question gets a state, in every language of the form; and an empty record validates.
    const form = compileForm(result.definition);
    for (const language of result.definition.languages) {
      const session = createFormSession(form, { language, today: '2026-11-24' });
      for (const node of form.nodes.filter((n) => n.repeatPath.length === 0)) {
        expect(session.getNodeState(node.name), node.name).toBeDefined();
      }
    }
    const { errors } = validateAnswers(form, {}, 'en', { today: '2026-11-24' });
    expect(Array.isArray(errors)).toBe(true);
  });
});

/** A deterministic pseudo-random sequence (the mutations are the same on every run). */
function* random(seed: number): Generator<number> {
  let s = seed;
  for (;;) {
    s = (s * 16807) % 2147483647;
    yield s / 2147483647;
  }
}

describe('mutated workbooks never crash the importer', () => {
  it.each(files)('%s', async (file) => {
    const original = read(file);
    const rand = random(original.length);
    const mutants: Buffer[] = [original.subarray(0, Math.floor(original.length / 2)), Buffer.alloc(0)];
    for (let m = 0; m < 3; m++) {
      const copy = Buffer.from(original);
      for (let i = 0; i < 20; i++)
        copy[Math.floor(rand.next().value * copy.length)] = Math.floor(rand.next().value * 256);
      mutants.push(copy);
    }
    for (const mutant of mutants) {
      const result = await importXlsform(mutant, { formId: stem(file) });
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }
  });
});
