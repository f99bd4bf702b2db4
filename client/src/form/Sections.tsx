import { useCallback, useSyncExternalStore } from 'react';
import { whenIdle } from '../app/when-idle.js';
import { useI18n } from '../i18n/i18n.js';
import { localize } from './labels.js';
import { addCompleteness, completenessLevel, emptyCompleteness, type Completeness } from './completeness.js';
import type { FormStore } from './form-store.js';
import { useFormStore } from './hooks.js';
import type { Screen } from './screens.js';

/** What a screen draws: its top-level nodes; on a page of a long group, that page's part of the group. */
function screenNodes(screen: Screen): readonly string[] {
  return screen.part ? [...screen.part.units, ...screen.paths.slice(1)] : screen.paths;
}

/** Whether a screen has anything to answer now (its group or repeat is relevant, or one of its questions is). */
export function screenRelevant(store: FormStore, screen: Screen): boolean {
  const shown = (p: string) => {
    const s = store.state(p);
    return s !== undefined && s.relevant && s.type !== 'calculate';
  };
  if (screen.kind === 'questions') return screen.paths.some(shown);
  if (!(store.state(screen.paths[0]!)?.relevant ?? false)) return false;
  return !screen.part || screen.part.units.some(shown);
}

/** Adds the completeness of what a screen draws to `into`. */
export function addScreenCompleteness(store: FormStore, screen: Screen, into: Completeness): Completeness {
  for (const path of screenNodes(screen)) addCompleteness(store, path, into);
  return into;
}

export function screenCompleteness(store: FormStore, screen: Screen): Completeness {
  return addScreenCompleteness(store, screen, emptyCompleteness());
}

type Schedule = (task: () => void) => () => void;

const nextFrame: Schedule = (task) => {
  const id = requestAnimationFrame(task);
  return () => cancelAnimationFrame(id);
};

/** How long a summary of the whole form may lag behind the answers when the tablet is busy. */
export const SUMMARY_MAX_DELAY_MS = 1000;

const whenIdleSoon: Schedule = (task) => whenIdle(task, SUMMARY_MAX_DELAY_MS);

/** A version number of the form that moves when `schedule` runs after changes (many changes, one re-render). */
function useVersionAfter(schedule: Schedule): number {
  const store = useFormStore();
  const subscribe = useCallback(
    (listener: () => void) => {
      let cancel: (() => void) | null = null;
      const unsubscribe = store.subscribeAll(() => {
        cancel ??= schedule(() => {
          cancel = null;
          listener();
        });
      });
      return () => {
        cancel?.();
        unsubscribe();
      };
    },
    [store, schedule],
  );
  return useSyncExternalStore(subscribe, () => store.getVersion());
}

/** Re-renders at most once per frame while the form changes (for views that sum up the whole form). */
export function useFrameVersion(): number {
  return useVersionAfter(nextFrame);
}

/**
 * Re-renders once the tablet is idle after changes (within SUMMARY_MAX_DELAY_MS): for a summary always on screen
 * (the answered bar), which must not delay the frame that shows the answer just typed.
 */
export function useIdleVersion(): number {
  return useVersionAfter(whenIdleSoon);
}

/**
 * A screen's title: its group's label with `${}` filled in, or, while the group is not relevant
 * (the engine gives no label then), the label as written in the form.
 */
export function useScreenTitle(): (screen: Screen) => string {
  const { t, lang } = useI18n();
  const store = useFormStore();
  return (screen) => {
    if (screen.kind === 'questions')
      return screen.page
        ? t('form.questionsPage', { n: screen.page.n, total: screen.page.of })
        : t('form.otherQuestions');
    const name = screen.paths[0]!;
    const node = store.session.form.byName.get(name);
    const title = store.state(name)?.label || (node && localize(node.source.label, lang, store.session.form)) || name;
    return screen.page ? t('form.groupPage', { title, n: screen.page.n, total: screen.page.of }) : title;
  };
}

/** Every section with how complete it is; a section can be opened from here. */
export function SectionList({
  screens,
  current,
  onGo,
}: {
  screens: readonly Screen[];
  current: number;
  onGo(index: number): void;
}) {
  const { t } = useI18n();
  const store = useFormStore();
  useFrameVersion();
  const title = useScreenTitle();
  return (
    <ol className="sections" data-testid="sections">
      {screens.map((screen, i) => {
        const relevant = screenRelevant(store, screen);
        const c = screenCompleteness(store, screen);
        const level = relevant ? completenessLevel(c) : 'na';
        return (
          <li
            key={screen.key}
            className={`section level-${level}${i === current ? ' current' : ''}`}
            data-level={level}
          >
            <button
              type="button"
              className="section-button"
              disabled={!relevant}
              onClick={() => onGo(i)}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="section-title">{title(screen)}</span>
              <small className="section-state">
                {!relevant
                  ? t('form.notApplicable')
                  : [
                      level === 'complete'
                        ? t('form.complete')
                        : t('form.answered', { answered: c.answered, total: c.total }),
                      c.missing > 0 ? t('form.missingCount', { count: c.missing }) : '',
                      c.invalid > 0 ? t('form.invalidCount', { count: c.invalid }) : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
              </small>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
