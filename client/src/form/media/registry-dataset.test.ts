import type { FormDefinition, HouseholdDoc } from '@kusanya/schemas';
import { compileForm, createFormSession } from '@kusanya/shared/form/engine';
import { describe, expect, it } from 'vitest';
import { householdsCsv, registryDatasetsOf } from './media-store.js';

/**
 * Issue 14, "go beyond ODK": any imported form can list and look up the households pulled to the tablet
 * (`select_one_from_file households.csv`, `pulldata('households', …)`), as ODK Entities do, without a file
 * attached to the form. The definition below is what the importer makes of such a workbook.
 */
const revisit: FormDefinition = {
  formId: 'revisit',
  version: '1',
  title: { fr: 'Revisite' },
  languages: ['fr'],
  defaultLanguage: 'fr',
  externalInstances: ['households.csv'],
  fields: [
    { type: 'select_one', name: 'household', label: { fr: 'Ménage' }, itemset: { file: 'households.csv' } },
    { type: 'calculate', name: 'head', calculation: "pulldata('households', 'head', 'name', ${household})" },
    { type: 'calculate', name: 'size', calculation: "pulldata('households', 'size', 'name', ${household})" },
  ],
  choices: {},
};

const household = (id: string, code: string, area: string, head: Record<string, unknown>, others = 0) =>
  ({
    id,
    code,
    area,
    version: 1,
    values: {},
    members: [
      { individualId: `${id}-1`, role: 'HEAD', recipient: 'PRIMARY', respondent: true, values: head },
      ...Array.from({ length: others }, (_, i) => ({
        individualId: `${id}-${i + 2}`,
        role: 'CHILD',
        recipient: 'NONE',
        respondent: false,
        values: {},
      })),
    ],
    updatedAt: '2026-11-24T08:00:00.000Z',
    _deleted: false,
  }) as unknown as HouseholdDoc;

const pulled = [
  household('h-1', '2026-P03-000001', 'CL03010101', { first_name: 'Jean', last_name: 'Niyonzima' }, 3),
  // A name with a comma and quotes survives the CSV.
  household('h-2', '2026-P03-000002', 'CL03010102', { full_name: 'Ndayishimiye, "Mama" Ange' }),
];

describe('the registry data set households.csv', () => {
  it('is named by a form that uses it without attaching it, and not when a file of that name is attached', () => {
    expect(registryDatasetsOf(revisit)).toEqual(['households.csv']);
    const attached: FormDefinition = {
      ...revisit,
      media: [{ name: 'households.csv', type: 'text/csv', size: 10, sha256: 'a'.repeat(64) }],
    };
    expect(registryDatasetsOf(attached)).toEqual([]);
  });

  it('lists the households pulled to the tablet, and pulldata() looks up their head and size', () => {
    const csv = householdsCsv(pulled);
    const form = compileForm(revisit, { media: new Map([['households.csv', csv]]) });
    const session = createFormSession(form, { language: 'fr' });
    expect(session.getNodeState('household')?.choices).toEqual([
      { name: 'h-1', label: '2026-P03-000001 — Jean Niyonzima' },
      { name: 'h-2', label: '2026-P03-000002 — Ndayishimiye, "Mama" Ange' },
    ]);
    session.setValue('household', 'h-2');
    expect(session.snapshot()).toMatchObject({ head: 'Ndayishimiye, "Mama" Ange', size: '1' });
    session.setValue('household', 'h-1');
    expect(session.snapshot()).toMatchObject({ head: 'Jean Niyonzima', size: '4' });
  });

  it('with no household pulled yet, the list is empty and the form still opens', () => {
    const form = compileForm(revisit, { media: new Map([['households.csv', householdsCsv([])]]) });
    expect(createFormSession(form, { language: 'fr' }).getNodeState('household')?.choices).toEqual([]);
  });
});
