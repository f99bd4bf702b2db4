import type { NodeState } from '@kusanya/shared/form/engine';
import { createContext, memo, useContext, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { addCompleteness, completenessLevel, emptyCompleteness } from './completeness.js';
import type { FormStore } from './form-store.js';
import { useFormStore, useInstanceVersion } from './hooks.js';
import { Children } from './NodeView.js';
import { MissingFlagsContext } from './Question.js';

/** Which roster entry is open (one at a time in the whole form), and how to open another. */
export interface OpenEntry {
  readonly repeat: string;
  readonly index: number;
}
export interface RosterNav {
  readonly open: OpenEntry | null;
  setOpen(entry: OpenEntry | null): void;
}
export const RosterNavContext = createContext<RosterNav>({ open: null, setOpen: () => undefined });

/** A short name for an entry: its first two text answers ("Jean Niyonzima"), else "No. 3". */
export function entryTitle(
  store: FormStore,
  path: string,
  index: number,
  t: (key: 'form.entry', v: { n: number }) => string,
): string {
  const texts: string[] = [];
  for (const child of store.children(path)) {
    const s = store.state(child);
    if (s?.type === 'text' && s.relevant && typeof s.value === 'string' && s.value.trim() !== '')
      texts.push(s.value.trim());
    if (texts.length === 2) break;
  }
  return texts.length > 0 ? texts.join(' ') : t('form.entry', { n: index + 1 });
}

/**
 * A repeat. At the top of a screen it is a roster: one card per entry (name and completeness) and
 * one entry open at a time. Inside an entry (a repeat within a repeat) entries are shown in place.
 */
export function Roster({ state }: { state: NodeState }) {
  const nested = state.path.includes('[');
  return nested ? <InlineRepeat state={state} /> : <CardRoster state={state} />;
}

function CardRoster({ state }: { state: NodeState }) {
  const { t } = useI18n();
  const store = useFormStore();
  const { open, setOpen } = useContext(RosterNavContext);
  const { show, messages } = useContext(MissingFlagsContext);
  const count = state.instanceCount ?? 0;
  const problem = show ? messages.get(state.path) : undefined;

  // Entries the form's minimum keeps from the start are not shown as empty cards ("No. 1" with nothing in
  // it): the list starts empty and "Add" opens them, one after the other.
  let shown = count;
  while (
    shown > 0 &&
    !state.canRemove &&
    addCompleteness(store, `${state.path}[${shown - 1}]`, emptyCompleteness()).answered === 0
  )
    shown -= 1;
  const add = () => {
    const index = shown < count ? shown : store.addInstance(state.path);
    if (index !== null) setOpen({ repeat: state.path, index });
  };

  if (open && open.repeat === state.path && open.index < count) {
    return <EntryView state={state} index={open.index} />;
  }
  return (
    <section className="roster" data-roster={state.name} aria-label={state.label ?? state.name}>
      {state.hint ? <p className="hint">{state.hint}</p> : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {shown === 0 ? <p className="muted">{t('form.noEntries')}</p> : null}
      <ul className="entry-cards">
        {Array.from({ length: shown }, (_, i) => (
          <EntryCard
            key={i}
            path={`${state.path}[${i}]`}
            repeat={state.path}
            index={i}
            canRemove={state.canRemove ?? false}
          />
        ))}
      </ul>
      {state.canAdd || shown < count ? (
        <button type="button" className="big" onClick={add} data-testid="roster-add">
          + {t('form.add')} : {state.label ?? state.name}
        </button>
      ) : null}
    </section>
  );
}

const EntryCard = memo(function EntryCard({
  path,
  repeat,
  index,
  canRemove,
}: {
  path: string;
  repeat: string;
  index: number;
  canRemove: boolean;
}) {
  const { t } = useI18n();
  const store = useFormStore();
  const { setOpen } = useContext(RosterNavContext);
  useInstanceVersion(path);
  const title = entryTitle(store, path, index, t);
  const c = addCompleteness(store, path, emptyCompleteness());
  const level = completenessLevel(c);
  const remove = () => {
    if (window.confirm(t('form.removeConfirm', { name: title }))) store.removeInstance(repeat, index);
  };
  return (
    <li className={`entry-card level-${level}`} data-testid="entry-card" data-level={level}>
      <button type="button" className="entry-open" onClick={() => setOpen({ repeat, index })}>
        <span className="entry-number">{index + 1}</span>
        <span className="entry-text">
          <strong>{title}</strong>
          <EntrySummary store={store} path={path} />
          <small>
            {t('form.answered', { answered: c.answered, total: c.total })}
            {c.missing > 0 ? ` · ${t('form.missingCount', { count: c.missing })}` : ''}
            {c.invalid > 0 ? ` · ${t('form.invalidCount', { count: c.invalid })}` : ''}
          </small>
        </span>
      </button>
      {canRemove ? (
        <button type="button" className="secondary" onClick={remove} aria-label={`${t('form.remove')} ${title}`}>
          {t('form.remove')}
        </button>
      ) : null}
    </li>
  );
});

/**
 * One open entry: its questions and the way back to the list. Moving to the entry before or after it is the
 * form's own previous/next (FormRenderer), so there is one row of navigation.
 */
function EntryView({ state, index }: { state: NodeState; index: number }) {
  const { t } = useI18n();
  const { setOpen } = useContext(RosterNavContext);
  const path = `${state.path}[${index}]`;
  const count = state.instanceCount ?? 0;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [path]);
  const toList = () => setOpen(null);
  return (
    <section className="entry" data-entry={path}>
      <div className="entry-head">
        <button type="button" className="secondary" onClick={toList}>
          ← {t('form.backToList')}
        </button>
        <h2 ref={heading} tabIndex={-1}>
          <EntryTitle path={path} index={index} />{' '}
          <small className="muted">({t('form.entryOf', { n: index + 1, total: count })})</small>
        </h2>
      </div>
      <Children path={path} />
    </section>
  );
}

/** The open entry's name, kept up to date as it is typed (alone, so the entry itself does not re-render). */
function EntryTitle({ path, index }: { path: string; index: number }) {
  const { t } = useI18n();
  const store = useFormStore();
  useInstanceVersion(path);
  return <>{entryTitle(store, path, index, t)}</>;
}

/** A repeat inside a roster entry: its entries one below the other. */
function InlineRepeat({ state }: { state: NodeState }) {
  const { t } = useI18n();
  const store = useFormStore();
  const count = state.instanceCount ?? 0;
  return (
    <fieldset className="group inline-repeat" data-roster={state.name}>
      {state.label ? <legend>{state.label}</legend> : null}
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card inline-entry">
          <div className="row">
            <strong>{t('form.entry', { n: i + 1 })}</strong>
            {state.canRemove ? (
              <button type="button" className="secondary" onClick={() => store.removeInstance(state.path, i)}>
                {t('form.remove')}
              </button>
            ) : null}
          </div>
          <Children path={`${state.path}[${i}]`} />
        </div>
      ))}
      {state.canAdd ? (
        <button type="button" className="secondary" onClick={() => store.addInstance(state.path)}>
          + {t('form.add')}
        </button>
      ) : null}
    </fieldset>
  );
}

