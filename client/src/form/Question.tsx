import type { NodeState } from '@kusanya/shared/form/engine';
import { messageText } from '@kusanya/shared/form/engine';
import { createContext, memo, useCallback, useContext } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useScopedState } from './choice-scope.js';
import { GeopointWidget } from './GeopointWidget.js';
import { questionId, useFormStore } from './hooks.js';
import {
  DateWidget,
  isDropdown,
  NumberWidget,
  SelectMultipleWidget,
  SelectOneWidget,
  TextWidget,
  type WidgetProps,
} from './widgets.js';

/**
 * When to flag required questions left unanswered: after the user left the screen or tried to
 * finish (not while they are still filling it); with the messages of the last finishing attempt.
 */
export interface MissingFlags {
  readonly show: boolean;
  readonly messages: ReadonlyMap<string, string>;
}

export const MissingFlagsContext = createContext<MissingFlags>({ show: false, messages: new Map() });

const WIDGETS: Partial<Record<NodeState['type'], (props: WidgetProps & { labelId: string }) => React.ReactNode>> = {
  integer: NumberWidget,
  decimal: NumberWidget,
  date: DateWidget,
  select_one: SelectOneWidget,
  select_multiple: SelectMultipleWidget,
  geopoint: GeopointWidget,
};

/** Single controls are named by a <label for>; groups of buttons by aria-labelledby. */
const SINGLE_CONTROL = new Set<NodeState['type']>(['text', 'integer', 'decimal', 'date']);

/** One question: its label, hint, input and the message about its answer, in the chosen language. */
export const Question = memo(function Question({ state: given }: { state: NodeState }) {
  const { lang, t } = useI18n();
  const { state, outside } = useScopedState(given);
  const store = useFormStore();
  const missingFlags = useContext(MissingFlagsContext);
  const set = useCallback((value: unknown) => store.setValue(state.path, value), [store, state.path]);
  const id = questionId(state.path);
  const labelId = `${id}-label`;
  const hintId = state.hint ? `${id}-hint` : undefined;
  const showMissing = state.missing && missingFlags.show;
  const message =
    state.expressionError ??
    state.invalid ??
    (showMissing ? (missingFlags.messages.get(state.path) ?? messageText(lang, { key: 'required' })) : undefined);
  const messageId = message ? `${id}-message` : undefined;
  const describedBy = [hintId, messageId].filter(Boolean).join(' ') || undefined;
  const Widget = WIDGETS[state.type] ?? TextWidget;
  const single = SINGLE_CONTROL.has(state.type) || (state.type === 'select_one' && isDropdown(state));
  const label = state.label ?? state.name;
  // Required is said by the mark for the eye and by aria-required on the input, not in the name.
  const mark = state.required ? (
    <span className="required-mark" aria-hidden="true">
      {' *'}
    </span>
  ) : null;

  return (
    <div
      className={`question${state.required ? ' required' : ''}${message ? ' has-error' : ''}`}
      role="group"
      aria-labelledby={labelId}
      data-question={state.name}
      data-type={state.type}
      data-path={state.path}
    >
      {single ? (
        <label id={labelId} htmlFor={id} className="question-label">
          {label}
          {mark}
        </label>
      ) : (
        <p id={labelId} className="question-label">
          {label}
          {mark}
        </p>
      )}
      {state.hint ? (
        <p id={hintId} className="hint">
          {state.hint}
        </p>
      ) : null}
      <Widget state={state} id={id} labelId={labelId} describedBy={describedBy} set={set} />
      {outside !== 'no' ? (
        <p className="field-error" role="alert" data-testid="outside-area">
          {t(outside === 'revisit' ? 'area.revisitOutside' : 'area.outside', {
            place: state.choices?.find((c) => c.name === state.value)?.label ?? String(state.value),
          })}
        </p>
      ) : null}
      {message ? (
        <p id={messageId} className="field-error" role={state.invalid || state.expressionError ? 'alert' : undefined}>
          {message}
        </p>
      ) : null}
    </div>
  );
});
