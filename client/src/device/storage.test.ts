import { describe, expect, it } from 'vitest';
import { BLOCK_CAPTURE_BELOW_BYTES, captureAllowed, formatBytes, headroomOf, WARN_BELOW_BYTES } from './storage.js';

const MB = 1024 * 1024;

describe('storage headroom', () => {
  it('blocks capture below the safe threshold, warns below the warning one, never blocks when unknown', () => {
    expect(headroomOf(100 * MB, 10_000 * MB)).toMatchObject({ free: 9_900 * MB, level: 'ok' });
    expect(headroomOf(0, WARN_BELOW_BYTES - 1).level).toBe('low');
    const full = headroomOf(1_000 * MB, 1_000 * MB + BLOCK_CAPTURE_BELOW_BYTES - 1);
    expect(full.level).toBe('full');
    expect(captureAllowed(full)).toBe(false);
    expect(captureAllowed(headroomOf(undefined, undefined))).toBe(true);
    expect(headroomOf(5 * MB, 1 * MB)).toMatchObject({ free: 0, level: 'full' });
  });

  it('formats sizes for people', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(250 * MB, 'en')).toBe('250 MB');
  });
});
