import type { Submission, SubmissionPushRow } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import type { FastifyBaseLogger } from 'fastify';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseSubmission } from '../src/usecases/intake-analysis.js';
import { intakeWorkers, preparePush } from '../src/usecases/sync/intake-workers.js';
import { serialise } from '../src/domain/submission-content.js';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';

/** A valid survey, one whose roster breaks the form's rules, and one for a form version never published. */
function batch(enumeratorId: string): Submission[] {
  const valid = householdSubmission(enumeratorId);
  const members = (sampleHousehold(3)['members'] as Record<string, unknown>[]).map((m) => ({
    ...m,
    relationship: 'CHILD',
  }));
  const noHead = householdSubmission(enumeratorId, { data: { ...sampleHousehold(3), members } });
  const unknownVersion = householdSubmission(enumeratorId, { formVersion: '1999010101' });
  return [valid, noHead, unknownVersion];
}

const rowsOf = (docs: Submission[]): SubmissionPushRow[] =>
  docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));

describe('intake on worker threads', () => {
  let server: TestServer;
  let inline: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ intakeWorkers: 2 });
    inline = await startTestServer({ intakeWorkers: 0 });
  });
  afterAll(async () => {
    await server.close();
    await inline.close();
  });

  it('prepares each record exactly as the push transaction would', async () => {
    const { user } = await server.login('enumerator');
    const docs = batch(user.id);
    const workers = intakeWorkers({ dbFile: join(server.dataDir, 'kusanya.sqlite'), size: 2 });
    try {
      const at = new Date('2026-11-24T09:00:00.000Z');
      const prepared = await workers.prepare(JSON.stringify(rowsOf(docs)), at);
      expect(prepared).toEqual(
        docs.map((d) => ({
          content: serialise(d),
          analysis: analyseSubmission(server.app.ctx.compiledForms.get(d.formId, d.formVersion), d, at),
        })),
      );
      const analyses = prepared.map((p) => p.analysis!);
      expect(analyses[0]).toMatchObject({
        formErrors: [],
        household: { members: [{ index: 0 }, { index: 1 }, { index: 2 }] },
      });
      expect(analyses[1]!.formErrors!.length).toBeGreaterThan(0);
      expect(analyses[2]!.formErrors).toBeNull();
    } finally {
      await workers.close();
    }
  });

  it('gives the device the same answer with and without workers', async () => {
    expect(server.app.ctx.intakeWorkers).not.toBeNull();
    expect(inline.app.ctx.intakeWorkers).toBeNull();
    const outcome = async (s: TestServer) => {
      const { token, user } = await s.login('enumerator');
      const docs = batch(user.id);
      const res = await s.as(token, { method: 'POST', url: '/api/sync/submissions/push', payload: rowsOf(docs) });
      expect(res.statusCode).toBe(200);
      const answered = new Map(res.json<Submission[]>().map((d) => [d.id, d]));
      return docs.map((d) => ({ status: answered.get(d.id)?.status, errors: answered.get(d.id)?.errors }));
    };
    const [withWorkers, without] = [await outcome(server), await outcome(inline)];
    expect(withWorkers).toEqual(without);
    expect(withWorkers.map((o) => o.status)).toEqual(['pending_review', 'needs_correction', 'needs_correction']);
    expect(withWorkers[1]!.errors!.length).toBeGreaterThan(0);
  });

  it('falls back to analysing in the transaction when the workers fail, and says so in the log', async () => {
    const { user } = await server.login('enumerator');
    const workers = intakeWorkers({ dbFile: join(server.dataDir, 'no-such-database.sqlite'), size: 1 });
    const warnings: string[] = [];
    const log = { warn: (_obj: unknown, message: string) => warnings.push(message) } as unknown as FastifyBaseLogger;
    try {
      const rows = rowsOf(batch(user.id));
      const prepared = await preparePush(workers, rows, JSON.stringify(rows), new Date(), log);
      expect(prepared).toHaveLength(3);
      expect(prepared.every((p) => p.analysis === undefined && p.content.hash.length === 64)).toBe(true);
      expect(warnings).toEqual([expect.stringContaining('intake workers failed')]);
    } finally {
      await workers.close();
    }
  });
});
