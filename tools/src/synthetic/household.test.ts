import { compileForm, validateAnswers } from '@kusanya/shared/form/engine';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importXlsform } from '@kusanya/server/xlsform/import-workbook';
import { syntheticHousehold, type Place } from './household.js';
import { Random } from './random.js';

const PLACE: Place = { province: 'P03', commune: 'C0301', zone: 'Z030101', colline: 'CL03010101' };

describe('synthetic national-registry households', async () => {
  const imported = await importXlsform(
    await readFile(new URL('../../../forms/household_survey.xlsx', import.meta.url)),
  );
  if (!imported.ok) throw new Error('the shipped household survey does not import');
  const form = compileForm(imported.definition);

  it('answer the shipped household survey without a single rule broken, on any visit date', () => {
    const rng = new Random(7);
    let nextId = 1;
    for (let i = 0; i < 300; i += 1) {
      // Visits spread over two years, so birthdays fall on every side of the visit date.
      const visit = new Date(Date.UTC(2025, 0, 1) + i * 2.43 * 86_400_000);
      const h = syntheticHousehold(rng, visit, PLACE, { nextNationalId: () => nextId++ });
      const data = { ...h.values, members: h.members.map((m) => m.values) };
      const { errors } = validateAnswers(form, data, 'fr', { today: visit.toISOString().slice(0, 10) });
      expect(errors, `household ${i} visited ${visit.toISOString().slice(0, 10)}`).toEqual([]);
    }
  });
});
