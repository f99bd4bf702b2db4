import { describe, expect, it } from 'vitest';
import { compileForm } from '../form/compile.js';
import { validateAnswers } from '../form/validate.js';
import { convertXlsform } from './convert.js';
import type { CellValue, SheetRow, XlsformSheets } from './types.js';

/** Rows of a sheet from a header line and value lines; data starts at sheet row 2. */
function sheet(headers: string[], ...lines: CellValue[][]): SheetRow[] {
  return lines.map((line, i) => ({
    row: i + 2,
    cells: Object.fromEntries(headers.map((h, j) => [h, line[j] ?? null])),
  }));
}

const settings = sheet(
  ['form_id', 'form_title', 'version', 'default_language'],
  ['demo', 'Démo', '2026112401', 'Français (fr)'],
);

const choices = sheet(
  ['list_name', 'name', 'label::Français (fr)', 'label::English (en)', 'province'],
  ['yn', 'yes', 'Oui', 'Yes'],
  ['yn', 'no', 'Non', 'No'],
  ['province', 'P03', 'Gitega', 'Gitega'],
  ['province', 'P05', 'Butanyerera', 'Butanyerera'],
  ['commune', 'C0301', 'Gitega', 'Gitega', 'P03'],
  ['commune', 'C0501', 'Ngozi', 'Ngozi', 'P05'],
);

const SURVEY_HEADERS = [
  'type',
  'name',
  'label::Français (fr)',
  'label::English (en)',
  'required',
  'relevant',
  'constraint',
  'constraint_message::Français (fr)',
  'calculation',
  'choice_filter',
  'appearance',
  'repeat_count',
];

function convert(surveyLines: CellValue[][], extra: Partial<XlsformSheets> = {}) {
  return convertXlsform({ survey: sheet(SURVEY_HEADERS, ...surveyLines), choices, settings, ...extra });
}

