import type { FieldError } from '@kusanya/schemas';
import type { CompiledForm } from '@kusanya/shared/form/engine';
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { FormStore } from './form-store.js';
import { FormStoreContext, useFormStore, useNodeState } from './hooks.js';
import { GroupBody, GroupPartContext, NodeView } from './NodeView.js';
import { MissingFlagsContext, type MissingFlags } from './Question.js';
import { entryTitle, RosterNavContext, type OpenEntry, type RosterNav } from './Roster.js';
import { buildScreens, locate, type Screen } from './screens.js';
import { emptyCompleteness } from './completeness.js';
import {
  addScreenCompleteness,
  screenRelevant,
  SectionList,
  useFrameVersion,
  useIdleVersion,
  useScreenTitle,
} from './Sections.js';

export interface FormRendererProps {
  readonly store: FormStore;
  readonly form: CompiledForm;
  /** Text of the button that finishes the record. */
  readonly finishLabel: string;
  /** Called once the answers pass every rule; a rejection's message is shown to the user. */
  onFinalize(): Promise<void>;
  /** Shown above the first section and on the finishing screen (e.g. what a correction is about). */
  readonly banner?: ReactNode;
  /** Flag every unanswered required question from the start (a record sent back for correction). */
  readonly flagFromStart?: boolean;
}

/**
 * Relevance of every screen, as a string of 0/1 (a stable snapshot for useSyncExternalStore), worked out once per
 * change of the form however many times React asks.
 */
