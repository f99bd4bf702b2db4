import type { NodeState } from '@kusanya/shared/form/engine';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { parseNumber } from './numbers.js';

/** What every input gets: the node's state, its DOM id, and how to change the answer. */
export interface WidgetProps {
  readonly state: NodeState;
  readonly id: string;
  readonly describedBy: string | undefined;
  set(value: unknown): void;
}

export function TextWidget({ state, id, describedBy, set }: WidgetProps) {
  const value = typeof state.value === 'string' ? state.value : '';
  const common = {
    id,
    name: state.path,
    value,
    disabled: state.readOnly,
    'aria-describedby': describedBy,
    'aria-required': state.required || undefined,
    'aria-invalid': state.invalid ? true : undefined,
  };
  if (state.appearance?.includes('multiline')) {
    return <textarea {...common} rows={4} onChange={(e) => set(e.target.value)} />;
  }
  return (
    <input
      {...common}
      type="text"
      inputMode={state.appearance?.includes('numbers') ? 'tel' : undefined}
      autoComplete="off"
      onChange={(e) => set(e.target.value)}
    />
  );
}

export function NumberWidget({ state, id, describedBy, set }: WidgetProps) {
  const shown = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');
  const [text, setText] = useState(() => shown(state.value));
  const sent = useRef<unknown>(state.value);
  // Another change (clearing by skip logic, a correction loaded) replaces what is typed.
  useEffect(() => {
    if (state.value !== sent.current) {
      sent.current = state.value;
      setText(shown(state.value));
    }
  }, [state.value]);
  return (
    <input
      id={id}
      name={state.path}
      type="text"
      inputMode={state.type === 'integer' ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={text}
      disabled={state.readOnly}
      aria-describedby={describedBy}
      aria-required={state.required || undefined}
      aria-invalid={state.invalid ? true : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseNumber(e.target.value);
        sent.current = parsed;
        set(parsed);
      }}
    />
  );
}

export function DateWidget({ state, id, describedBy, set }: WidgetProps) {
  return (
    <input
      id={id}
      name={state.path}
      type="date"
      min="1900-01-01"
      max="2100-12-31"
      value={typeof state.value === 'string' ? state.value : ''}
      disabled={state.readOnly}
      aria-describedby={describedBy}
      aria-required={state.required || undefined}
      aria-invalid={state.invalid ? true : undefined}
      onChange={(e) => set(e.target.value)}
    />
  );
}

/** Lists longer than this are a drop-down; shorter ones are big buttons. */
const MAX_BUTTONS = 8;

/** Whether a select_one is shown as a drop-down (long lists, `minimal`, `autocomplete`). */
export function isDropdown(state: NodeState): boolean {
  return (state.choices?.length ?? 0) > MAX_BUTTONS || /\b(minimal|autocomplete)\b/.test(state.appearance ?? '');
}

export function SelectOneWidget({ state, id, describedBy, set, labelId }: WidgetProps & { labelId: string }) {
  const { t } = useI18n();
  const choices = state.choices ?? [];
  const value = typeof state.value === 'string' ? state.value : '';
  if (isDropdown(state)) {
    return (
      <select
        id={id}
        name={state.path}
        value={value}
        disabled={state.readOnly}
        aria-describedby={describedBy}
        aria-required={state.required || undefined}
        aria-invalid={state.invalid ? true : undefined}
        onChange={(e) => set(e.target.value)}
      >
        <option value="">{t('form.choose')}</option>
        {choices.map((c) => (
          <option key={c.name} value={c.name}>
            {c.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-required={state.required || undefined}
        className={choicesClass(state.appearance)}
      >
        {choices.map((c) => (
          <label key={c.name} className={`choice${value === c.name ? ' chosen' : ''}`}>
            <input
              type="radio"
              name={id}
              value={c.name}
              checked={value === c.name}
              disabled={state.readOnly}
              onChange={() => set(c.name)}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      {value !== '' && !state.readOnly && !state.required ? (
        <button type="button" className="link" onClick={() => set(undefined)}>
          {t('form.clear')}
        </button>
      ) : null}
    </>
  );
}

export function SelectMultipleWidget({ state, describedBy, set, id }: WidgetProps) {
  const choices = state.choices ?? [];
  const selected = Array.isArray(state.value) ? (state.value as readonly string[]) : [];
  return (
    <div className={choicesClass(state.appearance)} aria-describedby={describedBy}>
      {choices.map((c) => {
        const on = selected.includes(c.name);
        return (
          <label key={c.name} className={`choice${on ? ' chosen' : ''}`}>
            <input
              type="checkbox"
              name={id}
              value={c.name}
              checked={on}
              disabled={state.readOnly}
              onChange={(e) => set(e.target.checked ? [...selected, c.name] : selected.filter((s) => s !== c.name))}
            />
            <span>{c.label}</span>
          </label>
        );
      })}
    </div>
  );
}

function choicesClass(appearance: string | undefined): string {
  return /\b(horizontal|horizontal-compact|compact|likert|quick)\b/.test(appearance ?? '')
    ? 'choices horizontal'
    : 'choices';
}