describe('convertXlsform', () => {
  it('converts a form with groups, repeats, selects, cascades and translations', () => {
    const result = convert([
      ['begin group', 'loc', 'Lieu', 'Location', '', '', '', '', '', '', 'field-list'],
      ['select_one province', 'province', 'Province', 'Province', 'yes'],
      [
        'select_one commune',
        'commune',
        'Commune',
        'Commune',
        'yes',
        '',
        '',
        '',
        '',
        'province=${province}',
        'minimal w2',
      ],
      ['end group'],
      ['integer', 'n', 'Nombre', 'Number', 'TRUE', '', '. >= 1', 'Au moins 1'],
      ['begin repeat', 'people', 'Personnes', 'People', '', '', '', '', '', '', '', '${n}'],
      ['text', 'pname', 'Nom', 'Name', 'yes'],
      ['select_multiple yn or_other', 'likes', 'Aime', 'Likes'],
      ['end repeat', 'people'],
      ['calculate', 'total', '', '', '', '', '', '', 'count(${people})'],
      ['start', 'start'],
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      {
        sheet: 'survey',
        row: 12,
        column: 'type',
        message: "'start' is ignored: Kusanya records device, user and times in the submission itself",
      },
    ]);
    const d = result.definition;
    expect(d).toMatchObject({
      formId: 'demo',
      version: '2026112401',
      title: { fr: 'Démo' },
      languages: ['fr', 'en'],
      defaultLanguage: 'fr',
    });
    expect(d.fields[0]).toEqual({
      type: 'group',
      name: 'loc',
      label: { fr: 'Lieu', en: 'Location' },
      appearance: 'field-list',
      children: [
        {
          type: 'select_one',
          name: 'province',
          label: { fr: 'Province', en: 'Province' },
          required: true,
          list: 'province',
        },
        {
          type: 'select_one',
          name: 'commune',
          label: { fr: 'Commune', en: 'Commune' },
          required: true,
          choiceFilter: 'province=${province}',
          appearance: 'minimal',
          list: 'commune',
        },
      ],
    });
    expect(d.fields[1]).toMatchObject({
      type: 'integer',
      required: true,
      constraint: '. >= 1',
      constraintMessage: { fr: 'Au moins 1' },
    });
    expect(d.fields[2]).toMatchObject({ type: 'repeat', name: 'people', repeatCount: '${n}' });
    expect(d.fields[2]?.children?.[1]).toMatchObject({ type: 'select_multiple', list: 'yn', orOther: true });
    expect(d.choices['commune']).toEqual([
      { name: 'C0301', label: { fr: 'Gitega', en: 'Gitega' }, filters: { province: 'P03' } },
      { name: 'C0501', label: { fr: 'Ngozi', en: 'Ngozi' }, filters: { province: 'P05' } },
    ]);

    const form = compileForm(d);
    const good = {
      province: 'P05',
      commune: 'C0501',
      n: 1,
      people: [{ pname: 'Ana', likes: ['yes', 'other'], likes_other: 'x' }],
    };
    expect(validateAnswers(form, good, 'fr').errors).toEqual([]);
    expect(validateAnswers(form, { ...good, n: 0 }, 'fr').errors).toEqual([
      { path: 'n', message: 'Au moins 1' },
      { path: 'people', message: 'Il faut 0 entrée(s) ; il y en a 1.' },
    ]);
  });

  it('maps a plain label column to the default language and reads numbers and booleans as text', () => {
    const result = convertXlsform({
      survey: sheet(
        ['type', 'name', 'label', 'required', 'default'],
        ['integer', 'age', 'Âge', true, 5],
        ['select_one yn', 'ok', 'OK', false],
      ),
      choices: sheet(['list_name', 'name', 'label'], ['yn', 1, 'Oui'], ['yn', 2, 'Non']),
      settings: sheet(['form_id', 'version', 'default_language'], ['plain', 3, 'fr']),
    });
    expect(result.ok && result.definition).toMatchObject({
      version: '3',
      languages: ['fr'],
      fields: [
        { type: 'integer', name: 'age', label: { fr: 'Âge' }, required: true, default: '5' },
        { type: 'select_one', name: 'ok', label: { fr: 'OK' } },
      ],
      choices: { yn: [{ name: '1' }, { name: '2' }] },
    });
  });

  it('reports every problem with sheet, row and column, and converts nothing', () => {
    const result = convertXlsform({
      survey: sheet(
        [...SURVEY_HEADERS, 'media::image'],
        ['text', 'a', 'A', 'A', '', '${nope} = 1'],
        ['image', 'photo', 'Photo', 'Photo'],
        ['integer', 'b', 'B', 'B', '', '', '. > (1'],
        ['select_one missing_list', 'c', 'C', 'C'],
        ['text', 'a', 'Again', 'Again'],
        ['begin group', 'g', 'G', 'G'],
        ['text', 'd', '', '', '', '', '', '', '', '', 'bogus'],
        ['calculate', 'e', '', '', '', '', '', '', 'foo(${a}) + ${photo}'],
        ['end repeat'],
        ['note', 'n', 'N', 'N', '', '', '', '', '', '', '', '', 'x.png'],
      ),
      choices: sheet(['list_name', 'name', 'label'], ['yn', 'yes', 'Oui'], ['yn', 'yes', 'Oui encore'], ['', 'x', 'X']),
      settings: sheet(['form_id', 'version', 'style'], ['Bad Id', '', 'pages']),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { sheet: 'settings', row: 2, column: 'style', message: "column 'style' is not supported by Kusanya" },
      {
        sheet: 'settings',
        row: 2,
        column: 'form_id',
        message: "form_id 'Bad Id' must be lower-case letters, digits and '_' (starting with a letter)",
      },
      { sheet: 'settings', row: 2, column: 'version', message: 'version is required (e.g. 2026112401)' },
      { sheet: 'survey', row: 2, column: 'relevant', message: 'unknown field ${nope} at column 1' },
      {
        sheet: 'survey',
        row: 3,
        column: 'type',
        message: expect.stringContaining("type 'image' is not supported") as string,
      },
      {
        sheet: 'survey',
        row: 4,
        column: 'constraint',
        message: "expected ')' to close the '(' at column 5, found end of expression at column 7",
      },
      { sheet: 'survey', row: 5, column: 'type', message: "choice list 'missing_list' does not exist" },
      { sheet: 'survey', row: 6, column: 'name', message: "the name 'a' is already used at row 2" },
      {
        sheet: 'survey',
        row: 8,
        column: 'appearance',
        message: "appearance 'bogus' is not supported (supported for text: multiline, numbers, hidden)",
      },
      { sheet: 'survey', row: 8, column: 'label::Français (fr)', message: "text 'd' needs a label" },
      { sheet: 'survey', row: 9, column: 'calculation', message: 'foo() is an unknown function at column 1' },
      {
        sheet: 'survey',
        row: 10,
        column: 'type',
        message: "'end repeat' but the group 'g' opened at row 7 is not closed",
      },
      { sheet: 'survey', row: 11, column: 'media::image', message: 'media (images, audio, video) are not supported' },
      { sheet: 'choices', row: 3, column: 'name', message: "'yes' is already in list 'yn' (row 2)" },
      { sheet: 'choices', row: 4, column: 'list_name', message: 'missing list_name' },
    ]);
  });

  it('reports unmatched begin/end and a missing survey sheet', () => {
    const open = convert([
      ['begin repeat', 'r', 'R', 'R'],
      ['text', 'x', 'X', 'X'],
    ]);
    expect(!open.ok && open.problems).toEqual([
      { sheet: 'survey', row: 2, column: 'type', message: "'begin repeat r' has no matching 'end repeat'" },
    ]);
    const stray = convert([['text', 'x', 'X', 'X'], ['end group']]);
    expect(!stray.ok && stray.problems).toEqual([
      { sheet: 'survey', row: 3, column: 'type', message: "'end group' without a matching 'begin group'" },
    ]);
    const none = convertXlsform({ settings });
    expect(!none.ok && none.problems).toEqual([
      { sheet: 'survey', row: 0, column: '', message: 'the survey sheet is missing or empty' },
    ]);
  });

  it('reports circular calculations, repeated values outside sum()/count(), and label references', () => {
    const result = convert([
      ['calculate', 'a', '', '', '', '', '', '', '${b} + 1'],
      ['calculate', 'b', '', '', '', '', '', '', '${a} + 1'],
      ['begin repeat', 'r', 'R', 'R'],
      ['integer', 'v', 'V', 'V'],
      ['end repeat'],
      ['note', 'show', 'Total ${v} ${zz}', 'Total'],
      ['integer', 'w', 'W', 'W', '', '${v} > 1'],
    ]);
    expect(!result.ok && result.problems).toEqual([
      { sheet: 'survey', row: 2, column: 'name', message: 'circular dependency: a → b → a' },
      {
        sheet: 'survey',
        row: 7,
        column: 'label::Français (fr)',
        message: '${v} has one value per repeat entry here; show a calculate (e.g. with sum() or count()) instead',
      },
      { sheet: 'survey', row: 7, column: 'label::Français (fr)', message: 'unknown field ${zz}' },
      {
        sheet: 'survey',
        row: 8,
        column: 'relevant',
        message:
          "${v} is inside the repeat 'r' and has one value per entry here; use it inside sum() or count() at column 1",
      },
    ]);
  });

  it('needs to know the language of every translated column', () => {
    const result = convertXlsform({
      survey: sheet(['type', 'name', 'label::Klingon'], ['text', 'a', 'A']),
      settings: sheet(['form_id', 'version'], ['x', '1']),
    });
    expect(!result.ok && result.problems).toContainEqual({
      sheet: 'survey',
      row: 1,
      column: 'label::Klingon',
      message: "cannot tell the language of 'label::Klingon': write it like 'label::Français (fr)'",
    });
  });

  it('points an area_field problem at the settings sheet', () => {
    const result = convertXlsform({
      survey: sheet(['type', 'name', 'label'], ['text', 'a', 'A']),
      settings: sheet(['form_id', 'version', 'area_field'], ['x', '1', 'colline']),
    });
    expect(!result.ok && result.problems).toEqual([
      {
        sheet: 'settings',
        row: 2,
        column: 'area_field',
        message: "the area field 'colline' is not a question of the form",
      },
    ]);
  });
});
