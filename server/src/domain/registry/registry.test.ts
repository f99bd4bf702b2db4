import { describe, expect, it } from 'vitest';
import { diffValues, threeWay } from './diff.js';
import { householdCode } from './household-code.js';
import { householdProblems } from '../../../../shared/src/registry/invariants.js';

describe('householdProblems', () => {
  it('accepts one head and one primary recipient', () => {
    expect(
      householdProblems([
        { role: 'HEAD', recipient: 'PRIMARY' },
        { role: 'SPOUSE', recipient: 'SECONDARY' },
        { role: 'SON', recipient: null },
      ]),
    ).toEqual([]);
  });

  it('names what is wrong with zero or two heads and recipients', () => {
    expect(householdProblems([{ role: 'SPOUSE', recipient: null }]).map((p) => p.rule)).toEqual([
      'one-head',
      'one-primary-recipient',
    ]);
    const two = householdProblems([
      { role: 'HEAD', recipient: 'PRIMARY' },
      { role: 'HEAD', recipient: 'PRIMARY' },
    ]);
    expect(two.map((p) => p.message)).toEqual([
      'A household has exactly one head; this one would have 2.',
      'A household has exactly one primary recipient; this one would have 2.',
    ]);
  });
});

describe('diffValues', () => {
  it('lists added, changed and cleared fields, ignoring empty-to-empty', () => {
    expect(
      diffValues(
        { rooms: 2, roof: 'straw', note: '', assets: ['radio'] },
        { rooms: 3, water: 'well', note: null, assets: ['radio'] },
      ),
    ).toEqual([
      { field: 'roof', old: 'straw', new: null },
      { field: 'rooms', old: 2, new: 3 },
      { field: 'water', old: null, new: 'well' },
    ]);
  });
});

describe('threeWay', () => {
  it('shows fields that moved on either side and flags real conflicts', () => {
    const rows = threeWay(
      { rooms: 2, roof: 'straw', water: 'river' },
      { rooms: 3, roof: 'straw', water: 'river' },
      { rooms: 4, roof: 'iron', water: 'river' },
    );
    expect(rows).toEqual([
      { field: 'roof', base: 'straw', current: 'straw', proposed: 'iron', conflict: false },
      { field: 'rooms', base: 2, current: 3, proposed: 4, conflict: true },
    ]);
  });
});

describe('householdCode', () => {
  it('is year, province and a zero-padded sequence', () => {
    expect(householdCode(2026, 'P03', 42)).toBe('2026-P03-000042');
  });
});
