import type { Choice, FormDefinition, FormNode, LocalizedText } from '@kusanya/schemas';
import { messageText, type MessageKey } from './messages.js';
import type { CompiledNode, DependentEdge } from './model.js';
import type { FormProblem } from './problems.js';

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
const NO_VALUE = new Set<FormNode['type']>(['group', 'repeat', 'note']);
const SELECTS = new Set<FormNode['type']>(['select_one', 'select_multiple']);

export interface Tree {
  readonly nodes: NodeDraft[];
  readonly roots: NodeDraft[];
  readonly byName: Map<string, NodeDraft>;
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
 * Builds the node tree in document order, checks the structure (names, containers, choice
 * lists, repeat settings) and expands `or_other` selects: an `other` choice is added to the
 * question's choices and, unless the form has its own, a required text question
 * `<name>_other` is inserted right after the select, relevant when `other` is selected.
 */
export function buildTree(definition: FormDefinition, problems: FormProblem[]): Tree {
  const nodes: NodeDraft[] = [];
  const byName = new Map<string, NodeDraft>();
  const declared = new Set<string>();
  collectNames(definition.fields, declared);
  const languages = definition.languages;

  const problem = (node: string, property: FormProblem['property'], message: string) =>
    problems.push({ node, property, message });

  const choicesFor = (f: FormNode): Choice[] | undefined => {
    if (!f.list) {
      problem(f.name, 'list', `${f.type} needs a choice list`);
      return undefined;
    }
    const list = definition.choices[f.list];
    if (!list) {
      problem(f.name, 'list', `choice list '${f.list}' does not exist`);
      return undefined;
    }
    if (list.length === 0) problem(f.name, 'list', `choice list '${f.list}' is empty`);
    const seen = new Set<string>();
    for (const c of list) {
      if (seen.has(c.name)) problem(f.name, 'list', `choice list '${f.list}' has '${c.name}' twice`);
      seen.add(c.name);
      if (f.type === 'select_multiple' && /\s/.test(c.name)) {
        problem(
          f.name,
          'list',
          `choice '${c.name}' of list '${f.list}' contains a space, which select_multiple cannot store`,
        );
      }
    }
    if (f.orOther && !seen.has(OTHER_CHOICE)) {
      return [...list, { name: OTHER_CHOICE, label: translated(languages, 'otherChoice') }];
    }
    return list;
  };

  const add = (f: FormNode, parent: NodeDraft | null, repeatPath: NodeDraft[], siblings: NodeDraft[]): void => {
    if (byName.has(f.name)) problem(f.name, 'name', `the name '${f.name}' is used more than once`);
    const isContainer = CONTAINERS.has(f.type);
    const isSelect = SELECTS.has(f.type);
    const node: NodeDraft = {
      id: nodes.length,
      name: f.name,
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
      rank: 0,
      dependents: [],
    };
    nodes.push(node);
    if (!byName.has(f.name)) byName.set(f.name, node);
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
      const choices = choicesFor(f);
      if (choices) {
        node.choices = choices;
        node.choiceByName = new Map(choices.map((c) => [c.name, c]));
      }
    } else {
      if (f.list) problem(f.name, 'list', `only select questions take a choice list`);
      if (f.choiceFilter) problem(f.name, 'choiceFilter', `only select questions take a choice filter`);
      if (f.orOther) problem(f.name, 'orOther', `only select questions take or_other`);
    }
    if (f.type === 'calculate' && !f.calculation) problem(f.name, 'calculation', 'a calculate needs a calculation');
    if (f.calculation && f.type !== 'calculate') {
      problem(f.name, 'calculation', `only a calculate takes a calculation (show its value in a note with \${name})`);
    }
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
          label: translated(languages, 'otherSpecify'),
          relevant: `selected(\${${f.name}}, '${OTHER_CHOICE}')`,
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
  return { nodes, roots, byName };
}
