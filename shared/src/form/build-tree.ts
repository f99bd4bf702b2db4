import type { Choice, FormDefinition, FormNode, LocalizedText } from '@kusanya/schemas';
import { languageCode } from '../xlsform/cells.js';
import { instanceIdOf, REGISTRY_DATASETS, type InstanceSet } from './instances.js';
import { messageText, type MessageKey } from './messages.js';
import type { CompiledNode, DependentEdge } from './model.js';
import type { FormProblem } from './problems.js';
import { parseSearch, searchColumns, type SearchAppearance } from './search-appearance.js';

/** A node while the compiler fills it in; frozen into a {@link CompiledNode} at the end. */
export type NodeDraft = { -readonly [K in keyof CompiledNode]: CompiledNode[K] } & {
  children: NodeDraft[];
  parent: NodeDraft | null;
  repeatPath: NodeDraft[];
  owner: NodeDraft | null;
  dependents: DependentEdge[];
};

/** Hard ceiling on the instances of any repeat, whatever the form says. */
export const MAX_REPEAT_INSTANCES = 500;

/** The value of the choice added by `or_other`. */
export const OTHER_CHOICE = 'other';

const CONTAINERS = new Set<FormNode['type']>(['group', 'repeat']);
/** Nodes without an answer of their own. */
const NO_VALUE = new Set<FormNode['type']>(['group', 'repeat', 'note']);
/** Questions that pick among choices. */
export const CHOICE_TYPES = new Set<FormNode['type']>(['select_one', 'select_multiple', 'rank']);

export interface Tree {
  readonly nodes: NodeDraft[];
  readonly roots: NodeDraft[];
  /** By data key (unique in the form). */
  readonly byName: Map<string, NodeDraft>;
  /** By the name written in the XLSForm (what `${name}` means; several when groups repeat a name). */
  readonly bySource: Map<string, NodeDraft[]>;
}

function collectNames(fields: readonly FormNode[], into: Set<string>): void {
  for (const f of fields) {
    into.add(f.name);
    if (f.children) collectNames(f.children, into);
  }
}

function translated(languages: readonly string[], key: MessageKey): LocalizedText {
  const text: LocalizedText = {};
  for (const lang of languages) text[lang] = messageText(lang, { key });
  return text;
}

/**
 * Builds the node tree in document order, checks the structure (names, containers, choice lists,
 * repeat settings) and expands `or_other` selects: an `other` choice is added to the question's choices
 * and, unless the form has its own, a required text question `<name>_other` is inserted right after
 * the select, relevant when `other` is selected. Choices from a form media file are read from it
 * (none while the file is not there).
 */
