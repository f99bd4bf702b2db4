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
    expect(result.warnings).toEqual([]);
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
          appearance: 'minimal w2',
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
        ['integer', 'b', 'B', 'B', '', '', '. > (1'],
        ['select_one missing_list', 'c', 'C', 'C'],
        ['text', 'a', 'Again', 'Again'],
        ['begin group', 'g', 'G', 'G'],
        ['text', 'd'],
        ['calculate', 'e', '', '', '', '', '', '', 'foo(${a}) + 1'],
        ['end repeat'],
        ['frobnicate', 'f', 'F', 'F'],
        ['calculate', 'h'],
      ),
      choices: sheet(
        ['list_name', 'name', 'label'],
        ['yn', 'yes', 'Oui'],
        ['yn', 'yes', 'Oui encore'],
        ['yn', '', 'X'],
      ),
      settings: sheet(['form_id', 'version'], ['bad', '1']),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { sheet: 'survey', row: 2, column: 'relevant', message: 'unknown field ${nope} at column 1' },
      {
        sheet: 'survey',
        row: 3,
        column: 'constraint',
        message: "expected ')' to close the '(' at column 5, found end of expression at column 7",
      },
      { sheet: 'survey', row: 4, column: 'type', message: 'List name not in choices sheet: missing_list' },
      {
        sheet: 'survey',
        row: 5,
        column: 'name',
        message:
          "The 'name' value 'a' is invalid. Questions, groups, and repeats must be unique within their nearest parent group or repeat, or the survey if not inside a group or repeat.",
      },
      {
        sheet: 'survey',
        row: 6,
        column: 'type',
        message: "Unmatched 'begin_group'. No matching 'end_group' was found for the name 'g'.",
      },
      {
        sheet: 'survey',
        row: 7,
        column: 'label::Français (fr)',
        message: "The survey element named 'd' has no label or hint.",
      },
      { sheet: 'survey', row: 8, column: 'calculation', message: 'foo() is an unknown function at column 1' },
      {
        sheet: 'survey',
        row: 9,
        column: 'type',
        message: "Unmatched 'end_repeat'. No matching 'begin_repeat' was found for the name ''.",
      },
      { sheet: 'survey', row: 10, column: 'type', message: "Unknown question type 'frobnicate'." },
      { sheet: 'survey', row: 11, column: 'calculation', message: 'Missing calculation.' },
      {
        sheet: 'choices',
        row: 3,
        column: 'name',
        message:
          "'yes' is already in list 'yn' (row 2): choice names must be unique in a list. If this is intentional, use the setting 'allow_choice_duplicates'.",
      },
      {
        sheet: 'choices',
        row: 4,
        column: 'name',
        message: "On the 'choices' sheet, the 'name' value is invalid. Choices must have a name.",
      },
    ]);
  });

  it('reads a missing survey sheet, a misspelled one, and columns that mean the same thing', () => {
    const none = convertXlsform({ settings }, { sheetNames: ['surveys', 'settings'] });
    expect(!none.ok && none.problems).toEqual([
      { sheet: 'survey', row: 0, column: '', message: "You must have a sheet named 'survey'. Did you mean 'surveys'?" },
    ]);
    const twice = convertXlsform({
      survey: sheet(['type', 'name', 'label', 'relevance', 'bind::relevant'], ['text', 'a', 'A']),
      settings,
    });
    expect(!twice.ok && twice.problems).toEqual([
      {
        sheet: 'survey',
        row: 1,
        column: 'bind::relevant',
        message:
          "Headers that are different names for the same column were found: 'relevance', 'bind::relevant'. Rename or remove one of these columns.",
      },
    ]);
  });

  it('reports circular calculations and unknown references in labels', () => {
    const result = convert([
      ['calculate', 'a', '', '', '', '', '', '', '${b} + 1'],
      ['calculate', 'b', '', '', '', '', '', '', '${a} + 1'],
      ['note', 'show', 'Total ${zz}', 'Total'],
    ]);
    expect(!result.ok && result.problems).toEqual([
      { sheet: 'survey', row: 2, column: 'name', message: 'circular dependency: a → b → a' },
      { sheet: 'survey', row: 4, column: 'label::Français (fr)', message: 'unknown field ${zz}' },
    ]);
  });

  it('takes any language name, as pyxform does, and warns when it is not a code', () => {
    const result = convertXlsform({
      survey: sheet(['type', 'name', 'label::Klingon', 'label::English'], ['text', 'a', 'A', 'A']),
      settings: sheet(['form_id', 'version'], ['x', '1']),
    });
    expect(result.ok && result.definition.languages).toEqual(['Klingon', 'en']);
    expect(result.warnings).toContainEqual({
      sheet: 'survey',
      row: 1,
      column: '',
      message:
        'The following language declarations do not contain valid machine-readable codes: Klingon, English. Learn more: http://xlsform.org#multiple-language-support',
    });
  });

  it('takes form_id from the file name and derives a version that changes with the content', () => {
    const survey = (label: string) => sheet(['type', 'name', 'label'], ['text', 'a', label]);
    const one = convertXlsform({ survey: survey('A') }, { formId: 'village_census' });
    const same = convertXlsform({ survey: survey('A') }, { formId: 'village_census' });
    const other = convertXlsform({ survey: survey('B') }, { formId: 'village_census' });
    expect(one.ok && one.definition).toMatchObject({
      formId: 'village_census',
      defaultLanguage: 'default',
      title: { default: 'village_census' },
    });
    const version = (r: typeof one) => (r.ok ? r.definition.version : '');
    expect(version(one)).toMatch(/^auto-[0-9a-f]{12}$/);
    expect(version(same)).toBe(version(one));
    expect(version(other)).not.toBe(version(one));
  });

  it('gives names used in several groups their path as answer key, and expands a loop over a list', () => {
    const result = convertXlsform({
      survey: sheet(
        ['type', 'name', 'label'],
        ['begin group', 'mother', 'Mother'],
        ['text', 'name', 'Name'],
        ['end group'],
        ['begin group', 'father', 'Father'],
        ['text', 'name', 'Name'],
        ['end group'],
        ['begin loop over crops', 'harvest', 'Harvest'],
        ['integer', 'kg', 'Kilograms of %(label)s'],
        ['end loop'],
      ),
      choices: sheet(['list_name', 'name', 'label'], ['crops', 'maize', 'Maize'], ['crops', 'beans', 'Beans']),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [mother, father, harvest] = result.definition.fields;
    expect(mother?.children?.[0]).toMatchObject({ name: 'mother/name', sourceName: 'name' });
    expect(father?.children?.[0]).toMatchObject({ name: 'father/name', sourceName: 'name' });
    expect(harvest?.children?.map((g) => g.children?.[0])).toEqual([
      { type: 'integer', name: 'harvest/maize/kg', sourceName: 'kg', label: { default: 'Kilograms of Maize' } },
      { type: 'integer', name: 'harvest/beans/kg', sourceName: 'kg', label: { default: 'Kilograms of Beans' } },
    ]);
  });

  it('straightens curly quotes, accepts every settings key, and warns about what has no effect', () => {
    const result = convertXlsform({
      survey: sheet(
        ['type', 'name', 'label', 'relevant'],
        ['text', 'a', 'A'],
        ['text', 'b', 'B', '${a} = \u2018x\u2019'],
      ),
      settings: sheet(
        ['form_id', 'version', 'style', 'public_key', 'allow_choice_duplicates', 'xml_root'],
        ['x', '1', 'pages', 'MIIBIjANBgkq', 'yes', 'data'],
      ),
    });
    expect(result.ok && result.definition.fields[1]).toMatchObject({ relevant: "${a} = 'x'" });
    expect(result.ok && result.definition).toMatchObject({
      style: 'pages',
      settings: { public_key: 'MIIBIjANBgkq', xml_root: 'data' },
    });
    expect(result.warnings.map((w) => w.message)).toContain(
      "the setting 'public_key' has no effect here: submissions are not encrypted with a form key: Kusanya encrypts records on the device and in transit",
    );
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
