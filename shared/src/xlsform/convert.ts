import type { Choice, FormDefinition, FormNode } from '@kusanya/schemas';
import { checkFormDefinition } from '@kusanya/schemas/validators';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { tryCompileForm } from '../form/compile.js';
import { REGISTRY_DATASETS } from '../form/instances.js';
import type { FormProblem, FormProperty } from '../form/problems.js';
import { editDistance, languageKey, NAME_PATTERN } from './cells.js';
import { readChoices } from './choices.js';
import { headerOf, languageSpecs, localizedCell, readColumns, translations, type ColumnSet } from './headers.js';
import { qualifyNames } from './names.js';
import { FORM_ID_PATTERN, readSettings, type Settings } from './settings.js';
import { readSurvey } from './survey.js';
import {
  WORKBOOK_SHEETS,
  type ConvertOptions,
  type ConvertResult,
  type WorkbookSheetName,
  type XlsformProblem,
  type XlsformSheets,
} from './types.js';

/**
 * Converts the sheets of an XLSForm into a {@link FormDefinition}, with pyxform as the reference: what
 * pyxform converts converts, what it refuses is refused, and where it only warns this warns.
 * All-or-nothing: either a definition that compiles, or the full list of problems, each with its sheet,
 * row and column. Expressions, references, choice lists, repeats and cycles are checked by the same
 * compiler the engine uses, and its findings are pointed back at cells.
 */
