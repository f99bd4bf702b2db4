import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sheetRows, xlsxWithLyingSheet, xlsxWithSheet } from '../../test/fixtures/xlsx-bomb.js';
import { parseWorkbook } from './read-workbook.js';
import { checkWorkbook, MAX_CELLS } from './workbook-check.js';

const corpus = (file: string) => new URL(`../../../forms/corpus/${file}`, import.meta.url);

describe('workbook reader limits', () => {
  it('does not trust a ZIP header that understates what a part expands to', async () => {
    const workbook = xlsxWithLyingSheet(sheetRows(20_000, 10, 'x'.repeat(200)), 1000);
    const check = await checkWorkbook(workbook);
    expect(check).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('refuses a sheet with more cells than any XLSForm needs, before parsing it', async () => {
    const workbook = xlsxWithSheet('survey', sheetRows(Math.ceil(MAX_CELLS / 4) + 10, 4, 'a'));
    expect(await checkWorkbook(workbook)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('parses a large but legitimate workbook on its worker', async () => {
    const workbook = xlsxWithSheet('survey', sheetRows(30_000, 3, 'text'));
    const parsed = await parseWorkbook(workbook);
    expect(parsed.ok && parsed.read.sheets.survey?.length).toBe(29_999);
  }, 30_000);

  it('tells .xls from .xlsx by content, whatever the file is named', async () => {
    const xls = await readFile(corpus('pyxform/example_xls/group.xls'));
    expect(await checkWorkbook(xls)).toEqual({ ok: true, format: 'xls', expandedBytes: xls.length });
    const misnamed = await readFile(corpus('real/ifrc-distribution-site-assessment-v1.xlsx'));
    const parsed = await parseWorkbook(misnamed);
    expect(parsed.ok && parsed.read.sheets.survey?.length).toBeGreaterThan(100);
  });

  it('says plainly what is not a workbook', async () => {
    expect(await checkWorkbook(Buffer.from('name,label\na,b\n'))).toMatchObject({
      ok: false,
      reason: 'unreadable',
      message: expect.stringMatching(/neither an \.xlsx nor an \.xls/) as string,
    });
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect(await checkWorkbook(brokenZip)).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});
