import { useCallback, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { localize } from './labels.js';
import { addCompleteness, completenessLevel, emptyCompleteness, type Completeness } from './completeness.js';
import type { FormStore } from './form-store.js';
import { useFormStore } from './hooks.js';
import type { Screen } from './screens.js';

/** Whether a screen has anything to answer now (its group or repeat is relevant, or one of its questions is). */
export function screenRelevant(store: FormStore, screen: Screen): boolean {
  if (screen.kind !== 'questions') return store.state(screen.paths[0]!)?.relevant ?? false;
  return screen.paths.some((p) => {
    const s = store.state(p);
    return s !== undefined && s.relevant && s.type !== 'calculate';
  });
}

export function screenCompleteness(store: FormStore, screen: Screen): Completeness {
  const c = emptyCompleteness();
  for (const path of screen.paths) addCompleteness(store, path, c);
  return c;
}

/** Re-renders at most once per frame while the form changes (for views that sum up the whole form). */
export function useFrameVersion(): number {
  const store = useFormStore();
  const subscribe = useCallback(
    (listener: () => void) => {
      let frame = 0;
      const unsubscribe = store.subscribeAll(() => {
        if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), listener()));
      });
      return () => {
        cancelAnimationFrame(frame);
        unsubscribe();
      };
    },
    [store],
  );
  return useSyncExternalStore(subscribe, () => store.getVersion());
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
    const label = store.state(name)?.label;
    if (label) return label;
    const node = store.session.form.byName.get(name);
    return (node && localize(node.source.label, lang, store.session.form)) || name;
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
