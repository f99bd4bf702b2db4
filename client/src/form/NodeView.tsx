import type { NodeState } from '@kusanya/shared/form/engine';
import { createContext, memo, useContext, useMemo, type CSSProperties } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { isHidden, NOT_SHOWN } from './appearance.js';
import { useFormStore, useNodeState } from './hooks.js';
import { GuidanceHint, Question } from './Question.js';
import { LabelMediaView } from './widgets/label-media.js';
import { Roster } from './Roster.js';
import type { GroupPart } from './screens.js';
import { TableListContext } from './table-list.js';

/** Any node at `path`: nothing when it is not relevant; re-renders only when its own state changes. */
export const NodeView = memo(function NodeView({ path }: { path: string }) {
  const state = useNodeState(path);
  if (!state || !state.relevant || isHidden(state)) return null;
  switch (state.type) {
    case 'group':
      return <GroupView state={state} />;
    case 'repeat':
      return <Roster state={state} />;
    case 'note':
      return <Note state={state} />;
    default:
      if (NOT_SHOWN.has(state.type)) return state.expressionError ? <CalculationError state={state} /> : null;
      return <Question state={state} />;
  }
});

/** On a page of a long group (see `screens.ts`): the part of the group that page draws; null elsewhere. */
export const GroupPartContext = createContext<GroupPart | null>(null);

/**
 * The nodes inside a group or repeat instance. Their paths only change when instances are removed. A group split
 * across pages draws only what is on the page being shown.
 */
export function Children({ path }: { path: string }) {
  const store = useFormStore();
  const part = useContext(GroupPartContext);
  const paths = useMemo(() => {
    const all = store.children(path);
    if (!part?.groups.includes(path)) return all;
    return all.filter((p) => part.units.includes(p) || part.groups.includes(p));
  }, [store, path, part]);
  return (
    <>
      {paths.map((p) => (
        <NodeView key={p} path={p} />
      ))}
    </>
  );
}

function GroupView({ state }: { state: NodeState }) {
  return (
    <fieldset className="group" data-group={state.name}>
      {state.label ? <legend>{state.label}</legend> : null}
      <GroupBody state={state} />
    </fieldset>
  );
}

/** What a group holds: its nodes; for a `table-list`, the rows of a table under the choices. */
export function GroupBody({ state }: { state: NodeState }) {
  if (!/\btable-list\b/.test(state.appearance ?? '')) return <Children path={state.path} />;
  return (
    <div className="table-list">
      <TableListContext.Provider value={true}>
        <TableHeader path={state.path} />
        <Children path={state.path} />
      </TableListContext.Provider>
    </div>
  );
}

/** The choices of the table's first select, as column headers. */
function TableHeader({ path }: { path: string }) {
  const store = useFormStore();
  const first = store.children(path).find((p) => store.state(p)?.choices);
  const choices = first ? (store.state(first)?.choices ?? []) : [];
  if (choices.length === 0) return null;
  return (
    <div className="table-header" aria-hidden="true" style={{ '--columns': choices.length } as CSSProperties}>
      <span />
      <span className="choices grid">
        {choices.map((c) => (
          <span key={c.name} className="choice">
            {c.label}
          </span>
        ))}
      </span>
    </div>
  );
}

function Note({ state }: { state: NodeState }) {
  const store = useFormStore();
  const media = store.session.form.byName.get(state.name)?.source.media;
  if (!state.label && !state.hint && !state.expressionError && !media) return null;
  return (
    <div className="note" data-note={state.name}>
      {state.label ? <p>{state.label}</p> : null}
      {media ? (
        <LabelMediaView
          media={media}
          form={store.session.form}
          language={store.session.language}
          alt={state.label ?? ''}
        />
      ) : null}
      {state.hint ? <p className="hint">{state.hint}</p> : null}
      <GuidanceHint state={state} />
      {state.expressionError ? (
        <p className="field-error" role="alert">
          {state.expressionError}
        </p>
      ) : null}
    </div>
  );
}

/** A calculation is not shown, except when it fails: then the user sees which one and why. */
function CalculationError({ state }: { state: NodeState }) {
  const { t } = useI18n();
  return (
    <div className="note calc-error" data-path={state.path}>
      <p>
        <strong>{t('form.calculation', { name: state.label ?? state.name })}</strong>
      </p>
      <p className="field-error" role="alert">
        {state.expressionError}
      </p>
    </div>
  );
}
