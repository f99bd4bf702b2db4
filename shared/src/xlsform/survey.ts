import { questionTypes, type Choice, type FormNode, type LocalizedText } from '@kusanya/schemas';
import { isBlankRow, NAME_PATTERN, parseFlag, yesNo } from './cells.js';
import { mediaOf } from './choices.js';
import { cell, headerOf, localizedCell, translations, type ColumnSet } from './headers.js';
import { unrenderedAppearances } from './appearances.js';
import { checkParameters, parseParameters } from './parameters.js';
import { DEPRECATED_DEVICE_METADATA, parseType, type ParsedType } from './survey-types.js';
import type { SheetRow, XlsformProblem } from './types.js';

/**
 * Reads the survey sheet into a node tree, with pyxform's rules (xls2json): names unique among
 * siblings (and repeat names in the whole form), questions with a label or hint, calculates with a
 * calculation, choice lists that exist, parameters checked per type, `begin loop over LIST` expanded
 * into a group per choice. Every problem is located; warnings where pyxform warns. A row with an
 * unknown type still yields a placeholder node (so references to it do not cascade into more errors),
 * but the problem is reported and the form is not imported.
 */

export interface SurveyContext {
  readonly columns: ColumnSet;
  readonly defaultLanguage: string;
  /** Collapse runs of white space in values (the `clean_text_values` setting, on by default). */
  readonly collapse: boolean;
  readonly choices: Readonly<Record<string, Choice[]>>;
  readonly externalChoices: Readonly<Record<string, Choice[]>>;
  /** The root element's name (a repeat may not have it). */
  readonly rootName: string;
  readonly addNoneOption: boolean;
}

export interface SurveyResult {
  readonly fields: FormNode[];
  /** Sheet row of each node (by node object). */
  readonly rowOf: Map<FormNode, number>;
  /** Data files the form names (select_one_from_file, xml-external, csv-external). */
  readonly files: string[];
  /** `set form title` / `set form id` rows. */
  readonly settings: { title?: string; formId?: string };
}

interface Open {
  readonly node: FormNode & { children: FormNode[] };
  readonly type: 'group' | 'repeat' | 'loop';
  readonly row: number;
  readonly names: Set<string>;
  readonly lowerNames: Set<string>;
  /** table-list: the list its selects share. */
  tableList?: string | null;
  readonly loopList?: string;
}

/** Types whose question has a control (every question type of the schema), so pyxform wants a label, a hint or media for it. */
const NEEDS_LABEL: ReadonlySet<FormNode['type']> = new Set(questionTypes);

const RESERVED = new Set(['meta']);

