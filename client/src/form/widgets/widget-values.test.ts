import { describe, expect, it } from 'vitest';
import { groupThousands } from '../widgets.js';
import { dateTimeText, timeText } from './date-widgets.js';
import { fold } from './select-widgets.js';

describe('values the widgets store and show', () => {
  it('groups the digits of thousands-sep numbers, keeping what cannot be grouped', () => {
    expect(groupThousands('1234567')).toBe('1\u202f234\u202f567');
    expect(groupThousands('-1234,5')).toBe('-1\u202f234,5');
    expect(groupThousands('12 345.25')).toBe('12\u202f345.25');
    expect(groupThousands('12a')).toBe('12a');
  });

  it('stores times and date-times as ODK does, with the time zone offset', () => {
    expect(timeText('08:30')).toMatch(/^08:30:00\.000[+-]\d\d:\d\d$/);
    expect(dateTimeText('2026-11-24T08:30')).toMatch(/^2026-11-24T08:30:00\.000[+-]\d\d:\d\d$/);
  });

  it('searches without case or accents', () => {
    expect(fold('Gitéga ÉCOLE')).toBe('gitega ecole');
  });
});