export function convertXlsform(sheets: XlsformSheets, options: ConvertOptions = {}): ConvertResult {
  const problems: XlsformProblem[] = [];
  const warnings: XlsformProblem[] = [];
  const surveyRows = sheets.survey ?? [];
  if (surveyRows.length === 0) {
    const similar = misspelled('survey', options.sheetNames);
    problems.push({ sheet: 'survey', row: 0, column: '', message: `You must have a sheet named 'survey'.${similar}` });
  }
  for (const sheet of ['settings', 'choices', 'entities'] as const) {
    if ((sheets[sheet]?.length ?? 0) > 0) continue;
    const similar = misspelled(sheet, options.sheetNames);
    if (similar) {
      warnings.push({
        sheet: '',
        row: 0,
        column: '',
        message: `When looking for a sheet named '${sheet}', the following sheets with similar names were found:${similar.replace(/^ Did you mean/, '')} If you do not mean to include a sheet, to suppress this message, prefix the sheet name with an underscore.`,
      });
    }
  }
  if ((sheets.entities?.length ?? 0) > 0) {
    warnings.push({
      sheet: 'entities',
      row: 0,
      column: '',
      message: 'entities are not created or updated by Kusanya: the sheet is ignored',
    });
  }
  if ((sheets.osm?.length ?? 0) > 0) {
    warnings.push({
      sheet: 'osm',
      row: 0,
      column: '',
      message: 'OpenStreetMap tags are not used by Kusanya: the sheet is ignored',
    });
  }

  const headers = sheets.headers ?? {};
  const columns = {
    settings: readColumns('settings', sheets.settings ?? [], problems, warnings, headers.settings),
    choices: readColumns('choices', sheets.choices ?? [], problems, warnings, headers.choices),
    external_choices: readColumns(
      'external_choices',
      sheets.external_choices ?? [],
      problems,
      warnings,
      headers.external_choices,
    ),
    survey: readColumns('survey', surveyRows, problems, warnings, headers.survey),
  };
  if (surveyRows.length > 0 && !headerOf(columns.survey, 'type')) {
    problems.push({
      sheet: 'survey',
      row: 1,
      column: '',
      message: "One or more required column headers were not found: 'type'.",
    });
  }
  const settings = readSettings(sheets.settings ?? [], columns.settings, problems, warnings);

  const languages = workOutLanguages(columns, settings, warnings);
  const defaultLanguage = languages[0]!;

  const choices = readChoices(
    sheets.choices ?? [],
    columns.choices,
    defaultLanguage,
    settings.allowChoiceDuplicates,
    problems,
    warnings,
  ).lists;
  const external = readChoices(
    sheets.external_choices ?? [],
    columns.external_choices,
    defaultLanguage,
    settings.allowChoiceDuplicates,
    problems,
    warnings,
  ).lists;
  const allChoices: Record<string, Choice[]> = { ...choices };
  for (const [list, items] of Object.entries(external)) {
    if (!(list in allChoices)) allChoices[list] = items;
  }

  const survey = readSurvey(
    surveyRows,
    {
      columns: columns.survey,
      defaultLanguage,
      collapse: settings.cleanTextValues,
      choices,
      externalChoices: external,
      rootName: settings.others['name'] ?? 'data',
      addNoneOption: settings.addNoneOption,
    },
    problems,
    warnings,
  );
  if (settings.addNoneOption) addNoneChoices(survey.fields, allChoices);
  qualifyNames(survey.fields);

  const formId = workOutFormId(settings.formId ?? survey.settings.formId, options.formId, warnings, settings);
  const title =
    (settings.row && localizedCell(settings.row, columns.settings, ['title'], defaultLanguage, false)) ??
    (survey.settings.title ? { [defaultLanguage]: survey.settings.title } : { [defaultLanguage]: formId });
  const externalInstances = [...new Set([...survey.files, ...mediaNamedIn(survey.fields, allChoices)])];

  const definition: FormDefinition = {
    formId,
    version: settings.version ?? options.version ?? '0',
    title,
    languages: languages as [string, ...string[]],
    defaultLanguage,
    ...(settings.instanceName ? { instanceName: settings.instanceName } : {}),
    ...(settings.areaField ? { areaField: settings.areaField } : {}),
    ...(settings.notes ? { notes: settings.notes } : {}),
    ...(settings.style ? { style: settings.style } : {}),
    ...(Object.keys(settings.others).length > 0 ? { settings: settings.others } : {}),
    ...(externalInstances.length > 0 ? { externalInstances } : {}),
    fields: survey.fields,
    choices: allChoices,
  };

  if (surveyRows.length > 0) {
    const texts = new Map<string, string>();
    for (const [name, text] of options.media ?? []) if (text !== null) texts.set(name, text);
    const compiled = tryCompileForm(definition, { media: texts });
    const rowOfName = new Map<string, number>();
    const index = (nodes: readonly FormNode[]) => {
      for (const n of nodes) {
        const row = survey.rowOf.get(n);
        if (row !== undefined && !rowOfName.has(n.name)) rowOfName.set(n.name, row);
        if (n.children) index(n.children);
      }
    };
    index(survey.fields);
    for (const w of compiled.warnings) {
      const located = locate(w, rowOfName, columns.survey, columns.settings, settings);
      if (located) warnings.push(located);
    }
    if (!compiled.ok) {
      for (const p of compiled.problems) {
        const located = locate(p, rowOfName, columns.survey, columns.settings, settings);
        if (located) problems.push(located);
      }
    }
  }
  for (const { name, sheet, row, column } of mediaNeeded(
    survey.fields,
    survey.rowOf,
    externalInstances,
    columns.survey,
    allChoices,
  )) {
    if (options.media?.has(name) || REGISTRY_DATASETS.has(name)) continue;
    warnings.push({
      sheet,
      row,
      column,
      message: `the form uses the media file '${name}', which is not attached: attach it with the workbook`,
    });
  }
  if (!settings.version && !options.version && problems.length === 0) {
    definition.version = derivedVersion(definition);
  }
  if (problems.length === 0) {
    const checked = checkFormDefinition(definition);
    if (!checked.ok) {
      for (const e of checked.errors)
        problems.push({ sheet: '', row: 0, column: '', message: `${e.path}: ${e.message}` });
    }
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(dedupe(problems)), warnings: dedupe(warnings) };
  return { ok: true, definition, warnings: dedupe(warnings) };
}

/** The media files a form names, each with the cell that names it first. */
function mediaNeeded(
  fields: readonly FormNode[],
  rowOf: ReadonlyMap<FormNode, number>,
  dataFiles: readonly string[],
  columns: ColumnSet,
  choices: Readonly<Record<string, Choice[]>>,
): { name: string; sheet: 'survey' | 'choices'; row: number; column: string }[] {
  const out = new Map<string, { name: string; sheet: 'survey' | 'choices'; row: number; column: string }>();
  const note = (name: string, row: number, column: string, sheet: 'survey' | 'choices' = 'survey') => {
    if (!out.has(name)) out.set(name, { name, sheet, row, column });
  };
  const visit = (nodes: readonly FormNode[]) => {
    for (const n of nodes) {
      const row = rowOf.get(n) ?? 0;
      if (n.itemset && 'file' in n.itemset) note(n.itemset.file, row, headerOf(columns, 'type') ?? 'type');
      for (const [kind, text] of Object.entries(n.media ?? {}) as [string, Record<string, string | undefined>][])
        for (const file of Object.values(text)) if (file && file !== '-') note(file, row, `media::${kind}`);
      if (n.children) visit(n.children);
    }
  };
  visit(fields);
  for (const file of dataFiles) note(file, 0, '');
  for (const list of Object.values(choices))
    for (const c of list)
      for (const [kind, text] of Object.entries(c.media ?? {}) as [string, Record<string, string | undefined>][])
        for (const file of Object.values(text)) if (file && file !== '-') note(file, 0, `media::${kind}`, 'choices');
  return [...out.values()];
}

