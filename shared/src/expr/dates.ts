/**
 * Dates, times and dateTimes as the ODK XForms specification writes them (Data Types):
 * date `YYYY-MM-DD`; time `HH:MM:SS.sss+HH:MM`; dateTime `YYYY-MM-DDTHH:MM:SS.sss+HH:MM` (the
 * offset is kept, not normalised to UTC; `Z` is allowed). Pure calculations, no `Date` parsing of
 * strings (whose results differ between engines).
 */

const DAY_MS = 86_400_000;

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the "days from civil" calculation). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilFromDays(days: number): CivilDate {
  const d = new Date(Math.floor(days) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD` (a time part after `T` is ignored): the date and its days since 1970, or null. */
export function isoDate(text: string): { iso: string; days: number } | null {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  if (text.length > 10 && text.charCodeAt(10) !== 84) return null;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { iso: text.slice(0, 10), days: daysFromCivil(y, mo, d) };
}

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Minutes east of UTC; null when the text has no offset (local time). */
  readonly offset: number | null;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function parseOffset(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (text === 'Z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const body = text.slice(1).replace(':', '');
  const hours = Number(body.slice(0, 2));
  const minutes = body.length > 2 ? Number(body.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/** `HH:MM[:SS[.sss]][Z|±HH:MM]`, or null. */
export function parseTime(text: string): TimeOfDay | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] ? Number(m[3]) : 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millisecond = m[4] ? Math.floor(Number(`0.${m[4]}`) * 1000) : 0;
  return { hour, minute, second, millisecond, offset: parseOffset(m[5]) };
}

export interface DateTime extends CivilDate, TimeOfDay {}

/** `YYYY-MM-DDTHH:MM[:SS[.sss]][Z|±HH:MM]` (a space may stand for the `T`), or null. */
export function parseDateTime(text: string): DateTime | null {
  if (text.length < 16) return null;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null;
  const date = isoDate(text.slice(0, 10));
  const time = parseTime(text.slice(11));
  if (!date || !time) return null;
  return { ...civilFromDays(date.days), ...time };
}

/** Milliseconds since 1970 of the instant a dateTime names (local time zone `localOffset` when it has none). */
export function dateTimeInstant(dt: DateTime, localOffset = 0): number {
  const offset = dt.offset ?? localOffset;
  return (
    daysFromCivil(dt.year, dt.month, dt.day) * DAY_MS +
    ((dt.hour * 60 + dt.minute - offset) * 60 + dt.second) * 1000 +
    dt.millisecond
  );
}

/** Days (with a fraction) since 1970-01-01T00:00Z of a dateTime. */
export function dateTimeToDays(dt: DateTime, localOffset = 0): number {
  return dateTimeInstant(dt, localOffset) / DAY_MS;
}

const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');

export function formatOffset(minutes: number): string {
  if (minutes === 0) return '+00:00';
  return `${minutes < 0 ? '-' : '+'}${pad(Math.abs(minutes) / 60)}:${pad(Math.abs(minutes) % 60)}`;
}

/** The wall-clock fields of an instant seen at `offset` minutes east of UTC. */
export function wallClock(instantMs: number, offset: number): DateTime {
  const shifted = new Date(instantMs + offset * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    offset,
  };
}

/** ODK's dateTime text: `2026-01-31T10:30:00.000+02:00`. */
export function formatDateTime(dt: DateTime): string {
  return `${pad(dt.year, 4)}-${pad(dt.month)}-${pad(dt.day)}T${formatTime(dt)}`;
}

/** ODK's time text: `10:30:00.000+02:00`. */
export function formatTime(t: TimeOfDay): string {
  const offset = t.offset === null ? '' : formatOffset(t.offset);
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${pad(t.millisecond, 3)}${offset}`;
}

const WEEKDAY_SHORT = new Map<string, readonly string[]>();
const MONTH_SHORT = new Map<string, readonly string[]>();

function names(locale: string, kind: 'month' | 'weekday'): readonly string[] {
  const cache = kind === 'month' ? MONTH_SHORT : WEEKDAY_SHORT;
  let list = cache.get(locale);
  if (!list) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat(locale, { [kind]: 'short', timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en', { [kind]: 'short', timeZone: 'UTC' });
    }
    // 2023-01-01 was a Sunday.
    list =
      kind === 'month'
        ? Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2023, m, 1))))
        : Array.from({ length: 7 }, (_, d) => format.format(new Date(Date.UTC(2023, 0, 1 + d))));
    cache.set(locale, list);
  }
  return list;
}

/**
 * `format-date` / `format-date-time`: `%Y %y %m %n %b %d %e %a` and, for times, `%H %h %M %S %3`.
 * Month and day names come from the form language (`locale`).
 */
export function formatDateParts(dt: DateTime, format: string, locale: string): string {
  const weekday = (daysFromCivil(dt.year, dt.month, dt.day) + 4) % 7; // 1970-01-01 was a Thursday
  return format.replace(/%([YymnbdeaHhMS3])/g, (_, code: string) => {
    switch (code) {
      case 'Y':
        return pad(dt.year, 4);
      case 'y':
        return pad(dt.year % 100);
      case 'm':
        return pad(dt.month);
      case 'n':
        return String(dt.month);
      case 'b':
        return names(locale, 'month')[dt.month - 1]!;
      case 'd':
        return pad(dt.day);
      case 'e':
        return String(dt.day);
      case 'a':
        return names(locale, 'weekday')[(weekday + 7) % 7]!;
      case 'H':
        return pad(dt.hour);
      case 'h':
        return String(dt.hour);
      case 'M':
        return pad(dt.minute);
      case 'S':
        return pad(dt.second);
      default:
        return pad(dt.millisecond, 3);
    }
  });
}
