import ExcelJS from 'exceljs';
import { compileForm } from '@kusanya/shared/form/compile';
import { validateAnswers } from '@kusanya/shared/form/validate';
import { describe, expect, it } from 'vitest';
import { importXlsform } from './import-workbook.js';

type Cell = ExcelJS.CellValue;

/** Builds an .xlsx in memory: sheet name → rows (first row is the header). */
async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const settings: Cell[][] = [
  ['form_id', 'form_title::Français (fr)', 'form_title::English (en)', 'version', 'default_language', 'area_field'],
  ['demo', 'Démo', 'Demo', '2026112401', 'Français (fr)', 'colline'],
];

const choices: Cell[][] = [
  ['list_name', 'name', 'label::Français (fr)', 'label::Kirundi (rn)', 'label::English (en)', 'zone'],
  ['yn', 'yes', 'Oui', 'Ego', 'Yes'],
  ['yn', 'no', 'Non', 'Oya', 'No'],
  ['zone', 'Z030101', 'Mubuga', 'Mubuga', 'Mubuga'],
  ['zone', 'Z030102', 'Nyamugari', 'Nyamugari', 'Nyamugari'],
  ['colline', 'CL03010101', 'Mubuga', 'Mubuga', 'Mubuga', 'Z030101'],
  ['colline', 'CL03010201', 'Nyamugari', 'Nyamugari', 'Nyamugari', 'Z030102'],
];

const surveyHeader: Cell[] = [
  'type',
  'name',
  'label::Français (fr)',
  'label::Kirundi (rn)',
  'label::English (en)',
  'required',
  'constraint',
  'choice_filter',
  'calculation',
];

describe('importXlsform', () => {
  it('imports an .xlsx with translations, rich text, formulas and a cascade', async () => {
    const buffer = await workbook({
      survey: [
        surveyHeader,
        ['select_one zone', 'zone', 'Zone', 'Zone', 'Zone', 'yes'],
        [
          'select_one colline',
          'colline',
          { richText: [{ text: 'Col' }, { text: 'line' }] },
          'Umutumba',
          'Hill',
          'yes',
          '',
          'zone=${zone}',
        ],
        [
          'integer',
          'rooms',
          'Pièces',
          'Ivyumba',
          'Rooms',
          { formula: 'IF(1,"yes","no")', result: 'yes' },
          '. >= 1 and . <= 30',
        ],
        ['calculate', 'double', '', '', '', '', '', '', '${rooms} * 2'],
      ],
      choices,
      settings,
    });
    const result = await importXlsform(buffer);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const d = result.definition;
    expect(d).toMatchObject({
      formId: 'demo',
      title: { fr: 'Démo', en: 'Demo' },
      languages: ['fr', 'rn', 'en'],
      areaField: 'colline',
    });
    expect(d.fields[1]).toMatchObject({
      name: 'colline',
      label: { fr: 'Colline', rn: 'Umutumba', en: 'Hill' },
      choiceFilter: 'zone=${zone}',
    });
    expect(d.fields[2]).toMatchObject({ required: true });

    const form = compileForm(d);
    expect(validateAnswers(form, { zone: 'Z030101', colline: 'CL03010101', rooms: 3 }, 'rn')).toEqual({
      errors: [],
      cleaned: { zone: 'Z030101', colline: 'CL03010101', rooms: 3, double: 6 },
    });
    expect(validateAnswers(form, { zone: 'Z030101', colline: 'CL03010201', rooms: 0 }, 'fr').errors).toEqual([
      { path: 'colline', message: "« CL03010201 » n'est pas un choix possible ici." },
      { path: 'rooms', message: "Cette réponse n'est pas valide." },
    ]);
  });

  it('lists every problem of a broken workbook with sheet, row and column', async () => {
    const buffer = await workbook({
      Survey: [
        [...surveyHeader, 'label::English (en)'],
        ['text', 'name', 'Nom', 'Izina', 'Name'],
        ['frobnicate', 'code', 'Code', 'Code', 'Code'],
        ['integer', 'age', 'Âge', 'Imyaka', 'Age', '', '. > ${nobody}'],
        ['begin group', 'g', 'G', 'G', 'G'],
      ],
      choices,
      settings,
    });
    const result = await importXlsform(buffer);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        sheet: 'survey',
        row: 1,
        column: 'label::English (en)',
        message: 'Duplicate column header: label::English (en) (columns E and J)',
      },
      {
        sheet: 'settings',
        row: 2,
        column: 'area_field',
        message: "the area field 'colline' is not a question of the form",
      },
      {
        sheet: 'survey',
        row: 3,
        column: 'type',
        message: "Unknown question type 'frobnicate'.",
      },
      { sheet: 'survey', row: 4, column: 'constraint', message: 'unknown field ${nobody} at column 5' },
      {
        sheet: 'survey',
        row: 5,
        column: 'type',
        message: "Unmatched 'begin_group'. No matching 'end_group' was found for the name 'g'.",
      },
    ]);
  });

  it('reports a file that is not a workbook, and a workbook without a survey sheet', async () => {
    const garbage = await importXlsform(Buffer.from('this is not a zip file'));
    expect(!garbage.ok && garbage.problems).toEqual([
      {
        sheet: '',
        row: 0,
        column: '',
        message: expect.stringMatching(/^not a readable \.xlsx or \.xls file/) as string,
      },
    ]);
    const empty = await importXlsform(await workbook({ Sheet1: [['a']], settings }));
    expect(!empty.ok && empty.problems).toContainEqual({
      sheet: 'survey',
      row: 0,
      column: '',
      message: "You must have a sheet named 'survey'.",
    });
  });

  it('ignores values in a column without a header, as pyxform does', async () => {
    const buffer = await workbook({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A', 'stray'],
      ],
      settings: [
        ['form_id', 'version'],
        ['x', '1'],
      ],
    });
    const result = await importXlsform(buffer);
    expect(result.ok && result.definition.fields).toEqual([{ type: 'text', name: 'a', label: expect.any(Object) }]);
  });
});
