import type { CompiledForm, CompiledNode } from '@kusanya/shared/form/engine';
import { parsePath } from '@kusanya/shared/form/engine';
import { NOT_SHOWN } from './appearance.js';

/**
 * How a form is split into screens: one per top-level group, one per top-level repeat (the roster),
 * and one for each run of questions outside any group — a long run in pages of QUESTIONS_PER_PAGE, so that
 * a screen stays quick to draw and to scroll on a cheap tablet (a 1,000-question form is 40 pages, not one
 * screen of 1,000). A top-level group with more than QUESTIONS_PER_PAGE questions is paged the same way (its
 * nested groups may continue from one page to the next), except a `field-list` or `table-list` group, which the
 * form asks to show on one screen (as ODK does). Calculations and metadata are not shown (except their errors),
 * so a run of them alone makes no screen.
 */
export interface Screen {
  readonly key: string;
  readonly kind: 'group' | 'repeat' | 'questions';
  /**
   * Top-level node names shown on the screen. For a group or repeat screen the first is that group
   * or repeat; hidden calculations may follow (shown only when their expression fails).
   */
  readonly paths: readonly string[];
  /** A page of a long run of questions or of a long group: which one, of how many. */
  readonly page?: { readonly n: number; readonly of: number };
  /** A page of a long group: what of the group it shows. */
  readonly part?: GroupPart;
}

/** The part of a long group one page shows. */
export interface GroupPart {
  /** The nodes drawn whole (questions, notes, repeats, field-list groups, calculations), in form order. */
  readonly units: readonly string[];
  /** The groups split across pages that hold them (the top-level group first): each shows only what is listed here. */
  readonly groups: readonly string[];
}

/** Questions shown on one page of a run of questions outside groups, or of a long group. */
export const QUESTIONS_PER_PAGE = 25;

/** Splits `items` in pages of at most QUESTIONS_PER_PAGE shown questions (an item weighing more has a page to itself). */
function chunk<T>(items: readonly T[], weight: (item: T) => number): T[][] {
  const pages: T[][] = [[]];
  let shown = 0;
  for (const item of items) {
    const w = weight(item);
    if (w > 0 && shown > 0 && shown + w > QUESTIONS_PER_PAGE) {
      pages.push([]);
      shown = 0;
    }
    pages.at(-1)!.push(item);
    shown += w;
  }
  return pages;
}

const pageOf = (i: number, pages: readonly unknown[]) =>
  pages.length > 1 ? { page: { n: i + 1, of: pages.length } } : {};

/** A run of questions in pages of at most QUESTIONS_PER_PAGE shown questions (calculations go with their page). */
function paged(form: CompiledForm, run: readonly string[]): Screen[] {
  const pages = chunk(run, (name) => (NOT_SHOWN.has(form.byName.get(name)!.type) ? 0 : 1));
  return pages.map((paths, i) => ({ key: `questions:${paths[0]}`, kind: 'questions', paths, ...pageOf(i, pages) }));
}

/** A group the form wants on one screen. */
const oneScreen = (node: CompiledNode) => /\b(field-list|table-list)\b/.test(node.source.appearance ?? '');

/** Questions a node shows: none for calculations, metadata and `hidden` ones; a roster counts as one. */
function shownQuestions(node: CompiledNode): number {
  if (node.type === 'group') return node.children.reduce((n, c) => n + shownQuestions(c), 0);
  if (NOT_SHOWN.has(node.type) || /\bhidden\b/.test(node.source.appearance ?? '')) return 0;
  return 1;
}

/** What a group splits into: the nodes drawn whole, each with the groups (below the top one) that hold it. */
function unitsOf(
  group: CompiledNode,
  within: readonly CompiledNode[] = [],
): { node: CompiledNode; within: readonly CompiledNode[] }[] {
  return group.children.flatMap((child) =>
    child.type === 'group' && !oneScreen(child) ? unitsOf(child, [...within, child]) : [{ node: child, within }],
  );
}

/** A top-level group: one screen, or pages of at most QUESTIONS_PER_PAGE questions (see {@link Screen}). */
function groupScreens(group: CompiledNode, before: readonly string[]): Screen[] {
  const single: Screen = { key: `group:${group.name}`, kind: 'group', paths: [group.name, ...before] };
  if (oneScreen(group) || shownQuestions(group) <= QUESTIONS_PER_PAGE) return [single];
  const pages = chunk(unitsOf(group), (u) => shownQuestions(u.node));
  return pages.map((units, i) => ({
    key: `group:${group.name}:${i + 1}`,
    kind: 'group',
    paths: i === 0 ? single.paths : [group.name],
    ...pageOf(i, pages),
    part: {
      units: units.map((u) => u.node.name),
      groups: [group.name, ...new Set(units.flatMap((u) => u.within.map((g) => g.name)))],
    },
  }));
}

export function buildScreens(form: CompiledForm): Screen[] {
  const screens: Screen[] = [];
  let loose: string[] = [];
  let looseShown = false;
  const closeLoose = () => {
    if (loose.length === 0) return;
    if (looseShown) {
      screens.push(...paged(form, loose));
    } else if (screens.length > 0) {
      // Calculations alone: shown (only when they fail) on the screen before them.
      const last = screens[screens.length - 1]!;
      screens[screens.length - 1] = { ...last, paths: [...last.paths, ...loose] };
    } else {
      return; // keep them for the first screen
    }
    loose = [];
    looseShown = false;
  };
  for (const node of form.roots) {
    if (node.type === 'group' || node.type === 'repeat') {
      const before = screens.length === 0 && !looseShown ? loose : [];
      if (before.length === 0) closeLoose();
      else loose = [];
      if (node.type === 'group') screens.push(...groupScreens(node, before));
      else screens.push({ key: `repeat:${node.name}`, kind: 'repeat', paths: [node.name, ...before] });
    } else {
      loose.push(node.name);
      if (!NOT_SHOWN.has(node.type)) looseShown = true;
    }
  }
  closeLoose();
  return screens;
}

/** The node `path` names (for a path inside a roster entry, `members[2].sex`, the roster), then its groups up to the top. */
function nodeChain(form: CompiledForm, path: string): CompiledNode[] {
  const parsed = parsePath(path);
  const first = parsed ? (parsed.steps[0]?.repeat ?? parsed.name) : null;
  const chain: CompiledNode[] = [];
  for (let node = first ? form.byName.get(first) : undefined; node; node = node.parent ?? undefined) chain.push(node);
  return chain;
}

/** Where a path is shown: its screen, and the roster instance to open (`members[2]`), if any. */
export interface Location {
  readonly screen: number;
  readonly instance: { readonly repeat: string; readonly index: number } | null;
}

export function locate(form: CompiledForm, screens: readonly Screen[], path: string): Location | null {
  const chain = nodeChain(form, path);
  const root = chain.at(-1);
  if (!root) return null;
  // The screen of its top-level node; on a long group's pages, the page that draws it (the first, for the group).
  const screen = screens.findIndex(
    (s) =>
      s.paths.includes(root.name) &&
      (!s.part || s.paths[0] !== root.name || chain.length === 1 || chain.some((n) => s.part!.units.includes(n.name))),
  );
  if (screen === -1) return null;
  const step = parsePath(path)?.steps[0];
  return { screen, instance: step ? { repeat: step.repeat, index: step.index } : null };
}