function useScreensRelevance(store: FormStore, screens: readonly Screen[]): string {
  const subscribe = useCallback((listener: () => void) => store.subscribeAll(listener), [store]);
  const snapshot = useMemo(() => {
    let version = -1;
    let relevance = '';
    return () => {
      if (store.getVersion() !== version) {
        version = store.getVersion();
        relevance = screens.map((s) => (screenRelevant(store, s) ? '1' : '0')).join('');
      }
      return relevance;
    };
  }, [store, screens]);
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * Fills a form one section at a time: a progress indicator, previous/next, a list of sections
 * with their completeness, rosters as cards with one entry open at a time, and a finishing screen
 * that runs the same validation as the server and leads to every answer that must be fixed.
 */
export function FormRenderer({
  store,
  form,
  finishLabel,
  onFinalize,
  banner,
  flagFromStart = false,
}: FormRendererProps) {
  const { t, lang } = useI18n();
  const screens = useMemo(() => buildScreens(form), [form]);
  const finishIndex = screens.length;
  const relevance = useScreensRelevance(store, screens);
  const [index, setIndex] = useState(() => Math.max(0, relevance.indexOf('1')));
  const [open, setOpen] = useState<OpenEntry | null>(null);
  const [left, setLeft] = useState<ReadonlySet<number>>(() => new Set());
  const [attempted, setAttempted] = useState(flagFromStart);
  const [messages, setMessages] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [sectionsOpen, setSectionsOpen] = useState(false);
  const [moves, setMoves] = useState(0);
  const focusPath = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // A form with an `audit` question logs each screen visited, from when it was shown to when it was left.
  useEffect(() => {
    if (!store.session.audited) return undefined;
    const start = Date.now();
    const node = index < finishIndex ? screens[index]!.key : undefined;
    return () => store.session.logAudit({ event: 'group', ...(node ? { node } : {}), start, end: Date.now() });
  }, [store, index, screens, finishIndex]);

  const go = useCallback(
    (next: number, entry: OpenEntry | null = null) => {
      setLeft((prev) => (prev.has(index) ? prev : new Set(prev).add(index)));
      setIndex(next);
      setOpen(entry);
      setSectionsOpen(false);
      setMoves((m) => m + 1);
    },
    [index],
  );

  // After every move a screen starts at its top, with its heading focused (for screen readers), unless
  // the user was sent to one question.
  useEffect(() => {
    const path = focusPath.current;
    focusPath.current = null;
    if (path) {
      const target = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.querySelector<HTMLElement>('input, select, textarea, button')?.focus({ preventScroll: true });
        return;
      }
    }
    window.scrollTo({ top: 0 });
    heading.current?.focus({ preventScroll: true });
  }, [moves]);

  const goToPath = useCallback(
    (path: string) => {
      const where = locate(form, screens, path);
      if (!where) return;
      focusPath.current = path;
      go(where.screen, where.instance ? { repeat: where.instance.repeat, index: where.instance.index } : null);
    },
    [form, screens, go],
  );

  const step = (direction: 1 | -1) => {
    // Inside a roster entry, previous/next go from one member to the next, and from the last back to the list.
    if (open) {
      const next = open.index + direction;
      const count = store.state(open.repeat)?.instanceCount ?? 0;
      setOpen(next >= 0 && next < count ? { repeat: open.repeat, index: next } : null);
      return;
    }
    for (let i = index + direction; i >= 0 && i < finishIndex; i += direction) {
      if (relevance[i] === '1') return go(i);
    }
    if (direction === 1) go(finishIndex);
  };

  const validate = useCallback(() => {
    const { errors } = store.session.validate();
    setMessages(new Map(errors.map((e) => [e.path, e.message])));
    return errors;
  }, [store]);

  // Messages of a finishing attempt follow the language.
  useEffect(() => {
    if (attempted) validate();
  }, [lang, attempted, validate]);

  const rosterNav = useMemo<RosterNav>(() => ({ open, setOpen }), [open]);
  const flags = useMemo<MissingFlags>(
    () => ({ show: attempted || left.has(index), messages }),
    [attempted, left, index, messages],
  );

  // Counted over every section of the form (plus the finishing step), so the total never jumps as answers open
  // or close sections; the bar says how much is answered, not how far one has paged.
  const position = index + 1;
  const total = finishIndex + 1;

  return (
    <FormStoreContext.Provider value={store}>
      <RosterNavContext.Provider value={rosterNav}>
        <MissingFlagsContext.Provider value={flags}>
          <div className="form-progress">
            <div className="row">
              <span data-testid="progress-text">{t('form.sectionOf', { n: position, total })}</span>
              <button
                type="button"
                className="secondary"
                aria-expanded={sectionsOpen}
                onClick={() => setSectionsOpen((v) => !v)}
              >
                ☰ {sectionsOpen ? t('form.sectionsClose') : t('form.sections')}
              </button>
            </div>
            <AnsweredBar screens={screens} />
          </div>
          {sectionsOpen ? (
            <nav className="sections-panel" aria-label={t('form.sections')}>
              <SectionList screens={screens} current={index} onGo={(i) => go(i)} />
              <button type="button" className="section-button finish-link" onClick={() => go(finishIndex)}>
                {t('form.finishTitle')}
              </button>
            </nav>
          ) : null}
          {banner && (index === finishIndex || index === relevance.indexOf('1')) ? banner : null}
          {index === finishIndex ? (
            <FinishScreen
              headingRef={heading}
              screens={screens}
              attempted={attempted}
              finishLabel={finishLabel}
              onGo={(i) => go(i)}
              onGoToPath={goToPath}
              onFinish={async () => {
                setAttempted(true);
                if (validate().length > 0) return;
                await onFinalize();
              }}
            />
          ) : (
            <section className="screen" data-screen={screens[index]!.key}>
              {screens[index]!.kind === 'questions' ? (
                <ScreenHeading screen={screens[index]!} headingRef={heading} />
              ) : (
                <NodeScreenHeading screen={screens[index]!} headingRef={heading} />
              )}
              {relevance[index] === '1' ? (
                <ScreenBody screen={screens[index]!} />
              ) : (
                <p className="muted">{t('form.nothingHere')}</p>
              )}
            </section>
          )}
          <div className="form-nav">
            <button
              type="button"
              className="secondary big"
              onClick={() => step(-1)}
              disabled={!open && (index === 0 || relevance.slice(0, index).indexOf('1') === -1)}
            >
              ← {open ? (open.index > 0 ? t('form.previousEntry') : t('form.backToList')) : t('form.previous')}
            </button>
            {index < finishIndex ? (
              <button type="button" className="big" onClick={() => step(1)}>
                {open && open.index + 1 >= (store.state(open.repeat)?.instanceCount ?? 0)
                  ? t('form.backToList')
                  : open
                    ? t('form.nextEntry')
                    : t('form.next')}{' '}
                →
              </button>
            ) : (
              <span />
            )}
          </div>
        </MissingFlagsContext.Provider>
      </RosterNavContext.Provider>
    </FormStoreContext.Provider>
  );
}

