import { formatOffset } from '@kusanya/shared/expr/dates';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { WidgetProps } from '../widgets.js';

/**
 * Dates and times as ODK stores them: a date `YYYY-MM-DD`, a time `HH:MM:SS.sss+HH:MM` and a dateTime
 * `YYYY-MM-DDTHH:MM:SS.sss+HH:MM`, with the tablet's time zone offset. Date appearances: `month-year`
 * (the first of the month is stored), `year` (the first of January), `no-calendar` (day, month and year
 * typed in three boxes).
 */

const offsetAt = (date: Date) => formatOffset(-date.getTimezoneOffset());

export function timeText(hhmm: string, at = new Date()): string {
  return `${hhmm}:00.000${offsetAt(at)}`;
}

export function dateTimeText(local: string, at = new Date()): string {
  const when = new Date(local);
  return `${local}:00.000${offsetAt(Number.isNaN(when.getTime()) ? at : when)}`;
}

const tokens = (appearance: string | undefined) => (appearance ?? '').toLowerCase().split(/\s+/);

function common(props: WidgetProps) {
  const { state, id, describedBy } = props;
  return {
    id,
    name: state.path,
    disabled: state.readOnly,
    'aria-describedby': describedBy,
    'aria-required': state.required || undefined,
    'aria-invalid': state.invalid ? true : undefined,
  };
}

export function DateWidget(props: WidgetProps) {
  const { state, set } = props;
  const value = typeof state.value === 'string' ? state.value : '';
  const look = tokens(state.appearance);
  if (look.includes('month-year')) {
    return (
      <input
        {...common(props)}
        type="month"
        min="1900-01"
        max="2100-12"
        value={value.slice(0, 7)}
        onChange={(e) => set(e.target.value ? `${e.target.value}-01` : undefined)}
      />
    );
  }
  if (look.includes('year')) {
    return (
      <input
        {...common(props)}
        type="text"
        inputMode="numeric"
        maxLength={4}
        value={value.slice(0, 4)}
        onChange={(e) => set(/^\d{4}$/.test(e.target.value) ? `${e.target.value}-01-01` : e.target.value || undefined)}
      />
    );
  }
  if (look.includes('no-calendar')) return <NoCalendarDate {...props} />;
  return (
    <input
      {...common(props)}
      type="date"
      min="1900-01-01"
      max="2100-12-31"
      value={value}
      onChange={(e) => set(e.target.value)}
    />
  );
}

/** Day, month and year typed in three boxes (ODK's no-calendar appearance). */
function NoCalendarDate({ state, id, describedBy, set }: WidgetProps) {
  const { t } = useI18n();
  const value = typeof state.value === 'string' ? state.value : '';
  const [parts, setParts] = useState(() => ({ d: value.slice(8, 10), m: value.slice(5, 7), y: value.slice(0, 4) }));
  useEffect(() => {
    if (value) setParts({ d: value.slice(8, 10), m: value.slice(5, 7), y: value.slice(0, 4) });
  }, [value]);
  const change = (key: 'd' | 'm' | 'y', text: string) => {
    const next = { ...parts, [key]: text.replace(/\D/g, '') };
    setParts(next);
    if (next.y.length === 4 && next.m && next.d) set(`${next.y}-${next.m.padStart(2, '0')}-${next.d.padStart(2, '0')}`);
    else if (!next.y && !next.m && !next.d) set(undefined);
  };
  const box = (key: 'd' | 'm' | 'y', label: string, size: number) => (
    <label className="date-part">
      <span>{label}</span>
      <input
        id={key === 'd' ? id : undefined}
        type="text"
        inputMode="numeric"
        maxLength={size}
        size={size}
        value={parts[key]}
        disabled={state.readOnly}
        aria-describedby={describedBy}
        onChange={(e) => change(key, e.target.value)}
      />
    </label>
  );
  return (
    <div className="date-parts">
      {box('d', t('widget.day'), 2)}
      {box('m', t('widget.month'), 2)}
      {box('y', t('widget.year'), 4)}
    </div>
  );
}

export function TimeWidget(props: WidgetProps) {
  const { t } = useI18n();
  const { state, set } = props;
  const value = typeof state.value === 'string' ? state.value.slice(0, 5) : '';
  const now = () => {
    const d = new Date();
    set(timeText(`${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`, d));
  };
  return (
    <div className="row-left">
      <input
        {...common(props)}
        type="time"
        value={value}
        onChange={(e) => set(e.target.value ? timeText(e.target.value) : undefined)}
      />
      {!state.readOnly ? (
        <button type="button" className="secondary" onClick={now}>
          {t('widget.now')}
        </button>
      ) : null}
    </div>
  );
}

export function DateTimeWidget(props: WidgetProps) {
  const { t } = useI18n();
  const { state, set } = props;
  const value = typeof state.value === 'string' ? state.value.slice(0, 16) : '';
  const now = () => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    set(
      dateTimeText(
        `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`,
        d,
      ),
    );
  };
  return (
    <div className="row-left">
      <input
        {...common(props)}
        type="datetime-local"
        min="1900-01-01T00:00"
        max="2100-12-31T23:59"
        value={value}
        onChange={(e) => set(e.target.value ? dateTimeText(e.target.value) : undefined)}
      />
      {!state.readOnly ? (
        <button type="button" className="secondary" onClick={now}>
          {t('widget.now')}
        </button>
      ) : null}
    </div>
  );
}
