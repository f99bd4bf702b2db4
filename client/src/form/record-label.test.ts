import type { FormDefinition } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { recordTitle } from './record-label.js';

const definition = {
  formId: 'indicator_report',
  version: '1',
  title: { fr: 'Rapport' },
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  areaField: 'colline',
  fields: [
    { type: 'select_one', name: 'activity_type', list: 'activity' },
    { type: 'select_one', name: 'colline', list: 'colline' },
    { type: 'text', name: 'respondent_name' },
  ],
  choices: {
    activity: [{ name: 'SENSITISATION_TRAINING', label: { fr: 'Sensibilisation / formation', en: 'Training' } }],
    colline: [{ name: 'CL03010101', label: { fr: 'Mubuga (exemple)', en: 'Mubuga (sample)' } }],
  },
} satisfies FormDefinition;

describe('a record title in words', () => {
  it("replaces the choice codes of the form's instance name by their labels", () => {
    const data = { activity_type: 'SENSITISATION_TRAINING', colline: 'CL03010101' };
    expect(recordTitle(definition, 'SENSITISATION_TRAINING — CL03010101 — 2026-12-01', data, 'fr')).toBe(
      'Sensibilisation / formation — Mubuga (exemple) — 2026-12-01',
    );
    expect(recordTitle(definition, 'SENSITISATION_TRAINING — CL03010101', data, 'en')).toBe(
      'Training — Mubuga (sample)',
    );
  });

  it('leaves no dangling separator when the respondent is not named yet', () => {
    expect(recordTitle(definition, ' — CL03010101', { colline: 'CL03010101' }, 'fr')).toBe('Mubuga (exemple)');
    expect(recordTitle(definition, ' — ', {}, 'fr')).toBe('');
  });

  it('without an instance name: the first text answer and the place', () => {
    expect(recordTitle(definition, undefined, { respondent_name: 'Jean', colline: 'CL03010101' }, 'fr')).toBe(
      'Jean — Mubuga (exemple)',
    );
  });
});
