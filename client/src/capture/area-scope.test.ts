import type { FormDefinition } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { areaScope, placeLabel } from './area-scope.js';

const place = (name: string, fr: string, filters?: Record<string, string>) => ({
  name,
  label: { fr, en: `${fr} (sample)` },
  ...(filters ? { filters } : {}),
});

/** The cascade of forms/household_survey.xlsx: province → commune → zone → colline. */
const definition = {
  formId: 'household_survey',
  version: '1',
  title: { fr: 'Enquête' },
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  areaField: 'colline',
  fields: [
    {
      type: 'group',
      name: 'location',
      children: [
        { type: 'select_one', name: 'province', list: 'province' },
        { type: 'select_one', name: 'commune', list: 'commune', choiceFilter: 'province=${province}' },
        { type: 'select_one', name: 'zone', list: 'zone', choiceFilter: 'commune=${commune}' },
        { type: 'select_one', name: 'colline', list: 'colline', choiceFilter: 'zone = ${zone}' },
      ],
    },
  ],
  choices: {
    province: [place('P03', 'Gitega'), place('P05', 'Butanyerera')],
    commune: [place('C0301', 'Gitega', { province: 'P03' }), place('C0501', 'Ngozi', { province: 'P05' })],
    zone: [
      place('Z030101', 'Mubuga', { commune: 'C0301' }),
      place('Z030102', 'Nyamugari', { commune: 'C0301' }),
      place('Z050101', 'Ngozi', { commune: 'C0501' }),
    ],
    colline: [
      place('CL03010101', 'Mubuga', { zone: 'Z030101' }),
      place('CL03010102', 'Karera', { zone: 'Z030101' }),
      place('CL03010201', 'Nyamugari', { zone: 'Z030102' }),
      place('CL05010101', 'Kinyami', { zone: 'Z050101' }),
    ],
  },
} satisfies FormDefinition;

const names = (scope: ReturnType<typeof areaScope>, q: string) => [...(scope?.get(q) ?? [])].sort();

describe('the places an enumerator may choose', () => {
  it('offers only the assigned collines, and only the places above them', () => {
    const scope = areaScope(definition, ['CL03010102']);
    expect(names(scope, 'colline')).toEqual(['CL03010102']);
    expect(names(scope, 'zone')).toEqual(['Z030101']);
    expect(names(scope, 'commune')).toEqual(['C0301']);
    expect(names(scope, 'province')).toEqual(['P03']);
  });

  it('collines in two provinces open both branches', () => {
    const scope = areaScope(definition, ['CL03010201', 'CL05010101']);
    expect(names(scope, 'colline')).toEqual(['CL03010201', 'CL05010101']);
    expect(names(scope, 'province')).toEqual(['P03', 'P05']);
  });

  it("a supervisor's commune opens every colline under it", () => {
    const scope = areaScope(definition, ['C0301']);
    expect(names(scope, 'colline')).toEqual(['CL03010101', 'CL03010102', 'CL03010201']);
    expect(names(scope, 'zone')).toEqual(['Z030101', 'Z030102']);
  });

  it('restricts nothing for a form without an area question', () => {
    const { areaField: _, ...noArea } = definition;
    expect(areaScope(noArea, ['CL03010102'])).toBeNull();
  });

  it("restricts nothing when the area question's places come from a CSV of the form (search())", () => {
    const fromFile: FormDefinition = {
      ...definition,
      fields: [
        { type: 'text', name: 'commune_code' },
        {
          type: 'select_one',
          name: 'colline',
          list: 'columns',
          appearance: "search('collines', 'matches', 'commune', ${commune_code})",
        },
      ],
      choices: { columns: [place('name', 'label')] },
      media: [{ name: 'collines.csv', type: 'text/csv', size: 10, sha256: 'a'.repeat(64) }],
    };
    expect(areaScope(fromFile, ['CL03010102'])).toBeNull();
  });

  it('names a colline in the chosen language', () => {
    expect(placeLabel(definition, 'CL03010102', 'en')).toBe('Karera (sample)');
    expect(placeLabel(definition, 'CL03010102', 'rn')).toBe('Karera');
    expect(placeLabel(definition, 'CL09999999', 'fr')).toBe('CL09999999');
  });
});
