import { compileForm, validateAnswers } from '@kusanya/shared/form/engine';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importXlsform } from '@kusanya/server/xlsform/import-workbook';
import {
  SHIPPED_HOUSEHOLD_VERSION,
  seededRandom,
  syntheticHouseholdDoc,
  syntheticHouseholdSubmission,
} from './households.js';

describe('synthetic households', async () => {
  const imported = await importXlsform(
    await readFile(new URL('../../../forms/household_survey.xlsx', import.meta.url)),
  );
  if (!imported.ok) throw new Error('the shipped household survey does not import');
  const form = compileForm(imported.definition);

  it('target the version of forms/household_survey.xlsx', () => {
    expect(imported.definition.version).toBe(SHIPPED_HOUSEHOLD_VERSION);
  });

  it('pass every rule of the shipped household survey, with varied names', () => {
    const random = seededRandom(1);
    const docs = Array.from({ length: 30 }, (_, i) =>
      syntheticHouseholdSubmission(random, '01936f3e-8b2a-7c3d-9e4f-0123456789ac', i % 2 ? 'CL03010102' : 'CL05020201'),
    );
    for (const doc of docs)
      expect(validateAnswers(form, doc.data, 'fr', { today: doc.meta.finalizedAt.slice(0, 10) }).errors).toEqual([]);
    expect(new Set(docs.map((d) => d.data['respondent_name'])).size).toBeGreaterThan(20);
  });

  it('make registry households with one head and one primary recipient', () => {
    const doc = syntheticHouseholdDoc(seededRandom(2), 'CL03010101', 7);
    expect(doc.members.filter((m) => m.role === 'HEAD')).toHaveLength(1);
    expect(doc.members.filter((m) => m.recipient === 'PRIMARY')).toHaveLength(1);
  });
});
