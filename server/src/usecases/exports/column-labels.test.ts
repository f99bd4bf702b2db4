import type { FormLabels } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import type { ExportReader } from '../../repositories/exports.js';
import type { LocationDirectory } from '../hq/location-directory.js';
import { answerWords, COLUMN_LABELS, columnHeader, EXPORT_LANGUAGES } from './column-labels.js';
import { householdsSource, individualsSource, reportsSource, ticketsSource, type DatasetContext } from './datasets.js';

/** A context with no rows: only the columns of each dataset are read. */
const empty = new Proxy({}, { get: (_, name) => (String(name).startsWith('count') ? () => 0 : () => []) });
const context: DatasetContext = {
  reader: empty as ExportReader,
  directory: { name: () => null } as unknown as LocationDirectory,
  household: null,
  username: (id) => id,
  zoneOf: () => null,
  answer: (_form, _field, cell) => cell,
  term: (_list, cell) => cell,
};

describe('export headers in words', () => {
  const sources = [
    householdsSource(context, null),
    individualsSource(context, null),
    ticketsSource(context, { areas: null, includeSensitive: true }, '2026-01-01T00:00:00Z'),
    reportsSource(context, { areas: null, validatedOnly: true, fromQuarter: null, toQuarter: null }),
  ];

  it.each(sources.map((s) => [s.name, s.columns] as const))(
    '%s: every fixed column has words in every language',
    (_, columns) => {
      const missing = columns.filter((c) => EXPORT_LANGUAGES.some((lang) => !COLUMN_LABELS[c]?.[lang]?.trim()));
      expect(missing).toEqual([]);
    },
  );

  it('labels an answer column with its question, and its choices with their labels', () => {
    const fields: FormLabels['fields'] = {
      roof: {
        type: 'select_one roof',
        label: { fr: 'Toit', en: 'Roof' },
        choices: { IRON: { fr: 'Tôle', en: 'Iron sheet' } },
      },
      assets: {
        type: 'select_multiple assets',
        label: { en: 'Assets' },
        choices: { RADIO: { fr: 'Radio', en: 'Radio' }, BIKE: { fr: 'Vélo', en: 'Bicycle' } },
      },
    };
    expect(columnHeader('roof', 'fr', fields, 'en')).toBe('Toit');
    expect(columnHeader('assets', 'rn', fields, 'en')).toBe('Assets');
    expect(columnHeader('head_name', 'fr', fields, 'en')).toBe('Chef de ménage');
    expect(columnHeader('unknown_field', 'fr', fields, 'en')).toBe('unknown_field');
    expect(answerWords(fields['roof'], 'IRON', 'fr', 'en')).toBe('Tôle');
    expect(answerWords(fields['assets'], 'RADIO BIKE', 'fr', 'en')).toBe('Radio, Vélo');
    expect(answerWords(undefined, 3, 'fr', 'en')).toBe(3);
  });
});
