import type { Call } from '../ast.js';
import {
  civilFromDays,
  dateTimeInstant,
  formatDateParts,
  formatDateTime,
  parseDateTime,
  parseTime,
  wallClock,
  type DateTime,
} from '../dates.js';
import type { Interpreter } from '../evaluate.js';
import {
  dateFromDays,
  formatNumber,
  isDate,
  isMulti,
  parseDate,
  single,
  toNumber,
  toText,
  type Value,
} from '../values.js';
import type { FunctionTable } from './types.js';

const DAY_MS = 86_400_000;

/** The moment a value names, as wall-clock fields in the device's time zone (null: not a date). */
function asDateTime(ev: Interpreter, v: Value): DateTime | null {
  const s = single(v);
  const offset = ev.ctx.now().offset;
  if (isDate(s)) return { ...civilFromDays(s.days), hour: 0, minute: 0, second: 0, millisecond: 0, offset };
  if (typeof s === 'number') {
    if (!Number.isFinite(s)) return null;
    return wallClock(s * DAY_MS, 0);
  }
  const text = toText(s).trim();
  if (text === '') return null;
  const date = parseDate(text);
  if (date && text.length === 10)
    return { ...civilFromDays(date.days), hour: 0, minute: 0, second: 0, millisecond: 0, offset };
  const dt = parseDateTime(text);
  if (dt) return dt.offset === null ? { ...dt, offset } : wallClock(dateTimeInstant(dt), offset);
  if (/^[+-]?\d/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return wallClock(n * DAY_MS, 0);
  }
  return null;
}

function format(ev: Interpreter, call: Call): string {
  const value = ev.value(call.args[0]!);
  const dt = asDateTime(ev, value);
  if (!dt) {
    if (toText(value) !== '') ev.problem('invalid-date', call.args[0]!, toText(value));
    return '';
  }
  return formatDateParts(dt, ev.text(call.args[1]!), ev.ctx.language());
}

function toDate(ev: Interpreter, call: Call): Value {
  const s = single(ev.value(call.args[0]!));
  if (isDate(s)) return s;
  if (typeof s === 'number') {
    const d = dateFromDays(s);
    if (d) return d;
    ev.problem('invalid-date', call, formatNumber(s));
    return '';
  }
  const text = isMulti(s) ? s.join(' ') : toText(s).trim();
  if (text === '') return '';
  const d = parseDate(text.slice(0, 10));
  if (d && (text.length === 10 || parseDateTime(text))) return d;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
    const fromNumber = dateFromDays(Number(text));
    if (fromNumber) return fromNumber;
  }
  ev.problem('invalid-date', call, text);
  return '';
}

export const DATETIME_FUNCTIONS: FunctionTable = {
  today: (ev) => ev.ctx.today(),
  now: (ev) => {
    const { instant, offset } = ev.ctx.now();
    return formatDateTime(wallClock(instant, offset));
  },
  'format-date': format,
  'format-date-time': format,
  date: toDate,
  'date-time': (ev, call) => {
    const dt = asDateTime(ev, ev.value(call.args[0]!));
    return dt ? formatDateTime(dt) : '';
  },
  'decimal-date-time': (ev, { args }) => toNumber(ev.value(args[0]!)),
  'decimal-time': (ev, { args }) => {
    const text = ev.text(args[0]!).trim();
    const time = parseTime(text);
    if (!time || (time.offset !== null && Math.abs(time.offset) >= 24 * 60)) return NaN;
    const offsetText = /([+-]\d{2}):?(\d{2})$/.exec(text);
    if (offsetText && Number(offsetText[2]) >= 60) return NaN;
    const device = ev.ctx.now().offset;
    const fromOffset = time.offset ?? device;
    const seconds = time.hour * 3600 + time.minute * 60 + time.second + time.millisecond / 1000;
    const local = seconds - fromOffset * 60 + device * 60;
    const day = 86_400;
    return (((local % day) + day) % day) / day;
  },
};