/**
 * How much of what is asked now is answered (relevant questions across the form). Counted again once the tablet is
 * idle after a change, not in the frame that shows the answer (a 1,000-question form is counted in one go).
 */
const AnsweredBar = memo(function AnsweredBar({ screens }: { screens: readonly Screen[] }) {
  const { t } = useI18n();
  const store = useFormStore();
  useIdleVersion();
  const c = emptyCompleteness();
  for (const screen of screens) addScreenCompleteness(store, screen, c);
  return (
    <progress
      max={Math.max(1, c.total)}
      value={c.answered}
      aria-label={t('form.answered', { answered: c.answered, total: c.total })}
      data-testid="answered-bar"
    />
  );
});

interface HeadingProps {
  screen: Screen;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}

/** A group's or roster's title may show answers (`${name}` in its label): it follows the node's state. */
function NodeScreenHeading(props: HeadingProps) {
  useNodeState(props.screen.paths[0]!);
  return <ScreenHeading {...props} />;
}

function ScreenHeading({ screen, headingRef }: HeadingProps) {
  const title = useScreenTitle()(screen);
  return (
    <h2 ref={headingRef} tabIndex={-1} className="screen-title">
      {title}
    </h2>
  );
}

function ScreenBody({ screen }: { screen: Screen }) {
  const [first, ...rest] = screen.paths;
  if (screen.kind === 'questions')
    return (
      <>
        {screen.paths.map((p) => (
          <NodeView key={p} path={p} />
        ))}
      </>
    );
  return (
    <>
      {screen.kind === 'group' ? (
        <GroupPartContext.Provider value={screen.part ?? null}>
          <GroupScreen path={first!} />
        </GroupPartContext.Provider>
      ) : (
        <NodeView path={first!} />
      )}
      {rest.map((p) => (
        <NodeView key={p} path={p} />
      ))}
    </>
  );
}

/** A top-level group as a screen: its hint, then its nodes (the heading is the screen's title). */
function GroupScreen({ path }: { path: string }) {
  const state = useNodeState(path);
  if (!state) return null;
  return (
    <>
      {state.hint ? <p className="hint">{state.hint}</p> : null}
      <GroupBody state={state} />
    </>
  );
}

interface FinishProps {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  screens: readonly Screen[];
  attempted: boolean;
  finishLabel: string;
  onGo(index: number): void;
  onGoToPath(path: string): void;
  onFinish(): Promise<void>;
}

/** The last step: every section's completeness, what must be fixed (after a first attempt), and the finish button. */
function FinishScreen({ headingRef, screens, attempted, finishLabel, onGo, onGoToPath, onFinish }: FinishProps) {
  const { t } = useI18n();
  const store = useFormStore();
  useFrameVersion();
  const title = useScreenTitle();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const errors: FieldError[] = attempted ? store.session.validate().errors : [];

  const where = (path: string): string => {
    const found = locate(store.session.form, screens, path);
    const label = store.state(path)?.label ?? path;
    const section = found ? title(screens[found.screen]!) : '';
    const entry = found?.instance
      ? entryTitle(store, `${found.instance.repeat}[${found.instance.index}]`, found.instance.index, t)
      : '';
    return [section, entry, label].filter(Boolean).join(' › ');
  };

  const finish = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await onFinish();
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen finish" data-screen="finish">
      <h2 ref={headingRef} tabIndex={-1} className="screen-title">
        {t('form.finishTitle')}
      </h2>
      <p>{t('form.finishIntro')}</p>
      <SectionList screens={screens} current={-1} onGo={onGo} />
      {errors.length > 0 ? (
        <div className="error-summary" role="alert" data-testid="finish-errors">
          <h3>{t('form.errorsTitle')}</h3>
          <ul>
            {errors.map((e, i) => (
              <li key={`${e.path}-${i}`}>
                <span>
                  <strong>{where(e.path)}</strong> — {e.message}
                </span>
                {locate(store.session.form, screens, e.path) ? (
                  <button type="button" className="secondary" onClick={() => onGoToPath(e.path)}>
                    {t('form.goTo')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="button" className="primary big" onClick={() => void finish()} disabled={busy}>
        {finishLabel}
      </button>
    </section>
  );
}
