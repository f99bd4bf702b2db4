import type { FormNode } from '@kusanya/schemas';
import { isBlankRow, NAME_PATTERN, parseFlag } from './cells.js';
import { headerFor, localizedCell, plainCell, type ColumnSet } from './columns.js';
import { checkAppearance, parseType } from './survey-types.js';
import type { SheetRow, XlsformProblem } from './types.js';

export interface SurveyResult {
  readonly fields: FormNode[];
  /** Sheet row of each node, by name (first occurrence). */
  readonly rowOf: ReadonlyMap<string, number>;
}

interface OpenContainer {
  readonly node: FormNode & { children: FormNode[] };
  readonly type: 'group' | 'repeat';
  readonly row: number;
}

/**
 * Reads the survey sheet into a node tree. Rows with an unsupported type still yield a
 * placeholder text node (so references to them do not cascade into more errors), but the
 * problem is reported and the form is not imported.
 */
export function readSurvey(
  rows: readonly SheetRow[],
  columns: ColumnSet,
  defaultLanguage: string,
  problems: XlsformProblem[],
  warnings: XlsformProblem[],
): SurveyResult {
  const fields: FormNode[] = [];
  const rowOf = new Map<string, number>();
  const stack: OpenContainer[] = [];
  const siblings = () => stack[stack.length - 1]?.node.children ?? fields;

  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const fail = (base: string, message: string) =>
      problems.push({ sheet: 'survey', row: row.row, column: headerFor(columns, base), message });
    const get = (base: string) => plainCell(row, columns, base);
    const typeText = get('type');
    const name = get('name');
    if (!typeText) {
      fail('type', 'missing type');
      continue;
    }
    const parsed = parseType(typeText);

    if (parsed.kind === 'end') {
      const open = stack[stack.length - 1];
      if (!open) {
        fail('type', `'end ${parsed.type}' without a matching 'begin ${parsed.type}'`);
        continue;
      }
      if (open.type !== parsed.type) {
        fail(
          'type',
          `'end ${parsed.type}' but the ${open.type} '${open.node.name}' opened at row ${open.row} is not closed`,
        );
      } else if (name && name !== open.node.name) {
        fail(
          'name',
          `'end ${parsed.type} ${name}' does not match the open ${open.type} '${open.node.name}' (row ${open.row})`,
        );
      }
      if (open.node.children.length === 0) {
        problems.push({
          sheet: 'survey',
          row: open.row,
          column: headerFor(columns, 'type'),
          message: `${open.type} '${open.node.name}' is empty`,
        });
      }
      stack.pop();
      continue;
    }
    if (parsed.kind === 'metadata') {
      warnings.push({
        sheet: 'survey',
        row: row.row,
        column: headerFor(columns, 'type'),
        message: `'${parsed.name}' is ignored: Kusanya records device, user and times in the submission itself`,
      });
      continue;
    }
    if (!name) {
      fail('name', 'missing name');
      continue;
    }
    if (!NAME_PATTERN.test(name)) {
      fail('name', `'${name}' is not a valid name (letters, digits, '_', '-', '.'; starting with a letter or '_')`);
      continue;
    }
    const earlier = rowOf.get(name);
    if (earlier !== undefined) fail('name', `the name '${name}' is already used at row ${earlier}`);
    else rowOf.set(name, row.row);

    if (parsed.kind === 'error') {
      fail('type', parsed.message);
      siblings().push({ type: 'text', name });
      continue;
    }
    const node = buildNode(row, columns, defaultLanguage, parsed.kind === 'begin' ? parsed.type : parsed.type, fail);
    if (parsed.kind === 'question') {
      if (parsed.list) node.list = parsed.list;
      if (parsed.orOther) node.orOther = true;
      if (!node.label && parsed.type !== 'calculate') fail('label', `${parsed.type} '${name}' needs a label`);
    }
    siblings().push(node);
    if (parsed.kind === 'begin') {
      const container = node as FormNode & { children: FormNode[] };
      container.children = [];
      stack.push({ node: container, type: parsed.type, row: row.row });
    }
  }
  for (const open of stack) {
    problems.push({
      sheet: 'survey',
      row: open.row,
      column: headerFor(columns, 'type'),
      message: `'begin ${open.type} ${open.node.name}' has no matching 'end ${open.type}'`,
    });
  }
  return { fields, rowOf };
}

function buildNode(
  row: SheetRow,
  columns: ColumnSet,
  defaultLanguage: string,
  type: FormNode['type'],
  fail: (base: string, message: string) => void,
): FormNode {
  const get = (base: string) => plainCell(row, columns, base);
  const node: FormNode = { type, name: get('name') };
  const texts = [
    ['label', 'label'],
    ['hint', 'hint'],
    ['constraint_message', 'constraintMessage'],
    ['required_message', 'requiredMessage'],
  ] as const;
  for (const [base, key] of texts) {
    const text = localizedCell(row, columns, base, defaultLanguage);
    if (text) node[key] = text;
  }
  const required = parseFlag(get('required'));
  if (required !== false) node.required = required;
  const readOnly = parseFlag(get('read_only'));
  if (readOnly !== false) node.readOnly = readOnly;
  const expressions = [
    ['relevant', 'relevant'],
    ['constraint', 'constraint'],
    ['calculation', 'calculation'],
    ['choice_filter', 'choiceFilter'],
    ['repeat_count', 'repeatCount'],
  ] as const;
  for (const [base, key] of expressions) {
    const text = get(base);
    if (text) node[key] = text;
  }
  const defaultText = get('default');
  if (defaultText) node.default = defaultText;
  for (const [base, key] of [
    ['min_count', 'minCount'],
    ['max_count', 'maxCount'],
  ] as const) {
    const text = get(base);
    if (!text) continue;
    if (/^\d+$/.test(text) && Number(text) >= (key === 'maxCount' ? 1 : 0)) node[key] = Number(text);
    else fail(base, `${base} must be a whole number${key === 'maxCount' ? ' of at least 1' : ''}`);
  }
  const appearance = get('appearance');
  if (appearance) {
    const checked = checkAppearance(type, appearance);
    if ('error' in checked) fail('appearance', checked.error);
    else if (checked.value) node.appearance = checked.value;
  }
  return node;
}