/** A version that changes when the content changes, for workbooks without one (pyxform makes it optional). */
export function derivedVersion(definition: FormDefinition): string {
  const hash = bytesToHex(sha256(utf8ToBytes(JSON.stringify({ ...definition, version: '' }))));
  return `auto-${hash.slice(0, 12)}`;
}

function misspelled(sheet: WorkbookSheetName, names: readonly string[] | undefined): string {
  const candidates = (names ?? []).filter(
    (n) =>
      editDistance(n.toLowerCase(), sheet) <= 2 &&
      !(WORKBOOK_SHEETS as readonly string[]).includes(n.toLowerCase()) &&
      !n.startsWith('_'),
  );
  return candidates.length > 0 ? ` Did you mean ${candidates.map((c) => `'${c}'`).join(', ')}?` : '';
}

/** The form id: from the settings, else from the file name (as pyxform takes it), made a valid id if needed. */
function workOutFormId(
  fromSheet: string | undefined,
  fromFile: string | undefined,
  warnings: XlsformProblem[],
  settings: Settings,
): string {
  const raw = fromSheet ?? fromFile ?? 'data';
  if (FORM_ID_PATTERN.test(raw)) return raw;
  let id = raw
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z_]+/, '')
    .slice(0, 64);
  if (id === '') id = 'form';
  warnings.push({
    sheet: 'settings',
    row: settings.row?.row ?? 0,
    column: settings.headers.get('id_string') ?? 'form_id',
    message: `the form id '${raw}' is stored as '${id}' (letters, digits, '_', '-' and '.' only)`,
  });
  return id;
}

function workOutLanguages(
  columns: Readonly<Record<'settings' | 'choices' | 'external_choices' | 'survey', ColumnSet>>,
  settings: Settings,
  warnings: XlsformProblem[],
): string[] {
  const specs: string[] = [];
  for (const set of [columns.survey, columns.choices, columns.external_choices, columns.settings])
    for (const spec of languageSpecs(set)) if (!specs.includes(spec)) specs.push(spec);
  const unreadable = [...specs, ...(settings.defaultLanguage ? [settings.defaultLanguage] : [])].filter(
    (s, i, all) => !languageKey(s).machineReadable && all.indexOf(s) === i,
  );
  if (unreadable.length > 0) {
    warnings.push({
      sheet: 'survey',
      row: 1,
      column: '',
      message: `The following language declarations do not contain valid machine-readable codes: ${unreadable.join(', ')}. Learn more: http://xlsform.org#multiple-language-support`,
    });
  }
  const keys = specs.map((s) => languageKey(s).key).filter((k, i, all) => all.indexOf(k) === i);
  const unlocalized = [columns.survey, columns.choices, columns.settings].some(
    (set) =>
      translations(set, 'label').some((t) => t.language === null) ||
      translations(set, 'hint').some((t) => t.language === null) ||
      translations(set, 'title').some((t) => t.language === null),
  );
  const defaultLanguage = settings.defaultLanguage
    ? languageKey(settings.defaultLanguage).key
    : unlocalized || keys.length === 0
      ? 'default'
      : keys[0]!;
  return [defaultLanguage, ...keys.filter((k) => k !== defaultLanguage)];
}

