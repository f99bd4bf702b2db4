import type { NodeState } from '@kusanya/shared/form/engine';
import { memo, useMemo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { isHidden } from './appearance.js';
import { useFormStore, useNodeState } from './hooks.js';
import { Question } from './Question.js';
import { Roster } from './Roster.js';

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
    case 'calculate':
      return state.expressionError ? <CalculationError state={state} /> : null;
    default:
      return <Question state={state} />;
  }
});

/** The nodes inside a group or repeat instance. Their paths only change when instances are removed. */
export function Children({ path }: { path: string }) {
  const store = useFormStore();
  const paths = useMemo(() => store.children(path), [store, path]);
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
      <Children path={state.path} />
    </fieldset>
  );
}

function Note({ state }: { state: NodeState }) {
  if (!state.label && !state.hint && !state.expressionError) return null;
  return (
    <div className="note" data-note={state.name}>
      {state.label ? <p>{state.label}</p> : null}
      {state.hint ? <p className="hint">{state.hint}</p> : null}
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