export function readSurvey(
  rows: readonly SheetRow[],
  ctx: SurveyContext,
  problems: XlsformProblem[],
  warnings: XlsformProblem[],
): SurveyResult {
  const { columns } = ctx;
  const fields: FormNode[] = [];
  const rowOf = new Map<FormNode, number>();
  const files: string[] = [];
  const settings: { title?: string; formId?: string } = {};
  const top: Open = {
    node: { type: 'group', name: '', children: fields },
    type: 'group',
    row: 0,
    names: new Set(),
    lowerNames: new Set(),
  };
  const stack: Open[] = [top];
  const repeatNames = new Set<string>();
  const header = (...tokens: string[]) =>
    headerOf(columns, ...tokens) ?? translations(columns, ...tokens)[0]?.header ?? tokens[tokens.length - 1]!;

  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const at = (column: string) => ({ sheet: 'survey' as const, row: row.row, column });
    const fail = (column: string, message: string) => problems.push({ ...at(column), message });
    const warn = (column: string, message: string) => warnings.push({ ...at(column), message });
    const get = (...tokens: string[]) => {
      const h = headerOf(columns, ...tokens);
      return h === undefined ? '' : cell(row, h, ctx.collapse);
    };

    const disabledHeader = headerOf(columns, 'disabled');
    if (disabledHeader) {
      warn(
        disabledHeader,
        "The 'disabled' column header is not part of the current spec. We recommend using relevant instead.",
      );
      if (yesNo(get('disabled')) === true) continue;
    }

    const typeText = get('type');
    let name = get('name');
    if (!typeText) {
      if (!name && !localizedCell(row, columns, ['label'], ctx.defaultLanguage, ctx.collapse)) {
        warn(header('type'), 'Row without name, text, or label is being skipped.');
      } else fail(header('type'), 'Question with no type.');
      continue;
    }
    const parsed: ParsedType = parseType(typeText);
    const open = stack[stack.length - 1]!;

    if (parsed.kind === 'setting') {
      if (parsed.setting === 'title') settings.title = name;
      if (parsed.setting === 'id_string') settings.formId = name;
      continue;
    }
    if (parsed.kind === 'end') {
      if (stack.length === 1 || open.type !== parsed.type) {
        fail(
          header('type'),
          `Unmatched 'end_${parsed.type}'. No matching 'begin_${parsed.type}' was found for the name '${name}'.`,
        );
        continue;
      }
      if (name && name !== open.node.name)
        warn(
          header('name'),
          `'end ${parsed.type} ${name}' closes the ${open.type} '${open.node.name}' (row ${open.row})`,
        );
      stack.pop();
      if (open.type === 'loop') expandLoop(open, ctx.choices);
      continue;
    }
    if (parsed.kind === 'error') {
      fail(header('type'), parsed.message);
      if (name && NAME_PATTERN.test(name)) open.node.children.push({ type: 'text', name });
      continue;
    }
    if (parsed.kind === 'instance') {
      if (!name || !NAME_PATTERN.test(name)) {
        fail(header('name'), `${typeText} needs the name of its file (without extension) in the name column`);
        continue;
      }
      files.push(`${name}${parsed.file}`);
      continue;
    }

    const type: FormNode['type'] =
      parsed.kind === 'begin'
        ? parsed.type === 'loop'
          ? 'group'
          : parsed.type
        : parsed.kind === 'unsupported'
          ? parsed.as
          : parsed.type;
    if (parsed.kind === 'unsupported') warn(header('type'), `'${parsed.type}': ${parsed.why}`);
    if (type === 'audit') {
      if (name && name !== 'audit') {
        fail(header('name'), "Audits must always be named 'audit.' The name column should be left blank.");
        continue;
      }
      name = 'audit';
    }
    if (!name) {
      if (type === 'note') name = `generated_note_name_${row.row}`;
      else {
        fail(header('name'), 'Question or group with no name.');
        continue;
      }
    }
    if (!NAME_PATTERN.test(name)) {
      fail(
        header('name'),
        "The 'name' value is invalid. Names must begin with a letter or underscore. After the first character, names may contain letters, digits, underscores, hyphens, or periods.",
      );
      continue;
    }
    if (open.names.has(name) || RESERVED.has(name)) {
      fail(
        header('name'),
        RESERVED.has(name)
          ? "The name 'meta' is reserved for form metadata."
          : `The 'name' value '${name}' is invalid. Questions, groups, and repeats must be unique within their nearest parent group or repeat, or the survey if not inside a group or repeat.`,
      );
      continue;
    }
    if (open.lowerNames.has(name.toLowerCase())) {
      warn(
        header('name'),
        `The 'name' value '${name}' is problematic. The name is a case-insensitive match to another name. Some data processing tools are not case-sensitive, so the current names may make analysis difficult.`,
      );
    }
    open.names.add(name);
    open.lowerNames.add(name.toLowerCase());

    const node = buildNode(row, ctx, type, name, fail, warn, header);
    rowOf.set(node, row.row);

    if (parsed.kind === 'begin') {
      if (parsed.type === 'repeat') {
        if (name === ctx.rootName)
          fail(header('name'), `Repeat names must not be the same as the survey root (which defaults to 'data').`);
        if (repeatNames.has(name))
          fail(
            header('name'),
            'Repeat names must unique anywhere in the survey, at all levels of group or repeat nesting.',
          );
        repeatNames.add(name);
        if (!node.label && !node.media)
          warn(header('label'), `Repeat has no label: {'name': '${name}', 'type': '${typeText}'}`);
      }
      if (parsed.type === 'loop') {
        if (!parsed.list) fail(header('type'), 'Repeat loop without list name.');
        else if (!ctx.choices[parsed.list]) fail(header('type'), `List name not in choices sheet: ${parsed.list}`);
      }
      const container = node as FormNode & { children: FormNode[] };
      container.children = [];
      open.node.children.push(container);
      const isTableList = /\btable-list\b/.test(node.appearance ?? '');
      stack.push({
        node: container,
        type: parsed.type,
        row: row.row,
        names: new Set(),
        lowerNames: new Set(),
        ...(isTableList ? { tableList: null } : {}),
        ...(parsed.type === 'loop' && parsed.list ? { loopList: parsed.list } : {}),
      });
      continue;
    }

    // A question.
    if (parsed.kind === 'question') {
      if (DEPRECATED_DEVICE_METADATA.has(type))
        warn(
          header('type'),
          `${type} is no longer supported on most devices. Only old versions of Collect on Android versions older than 11 still support it.`,
        );
      if (parsed.file) {
        node.itemset = { file: parsed.file };
        if (!files.includes(parsed.file)) files.push(parsed.file);
        const value = node.parameters?.['value'];
        const label = node.parameters?.['label'];
        if (value) node.itemset.value = value;
        if (label) node.itemset.label = label;
      } else if (parsed.ref) {
        node.itemset = { ref: parsed.ref };
      } else if (parsed.list) {
        const lists = parsed.external ? ctx.externalChoices : ctx.choices;
        if (parsed.external && Object.keys(ctx.externalChoices).length === 0) {
          fail(
            header('type'),
            "There should be an external_choices sheet in this xlsform. Please ensure that the external_choices sheet has columns 'list name', and 'name'.",
          );
        } else if (!lists[parsed.list]) {
          fail(
            header('type'),
            Object.keys(ctx.choices).length === 0 && !parsed.external
              ? "There should be a choices sheet in this xlsform. Please ensure that the choices sheet has the mandatory columns 'list_name', 'name', and 'label'."
              : `List name not in ${parsed.external ? 'external choices' : 'choices'} sheet: ${parsed.list}`,
          );
        } else if (
          (type === 'select_multiple' || type === 'rank') &&
          lists[parsed.list]!.some((c) => /\s/.test(c.name))
        ) {
          const bad = lists[parsed.list]!.find((c) => /\s/.test(c.name))!;
          fail(
            header('type'),
            `Choice names with spaces cannot be added to multiple choice selects. See [${bad.name}] in [${parsed.list}]`,
          );
        }
        node.list = parsed.external ? `${parsed.list}` : parsed.list;
        if (parsed.external && !node.choiceFilter)
          warn(header('type'), 'select one external is only meant for filtered selects.');
      }
      if (parsed.orOther) {
        if (node.choiceFilter) fail(header('choice_filter'), 'Choice filter not supported with or_other.');
        else if (parsed.list && !ctx.choices[parsed.list]?.length)
          fail(header('type'), "Please specify choices for this 'or other' question.");
        // pyxform warns that its 'other' labels are not translated; Kusanya's are (fr, rn, en).
        node.orOther = true;
      }
      if (ctx.addNoneOption && type === 'select_multiple' && node.list) {
        node.constraint = node.constraint
          ? `${node.constraint} and (.='none' or not(selected(., 'none')))`
          : "(.='none' or not(selected(., 'none')))";
      }
      if (open.tableList !== undefined && (type === 'select_one' || type === 'select_multiple')) {
        if (node.choiceFilter) fail(header('choice_filter'), 'Choice filter not supported for table-list appearance.');
        const list = node.list ?? '';
        if (open.tableList === null) open.tableList = list;
        else if (open.tableList !== list)
          fail(header('type'), `Badly formatted table list, list names don't match: ${open.tableList} vs. ${list}`);
      }
    }
    if (type === 'calculate' && !node.calculation && !(node.default && /\$\{|\(/.test(node.default))) {
      fail(header('bind', 'calculate'), 'Missing calculation.');
    }
    if (NEEDS_LABEL.has(type) && !node.label && !node.hint && !node.media) {
      fail(header('label'), `The survey element named '${name}' has no label or hint.`);
    }
    open.node.children.push(node);
  }
  for (const open of stack.slice(1)) {
    problems.push({
      sheet: 'survey',
      row: open.row,
      column: header('type'),
      message: `Unmatched 'begin_${open.type}'. No matching 'end_${open.type}' was found for the name '${open.node.name}'.`,
    });
  }
  return { fields, rowOf, files, settings };
}

const TEXTS = [
  [['label'], 'label'],
  [['hint'], 'hint'],
  [['guidance_hint'], 'guidanceHint'],
  [['bind', 'jr:constraintMsg'], 'constraintMessage'],
  [['bind', 'jr:requiredMsg'], 'requiredMessage'],
] as const;

const EXPRESSIONS = [
  [['bind', 'relevant'], 'relevant'],
  [['bind', 'constraint'], 'constraint'],
  [['bind', 'calculate'], 'calculation'],
  [['choice_filter'], 'choiceFilter'],
  [['control', 'jr:count'], 'repeatCount'],
] as const;

/** Columns pyxform passes through to the XForm that change nothing a person sees here. */
const PASSED_THROUGH = new Set(['bind', 'control', 'instance']);
const HANDLED = new Set([
  'bind::relevant',
  'bind::constraint',
  'bind::calculate',
  'bind::required',
  'bind::readonly',
  'bind::jr:constraintMsg',
  'bind::jr:requiredMsg',
  'control::appearance',
  'control::jr:count',
  'control::rows',
]);

function buildNode(
  row: SheetRow,
  ctx: SurveyContext,
  type: FormNode['type'],
  name: string,
  fail: (column: string, message: string) => void,
  warn: (column: string, message: string) => void,
  header: (...tokens: string[]) => string,
): FormNode {
  const { columns } = ctx;
  const get = (...tokens: string[]) => {
    const h = headerOf(columns, ...tokens);
    return h === undefined ? '' : cell(row, h, ctx.collapse);
  };
  const node: FormNode = { type, name };
  for (const [tokens, key] of TEXTS) {
    const text: LocalizedText | undefined = localizedCell(row, columns, tokens, ctx.defaultLanguage, ctx.collapse);
    if (text) node[key] = text;
  }
  const media = mediaOf(row, columns, ctx.defaultLanguage, ctx.collapse);
  if (media) node.media = media;
  const required = parseFlag(get('bind', 'required'));
  if (required !== false) node.required = required;
  const readOnly = parseFlag(get('bind', 'readonly'));
  if (readOnly !== false) node.readOnly = readOnly;
  for (const [tokens, key] of EXPRESSIONS) {
    const text = get(...tokens);
    if (text) node[key] = text;
  }
  const defaultText = get('default');
  if (defaultText) node.default = defaultText;
  const trigger = get('trigger');
  if (trigger) {
    const m = /^\$\{([^}\s]+)\}$/.exec(trigger.trim());
    if (m) node.trigger = m[1]!;
    else fail(header('trigger'), `The trigger '${trigger}' must name a question: \${name}`);
  }
  for (const [key, prop] of [
    ['min_count', 'minCount'],
    ['max_count', 'maxCount'],
  ] as const) {
    const text = get(key);
    if (!text) continue;
    if (/^\d+$/.test(text) && Number(text) >= (prop === 'maxCount' ? 1 : 0)) node[prop] = Number(text);
    else fail(header(key), `${key} must be a whole number${prop === 'maxCount' ? ' of at least 1' : ''}`);
  }
  const appearance = get('control', 'appearance');
  if (appearance) {
    node.appearance = appearance;
    const unrendered = unrenderedAppearances(type, appearance);
    if (unrendered.length > 0)
      warn(
        header('control', 'appearance'),
        `the appearance '${unrendered.join(' ')}' is not rendered by Kusanya: the ${type} is shown in its usual form`,
      );
  }
  const parametersText = get('parameters');
  const parsed = parseParameters(parametersText);
  if ('error' in parsed) fail(header('parameters'), parsed.error);
  else {
    const rows = get('control', 'rows');
    if (rows && parsed['rows'] === undefined) parsed['rows'] = rows;
    if (Object.keys(parsed).length > 0) node.parameters = parsed;
    const fromFile = /_from_file|from file/i.test(get('type'));
    const checked = checkParameters(type, fromFile, parsed, appearance, new Set(Object.keys(ctx.choices)));
    for (const message of checked.problems) fail(header('parameters'), message);
    for (const message of checked.warnings) warn(header('parameters'), message);
  }
  // Columns that pass attributes through to the XForm (bind::…, body::…, instance::…).
  for (const c of columns.columns) {
    if (!PASSED_THROUGH.has(c.tokens[0]!) || c.tokens.length < 2) continue;
    if (HANDLED.has(c.tokens.slice(0, 2).join('::'))) continue;
    if (cell(row, c.header, false) === '') continue;
    warn(
      c.header,
      `the column '${c.header}' is passed to ODK clients as an XForm attribute; it changes nothing in Kusanya`,
    );
  }
  return node;
}

/** Replaces a loop (kept as a group while its rows are read) by one group per choice of its list. */
function expandLoop(open: Open, choices: Readonly<Record<string, Choice[]>>): void {
  const list = open.loopList ? (choices[open.loopList] ?? []) : [];
  const template = open.node.children.splice(0);
  for (const choice of list) {
    const labelOf = (text: LocalizedText | undefined): LocalizedText | undefined => {
      if (!text) return undefined;
      const out: LocalizedText = {};
      for (const [lang, value] of Object.entries(text)) {
        const choiceLabel = choice.label[lang] ?? Object.values(choice.label)[0] ?? choice.name;
        out[lang] = (value ?? '').replace(/%\(label\)s/g, choiceLabel).replace(/%\(name\)s/g, choice.name);
      }
      return out;
    };
    const copy = (node: FormNode): FormNode => {
      const out: FormNode = { ...node };
      const label = labelOf(node.label);
      if (label) out.label = label;
      const hint = labelOf(node.hint);
      if (hint) out.hint = hint;
      if (node.children) out.children = node.children.map(copy);
      return out;
    };
    open.node.children.push({ type: 'group', name: choice.name, label: choice.label, children: template.map(copy) });
  }
}
