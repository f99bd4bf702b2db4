import type { FormDefinition } from '@kusanya/schemas';
import { checkFormDefinition } from '@kusanya/schemas/validators';
import { tryCompileForm } from '../form/compile.js';
import type { FormProblem, FormProperty } from '../form/problems.js';
import { readChoices } from './choices.js';
import { headerFor, languagesOf, localizedCell, readColumns, type ColumnSet } from './columns.js';
import { FORM_ID_PATTERN, readSettings, type Settings } from './settings.js';
import { readSurvey } from './survey.js';
import type { ConvertOptions, ConvertResult, SheetName, XlsformProblem, XlsformSheets } from './types.js';

/**
 * Converts the rows of an XLSForm (survey, choices, settings) into a {@link FormDefinition}.
 * All-or-nothing: either a definition that compiles, or the full list of problems, each with
 * its sheet, row and column. Expressions, references, choice lists, repeats and cycles are
 * checked by the same compiler the engine uses, and its findings are pointed back at cells.
 */
export function convertXlsform(sheets: XlsformSheets, options: ConvertOptions = {}): ConvertResult {
  const problems: XlsformProblem[] = [];
  const warnings: XlsformProblem[] = [];
  const surveyRows = sheets.survey ?? [];
  const choiceRows = sheets.choices ?? [];
  const settingRows = sheets.settings ?? [];
  if (surveyRows.length === 0)
    problems.push({ sheet: 'survey', row: 0, column: '', message: 'the survey sheet is missing or empty' });

  const columns: Record<SheetName, ColumnSet> = {
    survey: readColumns('survey', surveyRows, problems),
    choices: readColumns('choices', choiceRows, problems),
    settings: readColumns('settings', settingRows, problems),
  };
  const settings = readSettings(settingRows, columns.settings, problems);

  const explicit = [
    ...new Set([...languagesOf(columns.survey), ...languagesOf(columns.choices), ...languagesOf(columns.settings)]),
  ];
  const defaultLanguage = settings.defaultLanguage ?? explicit[0] ?? 'fr';
  if (!settings.defaultLanguage && explicit.length === 0) {
    warnings.push({
      sheet: 'settings',
      row: settings.row?.row ?? 0,
      column: 'default_language',
      message: 'no default_language and no language in the column headers: texts are taken as French (fr)',
    });
  }
  const languages = [defaultLanguage, ...explicit.filter((l) => l !== defaultLanguage)];
  for (const sheet of ['survey', 'choices', 'settings'] as const) {
    for (const [base, header] of columns[sheet].unlocalized) {
      const twin = columns[sheet].localized.get(base)?.get(defaultLanguage);
      if (twin) {
        problems.push({
          sheet,
          row: 1,
          column: header,
          message: `'${header}' and '${twin}' both give the ${base} in the default language '${defaultLanguage}'`,
        });
      }
    }
  }

  const choices = readChoices(choiceRows, columns.choices, defaultLanguage, problems);
  const survey = readSurvey(surveyRows, columns.survey, defaultLanguage, problems, warnings);

  const formId = settings.formId ?? options.formId;
  const version = settings.version ?? options.version;
  const settingsRow = settings.row?.row ?? 0;
  if (!formId)
    problems.push({ sheet: 'settings', row: settingsRow, column: 'form_id', message: 'form_id is required' });
  else if (!FORM_ID_PATTERN.test(formId) && !settings.formId) {
    problems.push({
      sheet: 'settings',
      row: settingsRow,
      column: 'form_id',
      message: `form_id '${formId}' is not valid`,
    });
  }
  if (!version)
    problems.push({
      sheet: 'settings',
      row: settingsRow,
      column: 'version',
      message: 'version is required (e.g. 2026112401)',
    });

  const title = (settings.row && localizedCell(settings.row, columns.settings, 'form_title', defaultLanguage)) ?? {
    [defaultLanguage]: formId ?? 'form',
  };
  const definition: FormDefinition = {
    formId: formId ?? 'form',
    version: version ?? '0',
    title,
    languages: languages as [string, ...string[]],
    defaultLanguage,
    ...(settings.instanceName ? { instanceName: settings.instanceName } : {}),
    ...(settings.areaField ? { areaField: settings.areaField } : {}),
    ...(settings.notes ? { notes: settings.notes } : {}),
    fields: survey.fields,
    choices,
  };

  if (surveyRows.length > 0) {
    const compiled = tryCompileForm(definition);
    if (!compiled.ok) {
      for (const p of compiled.problems) {
        const located = locate(p, survey.rowOf, columns, settings);
        if (located) problems.push(located);
      }
    }
  }
  if (problems.length === 0) {
    const checked = checkFormDefinition(definition);
    if (!checked.ok) {
      for (const e of checked.errors)
        problems.push({ sheet: '', row: 0, column: '', message: `${e.path}: ${e.message}` });
    }
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(dedupe(problems)), warnings };
  return { ok: true, definition, warnings };
}

const PROPERTY_COLUMN: Readonly<Record<FormProperty, string>> = {
  type: 'type',
  name: 'name',
  list: 'type',
  orOther: 'type',
  children: 'type',
  fields: 'type',
  label: 'label',
  hint: 'hint',
  required: 'required',
  requiredMessage: 'required_message',
  relevant: 'relevant',
  constraint: 'constraint',
  constraintMessage: 'constraint_message',
  calculation: 'calculation',
  default: 'default',
  readOnly: 'read_only',
  choiceFilter: 'choice_filter',
  appearance: 'appearance',
  repeatCount: 'repeat_count',
  minCount: 'min_count',
  maxCount: 'max_count',
  areaField: 'area_field',
  instanceName: 'instance_name',
};

/** Points a compiler problem at the sheet cell it comes from. */
function locate(
  p: FormProblem,
  rowOf: ReadonlyMap<string, number>,
  columns: Record<SheetName, ColumnSet>,
  settings: Settings,
): XlsformProblem | null {
  // Duplicate names are reported by the survey reader, with both rows.
  if (p.property === 'name' && p.message.includes('more than once')) return null;
  if (p.property === 'areaField' || p.property === 'instanceName' || p.node === undefined) {
    const base = p.property ? PROPERTY_COLUMN[p.property] : 'default_language';
    if (p.property === 'fields') return { sheet: 'survey', row: 0, column: '', message: p.message };
    return {
      sheet: 'settings',
      row: settings.row?.row ?? 0,
      column: headerFor(columns.settings, base),
      message: p.message,
    };
  }
  // An `or_other` companion question is not in the sheet: point at its select.
  const row = rowOf.get(p.node) ?? rowOf.get(p.node.replace(/_other$/, '')) ?? 0;
  const base = p.property ? PROPERTY_COLUMN[p.property] : 'name';
  return { sheet: 'survey', row, column: headerFor(columns.survey, base, p.language), message: p.message };
}

function dedupe(problems: XlsformProblem[]): XlsformProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.sheet}|${p.row}|${p.column}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SHEET_ORDER: Readonly<Record<XlsformProblem['sheet'], number>> = {
  '': 0,
  settings: 1,
  survey: 2,
  choices: 3,
  external_choices: 4,
  entities: 5,
  osm: 6,
};

function sortProblems(problems: XlsformProblem[]): XlsformProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => SHEET_ORDER[a.p.sheet] - SHEET_ORDER[b.p.sheet] || a.p.row - b.p.row || a.i - b.i)
    .map(({ p }) => p);
}
