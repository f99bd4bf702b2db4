/**
 * Media where the office reads them (issue 15): a household's page lists the ID photos of the surveys about it,
 * newest first (the current one, then the earlier ones); a grievance ticket lists the photos captured with its
 * grievance beside the office's attachments. Each under the record's own read policy.
 */
import type { HouseholdPage, LoginResponse, Submission, TicketDetail } from '@kusanya/schemas';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServerState } from '../src/usecases/sync/server-writes.js';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { grievanceAnswers } from './hq-fixtures.js';
import { jpegLike, refOf, tusUpload, withMedia } from './media/media-helpers.js';

let server: TestServer;
let base: string;
let enumerator: LoginResponse;
let supervisor: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  enumerator = await server.login('enumerator');
  supervisor = await server.login('supervisor');
});
afterAll(() => server.close());

const push = async (doc: Submission) => {
  const res = await server.as(enumerator.token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: doc }],
  });
  expect(res.statusCode).toBe(200);
  return server.app.ctx.submissions.getMaster(doc.id)!;
};

/** Approves a record as the supervisor (put up for review first, as the server does for a form with photos). */
const approve = async (id: string) => {
  const pending = writeServerState(server.app.ctx, id, { status: 'pending_review', errors: [] });
  const approved = await server.as(supervisor.token, {
    method: 'POST',
    url: `/api/review/submissions/${id}/decision`,
    payload: { decision: 'approve', rev: pending.rev },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  return approved;
};

describe('media beside the registry and the grievance cases', () => {
  it("a household's page shows its current ID photo first and the earlier one after a second approved visit", async () => {
    const first = jpegLike(60_000);
    const doc = withMedia(householdSubmission(enumerator.user.id), { id_front: refOf('id_front-1.jpg', first) });
    await push(doc);
    await tusUpload(base, enumerator.token, doc.id, first);
    const approved = await approve(doc.id);
    const household = server.app.ctx.households.get(approved.json().household.householdId)!;

    // A revisit months later brings a new photo of the same card.
    const later = jpegLike(70_000);
    const revisit = withMedia(
      householdSubmission(enumerator.user.id, {
        meta: {
          ...householdSubmission(enumerator.user.id).meta,
          subject: { householdId: household.id, baseVersion: household.version },
        },
      }),
      { id_front: refOf('id_front-2.jpg', later) },
    );
    await push(revisit);
    await tusUpload(base, enumerator.token, revisit.id, later);
    // Approved too: the registry now holds the revisit's answers, and the first visit's photo is history.
    const second = await approve(revisit.id);
    expect(second.json().household.householdId).toBe(household.id);
    expect(server.app.ctx.households.get(household.id)!.version).toBeGreaterThan(household.version);

    const page = await server.as(supervisor.token, { method: 'GET', url: `/api/registry/households/${household.id}` });
    expect(page.statusCode).toBe(200);
    const media = page.json<HouseholdPage>().media;
    expect(media.map((m) => [m.submissionId, m.file.field, m.file.received])).toEqual([
      [revisit.id, 'id_front', true],
      [doc.id, 'id_front', true],
    ]);
  });

  it("a ticket shows its grievance's photo to the grievance officer, beside the office's attachments", async () => {
    const photo = jpegLike(40_000);
    const version = server.app.ctx.forms.listLatest().find((f) => f.formId === 'grievance')!.definition.version;
    const doc = householdSubmission(enumerator.user.id, {
      formId: 'grievance',
      formVersion: version,
      data: grievanceAnswers(),
    });
    await push(doc);
    // The shipped grievance form has no photo question yet: the reference is linked and the photo stored as a
    // push and an upload of a form with one would.
    const ref = refOf('minutes.jpg', photo);
    server.app.ctx.media.linkRecord(withMedia(doc, { minutes: ref }));
    const stored = join(server.dataDir, 'minutes.jpg');
    writeFileSync(stored, photo);
    await server.app.ctx.media.receive(stored, { submissionId: doc.id, sha256: ref.sha256 }, photo.length);
    const ticket = server.app.ctx.grievances.bySubmission(doc.id);
    expect(ticket, 'the grievance became a ticket').not.toBeNull();
    const officer = await server.login('grievance');
    const res = await server.as(officer.token, { method: 'GET', url: `/api/grievances/tickets/${ticket!.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json<TicketDetail>().media).toEqual([
      expect.objectContaining({
        submissionId: doc.id,
        file: expect.objectContaining({ field: 'minutes', received: true }),
      }),
    ]);
    const file = await server.as(officer.token, {
      method: 'GET',
      url: `/api/media/records/${doc.id}/files/minutes.jpg`,
    });
    expect(file.statusCode).toBe(200);
  });
});
