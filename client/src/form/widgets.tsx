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

const tokens = (appearance: string | undefined) => (appearance ?? '').toLowerCase().split(/\s+/);

/** Text: `multiline` (a box of several lines), `numbers` (the phone keypad), `masked` (hidden as typed). */
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
  const look = tokens(state.appearance);
  if (look.includes('multiline')) {
    return <textarea {...common} rows={4} onChange={(e) => set(e.target.value)} />;
  }
  return (
    <input
      {...common}
      type={look.includes('masked') ? 'password' : 'text'}
      inputMode={look.includes('numbers') ? 'tel' : undefined}
      autoComplete="off"
      onChange={(e) => set(e.target.value)}
    />
  );
}

/** Digits of the whole part grouped by three with narrow spaces (`thousands-sep`); what is typed otherwise kept. */
export function groupThousands(text: string): string {
  const m = /^([-+]?)(\d+)(.*)$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
  if (!m || !/^([.,]\d*)?$/.test(m[3]!)) return text;
  return `${m[1]!}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')}${m[3]!}`;
}

/**
 * Integers and decimals, typed as text (see `parseNumber`). `thousands-sep` groups the digits once the
 * person leaves the box; `counter` (integers) adds buttons for one less and one more.
 */
export function NumberWidget({ state, id, describedBy, set }: WidgetProps) {
  const { t } = useI18n();
  const look = tokens(state.appearance);
  const grouped = look.includes('thousands-sep');
  const shown = (v: unknown) => {
    const text = typeof v === 'number' || typeof v === 'string' ? String(v) : '';
    return grouped ? groupThousands(text) : text;
  };
  const [text, setText] = useState(() => shown(state.value));
  const sent = useRef<unknown>(state.value);
  // Another change (clearing by skip logic, a correction loaded) replaces what is typed.
  useEffect(() => {
    if (state.value !== sent.current) {
      sent.current = state.value;
      setText(shown(state.value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shown follows the appearance
  }, [state.value]);
  const change = (typed: string) => {
    setText(typed);
    const parsed = parseNumber(typed);
    sent.current = parsed;
    set(parsed);
  };
  const input = (
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
      onChange={(e) => change(e.target.value)}
      onBlur={grouped ? () => setText(groupThousands(text)) : undefined}
    />
  );
  if (!(look.includes('counter') && state.type === 'integer')) return input;
  const current = typeof state.value === 'number' ? state.value : 0;
  const step = (by: number) => change(shown(current + by));
  return (
    <div className="counter row-left">
      <button
        type="button"
        className="secondary"
        disabled={state.readOnly}
        aria-label={t('widget.less')}
        onClick={() => step(-1)}
      >
        −
      </button>
      {input}
      <button
        type="button"
        className="secondary"
        disabled={state.readOnly}
        aria-label={t('widget.more')}
        onClick={() => step(1)}
      >
        +
      </button>
    </div>
  );
}
