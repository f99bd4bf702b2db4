import type { FormDefinition } from '@kusanya/schemas';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compileMapping,
  mappingProblems,
  mapRecord,
  shapeAnswers,
  type KoboLocations,
  type KoboMapping,
} from './mapping.js';
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
    { type: 'select_one', name: 'consent', list: 'yn' },
    { type: 'select_one', name: 'zone', list: 'z' },
    { type: 'select_one', name: 'sub', list: 'sub' },
    { type: 'select_multiple', name: 'more', list: 'sub' },
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
  choices: {
    sub: ['GBV', 'CORRUPTION', 'PAYMENT', 'PHONE'].map((name) => ({ name, label: { en: name } })),
  },
};
const dir = mkdtempSync(join(tmpdir(), 'kobo-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const locations: KoboLocations = {
  fromKobo: (code) => (code.padStart(7, '0') === '0301101' ? 'CL03010101' : null),
  toKobo: (code) => (code === 'CL03010101' ? '301101' : null),
  ancestor: (code, level) =>
    code === 'CL03010101' ? { province: 'P03', commune: 'C0301', zone: 'Z030101' }[level] : null,
};
const compiled = (mapping: KoboMapping) => {
  const result = compileMapping(mapping, definition);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.compiled;
};

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
      compiled(mapping),
      locations,
    );
    expect(mapped.data).toEqual({
      colline: 'CL03010101',
      rooms: 3,
      assets: ['RADIO', 'BICYCLE'],
      gps: { lat: -3.42, lon: 29.92, altitude: 1650, accuracy: 8 },
      members: [{ first_name: 'Aline', sex: 'F' }],
    });
    // Answers no Kusanya field takes are kept (served back), per repeat entry too.
    expect(mapped.unmapped).toEqual({ 'grp/unknown': 'x', members: [{ 'members/age': '30', 'members/extra': 'y' }] });
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

describe('one mapping, both directions', () => {
  it('never lets an unlisted key override an explicit mapping: the other value is kept aside and named', () => {
    const mapping: KoboMapping = { formId: 'f', fields: { 'consent_grp/consent': 'consent' } };
    const mapped = mapRecord(
      { 'consent_grp/consent': 'yes', 'followup/consent': 'no', 'loc/colline': 'CL03010101' },
      compiled(mapping),
      locations,
    );
    expect(mapped.data).toMatchObject({ consent: 'yes', colline: 'CL03010101' });
    expect(mapped.shadowed).toEqual(['followup/consent']);
    expect(mapped.unmapped).toEqual({ 'followup/consent': 'no' });
    // Two unlisted keys for one field: the record is refused with both named, nothing guessed.
    const two = mapRecord({ 'a/rooms': '2', 'b/rooms': '3' }, compiled({ formId: 'f' }), locations);
    expect(two.errors).toEqual([expect.stringMatching(/rooms: two sources, "a\/rooms" and "b\/rooms"/)]);
  });

  it('splits one Kusanya answer over several Kobo keys and back, with the overflow and Kobo location codes', () => {
    const only = (codes: [string, ...string[]]) => ({ field: 'sub', only: codes, overflow: 'more' });
    const mapping: KoboMapping = {
      formId: 'f',
      defaults: 'none',
      fields: {
        'g/sensitive': only(['GBV', 'CORRUPTION']),
        'g/other': only(['PAYMENT', 'PHONE']),
        'loc/Colline': { field: 'colline', codes: 'kobo', ancestors: { zone: 'zone' } },
      },
      values: { sub: { vbg: 'GBV', corruption: 'CORRUPTION', paiement: 'PAYMENT', tel: 'PHONE' } },
    };
    const record = { 'g/sensitive': 'corruption vbg', 'g/other': 'paiement', 'loc/Colline': '301101' };
    const c = compiled(mapping);
    const mapped = mapRecord(record, c, locations);
    // The answer first in the Kusanya list stays (the most restrictive, as the MIS picks it); the rest overflow.
    expect(mapped.data).toEqual({
      sub: 'GBV',
      more: ['CORRUPTION', 'PAYMENT'],
      colline: 'CL03010101',
      zone: 'Z030101',
    });
    expect(shapeAnswers(mapped.data, c, locations)).toEqual({
      'g/sensitive': 'vbg corruption',
      'g/other': 'paiement',
      'loc/Colline': '301101',
    });
  });

  it('refuses value maps that would merge two Kobo codes into one (what is imported must be served back)', () => {
    expect(
      mappingProblems({ formId: 'f', fields: { x: 'sub' }, values: { sub: { a: 'GBV', b: 'GBV' } } }, definition),
    ).toEqual([expect.stringContaining('"a" and "b" both become "GBV"')]);
    expect(mappingProblems({ formId: 'f', fields: { x: 'sub', y: 'sub' } }, definition)).toEqual([
      expect.stringContaining('"sub" has two sources'),
    ]);
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
    await expect(read('{"results": [{"a": 1}, {"b": ')).rejects.toThrow(/after 1 complete record\(s\) \(truncated\?\)/);
    await expect(read('{"results": [1, 2]}')).rejects.toThrow(/record #1 is not an object/);
    await expect(read('{"results": [{"a": 1}, "x"]}')).rejects.toThrow(/record #2 is not an object/);
  });
});
