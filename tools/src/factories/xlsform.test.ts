import { importXlsform } from '@kusanya/server/xlsform/import-workbook';
import { compileForm, createFormSession, validateAnswers } from '@kusanya/shared/form/engine';
import { describe, expect, it } from 'vitest';
import { allTypesWorkbook, ALL_TYPES_FORM_ID, collinesCsv, largeFormWorkbook } from './xlsform.js';

describe('XLSForm fixtures', () => {
  it('the all-types form imports, and with its collines compiles, looks a commune up and validates', async () => {
    const collines = collinesCsv();
    expect(collines.count).toBe(3037);
    const media = new Map([['collines.csv', collines.text]]);
    const imported = await importXlsform(allTypesWorkbook(), { media });
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    expect(imported.definition.formId).toBe(ALL_TYPES_FORM_ID);
    const form = compileForm(imported.definition, { media });
    const session = createFormSession(form, { language: 'fr' });
    expect(session.getNodeState('colline')?.choices).toHaveLength(3037);
    session.setValue('colline', 'CL03010101');
    expect(session.snapshot()['commune']).toBe('C0301');
    const data = {
      ...session.snapshot(),
      respondent: 'Jeanne',
      visitors: 2,
      visit_date: '2026-01-10',
      visit_time: '08:30:00.000+02:00',
      consent: 'no',
      confirm: 'OK',
    };
    expect(validateAnswers(form, data, 'fr', { today: '2026-01-12' }).errors).toEqual([]);
  });

  it('the large form has 1,000 questions on one screen', async () => {
    const imported = await importXlsform(largeFormWorkbook(1000));
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    expect(imported.definition.fields.filter((f) => f.type !== 'calculate')).toHaveLength(1000);
  });
});
