import type { Submission } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { decidePush } from './push-decision.js';

const doc = (over: Partial<Submission> = {}): Submission =>
  submissionFixture({
    id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab',
    data: { head: 'A' },
    meta: { deviceId: 'd1' },
    updatedAt: 1,
    ...over,
  });

describe('decidePush', () => {
  it('writes a new record at rev 1', () => {
    expect(
      decidePush({ assumedMasterState: null, newDocumentState: doc({ rev: 0 }) }, { master: null, seen: undefined }),
    ).toEqual({
      kind: 'write',
      doc: doc({ rev: 1 }),
    });
  });

  it('treats content received before as a replay, answering the master only if it moved on', () => {
    const sent = doc();
    expect(decidePush({ assumedMasterState: null, newDocumentState: sent }, { master: sent, seen: true })).toEqual({
      kind: 'replay',
      answer: null,
    });
    const processed = doc({ status: 'needs_correction', rev: 2, errors: [{ path: 'head', message: 'x' }] });
    expect(decidePush({ assumedMasterState: null, newDocumentState: sent }, { master: processed, seen: true })).toEqual(
      {
        kind: 'replay',
        answer: processed,
      },
    );
  });

  it('answers a stale assumed state with the master', () => {
    const master = doc({ rev: 3, data: { head: 'B' } });
    const decision = decidePush(
      { assumedMasterState: doc({ rev: 2 }), newDocumentState: doc({ rev: 3, data: { head: 'C' } }) },
      { master, seen: undefined },
    );
    expect(decision).toMatchObject({ kind: 'conflict', answer: master });
  });

  it('bumps the revision of an edit based on the current master', () => {
    const master = doc({ rev: 4, status: 'returned' });
    const decision = decidePush(
      { assumedMasterState: master, newDocumentState: doc({ rev: 5, status: 'submitted', data: { head: 'D' } }) },
      { master, seen: undefined },
    );
    expect(decision).toEqual({ kind: 'write', doc: doc({ rev: 5, status: 'submitted', data: { head: 'D' } }) });
  });

  it('answers a device that sets server-owned fields with the master, or refuses a new record doing so', () => {
    const master = doc({ rev: 2 });
    expect(
      decidePush(
        { assumedMasterState: master, newDocumentState: doc({ rev: 3, status: 'approved' }) },
        { master, seen: undefined },
      ),
    ).toMatchObject({ kind: 'conflict', answer: master });
    expect(
      decidePush(
        { assumedMasterState: null, newDocumentState: doc({ status: 'approved' }) },
        { master: null, seen: undefined },
      ),
    ).toMatchObject({ kind: 'refuse' });
  });
});