/**
 * What tells members apart at a glance, from the roster questions the programme's forms share
 * (forms/README.md): relationship, sex and age, and badges for the head and the primary recipient.
 */
const SUMMARY_QUESTIONS = ['relationship', 'sex', 'age'] as const;
const BADGES: readonly { question: string; value: string; key: 'form.badge.head' | 'form.badge.primary' }[] = [
  { question: 'relationship', value: 'HEAD', key: 'form.badge.head' },
  { question: 'recipient', value: 'PRIMARY', key: 'form.badge.primary' },
];

function EntrySummary({ store, path }: { store: FormStore; path: string }) {
  const { t } = useI18n();
  const parts = SUMMARY_QUESTIONS.flatMap((name) => {
    const s = store.state(`${path}.${name}`);
    if (!s?.relevant || s.value === undefined || s.value === null || s.value === '') return [];
    if (name === 'age') return [t('form.ageYears', { age: Number(s.value) })];
    const choice = s.choices?.find((c) => c.name === s.value);
    return [choice?.label ?? String(s.value)];
  });
  const badges = BADGES.filter((b) => store.state(`${path}.${b.question}`)?.value === b.value);
  if (parts.length === 0 && badges.length === 0) return null;
  return (
    <span className="entry-summary" data-testid="entry-summary">
      {parts.join(' · ')}
      {badges.map((b) => (
        <span key={b.key} className="badge status-approved">
          {t(b.key)}
        </span>
      ))}
    </span>
  );
}
