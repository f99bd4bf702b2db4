import type { CompiledForm, CompiledNode } from '@kusanya/shared/form/engine';
import { parsePath } from '@kusanya/shared/form/engine';
import { NOT_SHOWN } from './appearance.js';

/**
 * How a form is split into screens: one per top-level group, one per top-level repeat (the roster),
 * and one for each run of questions outside any group — a long run in pages of QUESTIONS_PER_PAGE, so that
 * a screen stays quick to draw and to scroll on a cheap tablet (a 1,000-question form is 40 pages, not one
 * screen of 1,000). Calculations and metadata are not shown (except their errors), so a run of them alone makes
 * no screen.
 */
export interface Screen {
  readonly key: string;
  readonly kind: 'group' | 'repeat' | 'questions';
  /**
   * Top-level node names shown on the screen. For a group or repeat screen the first is that group
   * or repeat; hidden calculations may follow (shown only when their expression fails).
   */
  readonly paths: readonly string[];
  /** A page of a long run of questions: which one, of how many. */
  readonly page?: { readonly n: number; readonly of: number };
}

/** Questions shown on one page of a run of questions outside groups. */
export const QUESTIONS_PER_PAGE = 25;

/** A run of questions in pages of at most QUESTIONS_PER_PAGE shown questions (calculations go with their page). */
function paged(form: CompiledForm, run: readonly string[]): Screen[] {
  const pages: string[][] = [[]];
  let shown = 0;
  for (const name of run) {
    const hidden = NOT_SHOWN.has(form.byName.get(name)!.type);
    if (!hidden && shown === QUESTIONS_PER_PAGE) {
      pages.push([]);
      shown = 0;
    }
    pages.at(-1)!.push(name);
    if (!hidden) shown++;
  }
  return pages.map((paths, i) => ({
    key: `questions:${paths[0]}`,
    kind: 'questions',
    paths,
    ...(pages.length > 1 ? { page: { n: i + 1, of: pages.length } } : {}),
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
      screens.push({ key: `${node.type}:${node.name}`, kind: node.type, paths: [node.name, ...before] });
    } else {
      loose.push(node.name);
      if (!NOT_SHOWN.has(node.type)) looseShown = true;
    }
  }
  closeLoose();
  return screens;
}

/** The top-level node that holds `path` (`members[2].sex` → `members`; `rooms` → its group). */
function rootOf(form: CompiledForm, path: string): CompiledNode | undefined {
  const parsed = parsePath(path);
  if (!parsed) return undefined;
  const first = parsed.steps[0]?.repeat ?? parsed.name;
  let node = first ? form.byName.get(first) : undefined;
  while (node?.parent) node = node.parent;
  return node;
}

/** Where a path is shown: its screen, and the roster instance to open (`members[2]`), if any. */
export interface Location {
  readonly screen: number;
  readonly instance: { readonly repeat: string; readonly index: number } | null;
}

export function locate(form: CompiledForm, screens: readonly Screen[], path: string): Location | null {
  const root = rootOf(form, path);
  if (!root) return null;
  const screen = screens.findIndex((s) => s.paths.includes(root.name));
  if (screen === -1) return null;
  const step = parsePath(path)?.steps[0];
  return { screen, instance: step ? { repeat: step.repeat, index: step.index } : null };
}
