import type { NodeState } from '@kusanya/shared/form/engine';
import { messageText } from '@kusanya/shared/form/engine';
import { createContext, memo, useCallback, useContext } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useScopedState } from './choice-scope.js';
import { localize } from './labels.js';
import { GeopointWidget } from './GeopointWidget.js';
import { questionId, useFormStore } from './hooks.js';
import { NumberWidget, TextWidget, type WidgetProps } from './widgets.js';
import { BarcodeWidget } from './widgets/barcode-widget.js';
import { DateTimeWidget, DateWidget, TimeWidget } from './widgets/date-widgets.js';
import { GeopointMapWidget, GeoPathWidget } from './widgets/geo-widgets.js';
import { LabelMediaView } from './widgets/label-media.js';
import { AcknowledgeWidget, MediaWidget } from './widgets/media-widgets.js';
import { RangeWidget } from './widgets/range-widget.js';
import { RankWidget } from './widgets/rank-widget.js';
import { isAutocomplete, isDropdown, SelectMultipleWidget, SelectOneWidget } from './widgets/select-widgets.js';

/**
 * When to flag required questions left unanswered: after the user left the screen or tried to
 * finish (not while they are still filling it); with the messages of the last finishing attempt.
 */
export interface MissingFlags {
  readonly show: boolean;
  readonly messages: ReadonlyMap<string, string>;
}

export const MissingFlagsContext = createContext<MissingFlags>({ show: false, messages: new Map() });

type Widget = (props: WidgetProps & { labelId: string }) => React.ReactNode;

const WIDGETS: Partial<Record<NodeState['type'], Widget>> = {
  integer: NumberWidget,
  decimal: NumberWidget,
  date: DateWidget,
  time: TimeWidget,
  dateTime: DateTimeWidget,
  select_one: SelectOneWidget,
  select_multiple: SelectMultipleWidget,
  rank: RankWidget,
  range: RangeWidget,
  geopoint: GeopointWidget,
  geotrace: GeoPathWidget,
  geoshape: GeoPathWidget,
  barcode: BarcodeWidget,
  image: MediaWidget,
  audio: MediaWidget,
  video: MediaWidget,
  file: MediaWidget,
  acknowledge: AcknowledgeWidget,
  trigger: AcknowledgeWidget,
};

function widgetOf(state: NodeState): Widget {
  if (state.type === 'geopoint' && /\b(maps|placement-map)\b/.test(state.appearance ?? '')) return GeopointMapWidget;
  return WIDGETS[state.type] ?? TextWidget;
}

/** Single controls are named by a <label for>; groups of buttons by aria-labelledby. */
const SINGLE_CONTROL = new Set<NodeState['type']>(['text', 'integer', 'decimal', 'date', 'time', 'dateTime']);

function isSingleControl(state: NodeState): boolean {
  if (state.type === 'date' && /\bno-calendar\b/.test(state.appearance ?? '')) return false;
  if (state.type === 'integer' && /\bcounter\b/.test(state.appearance ?? '')) return true;
  if (state.type === 'select_one') return isDropdown(state) || isAutocomplete(state);
  if (state.type === 'select_multiple') return isAutocomplete(state);
  if (state.type === 'range') return !/\brating\b/.test(state.appearance ?? '');
  return SINGLE_CONTROL.has(state.type);
}

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
  const Widget = widgetOf(state);
  const single = isSingleControl(state);
  const source = store.session.form.byName.get(state.name)?.source;
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
      {source?.media ? (
        <LabelMediaView media={source.media} form={store.session.form} language={store.session.language} alt={label} />
      ) : null}
      {state.hint ? (
        <p id={hintId} className="hint">
          {state.hint}
        </p>
      ) : null}
      <GuidanceHint state={state} />
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

/** `guidance_hint`: the longer explanation, folded away under "More information". */
export function GuidanceHint({ state }: { state: NodeState }) {
  const { t } = useI18n();
  const store = useFormStore();
  const source = store.session.form.byName.get(state.name)?.source;
  const text = source?.guidanceHint
    ? localize(source.guidanceHint, store.session.language, store.session.form.definition)
    : '';
  if (!text) return null;
  return (
    <details className="guidance">
      <summary>{t('widget.moreInfo')}</summary>
      <p>{text}</p>
    </details>
  );
}