export function buildTree(definition: FormDefinition, instances: InstanceSet, problems: FormProblem[]): Tree {
  const nodes: NodeDraft[] = [];
  const byName = new Map<string, NodeDraft>();
  const bySource = new Map<string, NodeDraft[]>();
  const declared = new Set<string>();
  collectNames(definition.fields, declared);
  const languages = definition.languages;

  const problem = (node: string, property: FormProblem['property'], message: string) =>
    problems.push({ node, property, message });

  const listChoices = (f: FormNode): Choice[] | undefined => {
    const list = definition.choices[f.list!];
    if (!list) {
      problem(f.name, 'list', `choice list '${f.list}' does not exist`);
      return undefined;
    }
    if (list.length === 0) problem(f.name, 'list', `choice list '${f.list}' is empty`);
    return list;
  };

  const setChoices = (node: NodeDraft, f: FormNode) => {
    let choices: Choice[] | undefined;
    if (f.itemset && 'file' in f.itemset) {
      const id = f.itemset.file.replace(/\.\w+$/, '');
      const columns = instances.columns(id);
      const valueColumn = f.itemset.value ?? 'name';
      const labelColumn = f.itemset.label ?? 'label';
      if (columns && !columns.has(valueColumn))
        problem(f.name, 'itemset', `the file '${f.itemset.file}' has no column '${valueColumn}' for the choice values`);
      if (columns && ![...columns].some((c) => c === labelColumn || c.startsWith(`${labelColumn}::`)))
        problem(f.name, 'itemset', `the file '${f.itemset.file}' has no column '${labelColumn}' for the choice labels`);
      const failure = instances.failure(id);
      if (failure) problem(f.name, 'itemset', `the file '${f.itemset.file}' cannot be read: ${failure}`);
      const fromFile = instances.choices(id, (spec) => languageCode(spec), valueColumn, labelColumn);
      if (!instances.hasFile(id) && REGISTRY_DATASETS.has(f.itemset.file)) node.openChoices = true;
      node.choiceInstance = id;
      node.choiceItems = fromFile.items;
      choices = fromFile.choices;
    } else if (f.itemset && 'ref' in f.itemset) {
      // Choices are the answers to another question (bound with the expressions).
      choices = [];
    } else if (f.list && searchFile(f, instances)) {
      // search('file'): the rows of the attached CSV, its columns named by the list's first choice.
      const search = searchFile(f, instances)!;
      const list = listChoices(f) ?? [];
      const columns = searchColumns(list, definition.defaultLanguage);
      const id = instanceIdOf(search.file);
      const fromFile = instances.choices(
        id,
        (spec) => languageCode(spec),
        columns?.value ?? 'name',
        columns?.label ?? 'label',
      );
      node.choiceInstance = id;
      node.choiceItems = fromFile.items;
      choices = fromFile.choices;
    } else if (f.list) {
      choices = listChoices(f);
      if (choices) {
        node.choiceInstance = f.list;
        node.choiceItems = instances.listItems(f.list);
      }
    } else {
      problem(f.name, 'list', `${f.type} needs a choice list`);
    }
    if (!choices) return;
    if (f.type === 'select_multiple' || f.type === 'rank') {
      for (const c of choices) {
        if (/\s/.test(c.name)) {
          problem(
            f.name,
            'list',
            `choice '${c.name}' of list '${f.list ?? ''}' contains a space, which ${f.type} cannot store`,
          );
          break;
        }
      }
    }
    if (f.orOther && !choices.some((c) => c.name === OTHER_CHOICE)) {
      choices = [...choices, { name: OTHER_CHOICE, label: translated(languages, 'otherChoice') }];
    }
    node.choices = choices;
    node.choiceByName = new Map(choices.map((c) => [c.name, c]));
  };

  const add = (f: FormNode, parent: NodeDraft | null, repeatPath: NodeDraft[], siblings: NodeDraft[]): void => {
    if (byName.has(f.name)) problem(f.name, 'name', `the name '${f.name}' is used more than once`);
    const isContainer = CONTAINERS.has(f.type);
    const isSelect = CHOICE_TYPES.has(f.type);
    const node: NodeDraft = {
      id: nodes.length,
      name: f.name,
      sourceName: f.sourceName ?? f.name,
      type: f.type,
      source: f,
      parent,
      repeatPath,
      owner: repeatPath[repeatPath.length - 1] ?? null,
      children: [],
      holdsValue: !NO_VALUE.has(f.type),
      required: false,
      readOnly: false,
      minCount: f.type === 'repeat' ? (f.minCount ?? 0) : 0,
      maxCount: f.type === 'repeat' ? Math.min(f.maxCount ?? MAX_REPEAT_INSTANCES, MAX_REPEAT_INSTANCES) : 0,
      volatile: false,
      rank: 0,
      dependents: [],
    };
    nodes.push(node);
    if (!byName.has(f.name)) byName.set(f.name, node);
    const namesakes = bySource.get(node.sourceName) ?? [];
    namesakes.push(node);
    bySource.set(node.sourceName, namesakes);
    siblings.push(node);

    if (!isContainer && f.children) problem(f.name, 'children', `a ${f.type} cannot contain other questions`);
    if (isSelect) {
      if (f.orOther && f.choiceFilter) {
        problem(
          f.name,
          'orOther',
          "or_other cannot be combined with a choice filter; add an 'other' choice to the list instead",
        );
      }
      setChoices(node, f);
    } else {
      if (f.list || f.itemset) problem(f.name, 'list', `only select questions take a choice list`);
      if (f.choiceFilter) problem(f.name, 'choiceFilter', `only select questions take a choice filter`);
      if (f.orOther) problem(f.name, 'orOther', `only select questions take or_other`);
    }
    if (f.type === 'calculate' && !f.calculation && f.default === undefined)
      problem(f.name, 'calculation', 'a calculate needs a calculation');
    if (f.calculation && NO_VALUE.has(f.type)) problem(f.name, 'calculation', `a ${f.type} takes no calculation`);
    if (f.type !== 'repeat' && (f.repeatCount || f.minCount !== undefined || f.maxCount !== undefined)) {
      problem(f.name, f.repeatCount ? 'repeatCount' : 'minCount', 'only repeats take a repeat count');
    }
    if (f.type === 'repeat') {
      if (f.repeatCount && (f.minCount !== undefined || f.maxCount !== undefined)) {
        problem(f.name, 'repeatCount', 'a repeat takes either a repeat count or a minimum/maximum, not both');
      }
      if (node.minCount > node.maxCount)
        problem(f.name, 'minCount', `minimum ${node.minCount} is above maximum ${node.maxCount}`);
    }
    if (f.default !== undefined && NO_VALUE.has(f.type)) problem(f.name, 'default', `a ${f.type} takes no default`);

    if (isContainer) {
      const inner = f.type === 'repeat' ? [...repeatPath, node] : repeatPath;
      for (const child of f.children ?? []) add(child, node, inner, node.children);
    }

    const otherName = `${f.name}_other`;
    if (isSelect && f.orOther && !declared.has(otherName)) {
      declared.add(otherName);
      add(
        {
          type: 'text',
          name: otherName,
          ...(node.sourceName !== f.name ? { sourceName: `${node.sourceName}_other` } : {}),
          label: translated(languages, 'otherSpecify'),
          relevant: `selected(\${${node.sourceName}}, '${OTHER_CHOICE}')`,
          required: true,
        },
        parent,
        repeatPath,
        siblings,
      );
    }
  };

  const roots: NodeDraft[] = [];
  for (const f of definition.fields) add(f, null, [], roots);
  if (definition.fields.length === 0) problems.push({ property: 'fields', message: 'the form has no questions' });
  return { nodes, roots, byName, bySource };
}

/** The search() appearance of a select whose CSV file is attached (null: the list of the choices sheet is used). */
export function searchFile(f: FormNode, instances: InstanceSet): SearchAppearance | null {
  if (!CHOICE_TYPES.has(f.type) || !f.appearance) return null;
  const search = parseSearch(f.appearance);
  return search && instances.hasFile(instanceIdOf(search.file)) ? search : null;
}