/** Data files named in expressions: `pulldata('fruits', …)` and `instance('cities')` when no choice list has that name. */
function mediaNamedIn(fields: readonly FormNode[], choices: Readonly<Record<string, Choice[]>>): string[] {
  const files = new Set<string>();
  const scan = (text: string | boolean | undefined) => {
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(/\b(pulldata|instance)\s*\(\s*['"]([^'"]+)['"]/g)) {
      const id = m[2]!;
      if (id in choices) continue;
      files.add(/\.(csv|xml|geojson)$/i.test(id) ? id : `${id}.csv`);
    }
  };
  const visit = (nodes: readonly FormNode[]) => {
    for (const n of nodes) {
      for (const text of [
        n.relevant,
        n.constraint,
        n.calculation,
        n.choiceFilter,
        n.repeatCount,
        n.default,
        n.required,
        n.readOnly,
      ])
        scan(text);
      // The search() appearance reads its choices from a CSV file of the form's media.
      const search = /\bsearch\(\s*['"]([^'"]+)['"]/.exec(n.appearance ?? '');
      if (search) files.add(/\.csv$/i.test(search[1]!) ? search[1]! : `${search[1]!}.csv`);
      if (n.children) visit(n.children);
    }
  };
  visit(fields);
  return [...files];
}

/** The setting `add_none_option`: every select_multiple gets a `none` choice (pyxform's deprecated option). */
function addNoneChoices(fields: readonly FormNode[], choices: Record<string, Choice[]>): void {
  const visit = (nodes: readonly FormNode[]) => {
    for (const n of nodes) {
      if (
        n.type === 'select_multiple' &&
        n.list &&
        choices[n.list] &&
        !choices[n.list]!.some((c) => c.name === 'none')
      ) {
        const label = choices[n.list]![0]?.label ?? { default: 'None' };
        choices[n.list] = [
          ...choices[n.list]!,
          { name: 'none', label: Object.fromEntries(Object.keys(label).map((k) => [k, 'None'])) },
        ];
      }
      if (n.children) visit(n.children);
    }
  };
  visit(fields);
}

const PROPERTY_TOKENS: Readonly<Partial<Record<FormProperty, readonly string[]>>> = {
  type: ['type'],
  name: ['name'],
  sourceName: ['name'],
  list: ['type'],
  itemset: ['type'],
  orOther: ['type'],
  children: ['type'],
  fields: ['type'],
  label: ['label'],
  hint: ['hint'],
  guidanceHint: ['guidance_hint'],
  media: ['media', 'image'],
  required: ['bind', 'required'],
  requiredMessage: ['bind', 'jr:requiredMsg'],
  relevant: ['bind', 'relevant'],
  constraint: ['bind', 'constraint'],
  constraintMessage: ['bind', 'jr:constraintMsg'],
  calculation: ['bind', 'calculate'],
  trigger: ['trigger'],
  default: ['default'],
  readOnly: ['bind', 'readonly'],
  choiceFilter: ['choice_filter'],
  appearance: ['control', 'appearance'],
  parameters: ['parameters'],
  repeatCount: ['control', 'jr:count'],
  minCount: ['min_count'],
  maxCount: ['max_count'],
};

const SETTING_HEADER: Readonly<Partial<Record<FormProperty, string>>> = {
  areaField: 'area_field',
  instanceName: 'instance_name',
};

/** Points a compiler problem at the sheet cell it comes from. */
function locate(
  p: FormProblem,
  rowOf: ReadonlyMap<string, number>,
  survey: ColumnSet,
  settingsColumns: ColumnSet,
  settings: Settings,
): XlsformProblem | null {
  // Duplicate names and missing lists are reported by the survey reader already.
  if (p.property === 'name' && p.message.includes('more than once')) return null;
  if (p.property === 'list' && /does not exist|needs a choice list/.test(p.message)) return null;
  if (p.property === 'calculation' && p.message === 'a calculate needs a calculation') return null;
  if (p.property === 'fields') return { sheet: 'survey', row: 0, column: '', message: p.message };
  if (p.property === 'areaField' || p.property === 'instanceName' || p.node === undefined) {
    const key = (p.property && SETTING_HEADER[p.property]) ?? 'default_language';
    return {
      sheet: 'settings',
      row: settings.row?.row ?? 0,
      column: settings.headers.get(key) ?? headerOf(settingsColumns, key) ?? key,
      message: p.message,
    };
  }
  // An `or_other` companion question is not in the sheet: point at its select.
  const row = rowOf.get(p.node) ?? rowOf.get(p.node.replace(/_other$/, '')) ?? 0;
  const tokens = (p.property && PROPERTY_TOKENS[p.property]) ?? ['name'];
  let column = headerOf(survey, ...tokens);
  if (!column && p.language !== undefined) {
    column = translations(survey, ...tokens).find(
      (t) => (t.language ? languageKey(t.language).key : null) === p.language,
    )?.header;
  }
  column ??= translations(survey, ...tokens)[0]?.header ?? tokens[tokens.length - 1]!;
  return { sheet: 'survey', row, column, message: p.message };
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

export { NAME_PATTERN };
