import type { FormDefinition } from '@kusanya/schemas';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formFields, mappingProblems, mapRecord, type KoboMapping } from './mapping.js';
import { koboRecords } from './results-stream.js';

const definition: FormDefinition = {
  formId: 'f',
  version: '1',
  title: { en: 'F' },
  languages: ['en'],
  defaultLanguage: 'en',
  fields: [
    {
      type: 'group',
      name: 'grp',
      children: [
        { type: 'integer', name: 'rooms' },
        { type: 'select_multiple', name: 'assets', list: 'a' },
        { type: 'geopoint', name: 'gps' },
      ],
    },
    { type: 'select_one', name: 'colline', list: 'c' },
    {
      type: 'repeat',
      name: 'members',
      children: [
        { type: 'text', name: 'first_name' },
        { type: 'select_one', name: 'sex', list: 's' },
        { type: 'calculate', name: 'age', calculation: '1' },
      ],
    },
  ],
  choices: {},
};
const dir = mkdtempSync(join(tmpdir(), 'kobo-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Kobo mapping', () => {
  it('converts paths, types, repeats and choice codes; skips Kobo metadata; lists what it could not place', () => {
    const mapping: KoboMapping = { formId: 'f', fields: { 'loc/hill': 'colline' }, values: { sex: { '2': 'F' } } };
    const mapped = mapRecord(
      {
        _uuid: 'x',
        'meta/instanceID': 'uuid:x',
        start: '2026-01-01T00:00:00',
        'loc/hill': 'CL03010101',
        'grp/rooms': '3',
        'grp/assets': 'RADIO BICYCLE',
        'grp/gps': '-3.42 29.92 1650 8',
        'grp/unknown': 'x',
        members: [{ 'members/first_name': 'Aline', 'members/sex': '2', 'members/age': '30', 'members/extra': 'y' }],
      },
      mapping,
      formFields(definition),
    );
    expect(mapped.data).toEqual({
      colline: 'CL03010101',
      rooms: 3,
      assets: ['RADIO', 'BICYCLE'],
      gps: { lat: -3.42, lon: 29.92, altitude: 1650, accuracy: 8 },
      members: [{ first_name: 'Aline', sex: 'F' }],
    });
    expect(mapped.ignored.sort()).toEqual(['grp/unknown', 'members/age', 'members/extra']);
  });

  it('names every problem of a mapping against the form', () => {
    expect(
      mappingProblems(
        { formId: 'f', fields: { a: 'nope' }, repeats: { r: { to: 'rooms' } }, values: { zzz: {} } },
        definition,
      ),
    ).toHaveLength(3);
    expect(mappingProblems({ formId: 'f', fields: { a: 'rooms', b: null } }, definition)).toEqual([]);
  });
});

describe('Kobo export reader', () => {
  const read = async (text: string) => {
    const file = join(dir, `${Math.random()}.json`);
    writeFileSync(file, text);
    const out: Record<string, unknown>[] = [];
    for await (const r of koboRecords(file)) out.push(r);
    return out;
  };

  it('reads the results array record by record, strings with brackets and escapes included', async () => {
    const records = [
      { _uuid: 'a', note: 'a } tricky ] "text" \\ here' },
      { _uuid: 'b', members: [{ x: [1, { y: 2 }] }] },
    ];
    expect(await read(JSON.stringify({ count: 2, next: null, results: records, extra: { results: [] } }))).toEqual(
      records,
    );
    expect(await read(JSON.stringify(records))).toEqual(records);
    const big = Array.from({ length: 3000 }, (_, i) => ({ _uuid: String(i), text: 'é'.repeat(400) }));
    expect((await read(JSON.stringify({ results: big }))).length).toBe(3000);
  });

  it('says clearly when the file is not a Kobo export', async () => {
    await expect(read('{"count": 0}')).rejects.toThrow(/no "results" array/);
    await expect(read('{"results": [{"a": 1}, {"b": ')).rejects.toThrow(/truncated/);
  });
});
