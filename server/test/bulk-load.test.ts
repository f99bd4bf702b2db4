import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLoadRepository } from '../src/repositories/bulk-load.js';
import { emptyRows, rowWriter } from '../src/repositories/bulk-rows.js';
import { openStagingFile } from '../src/repositories/bulk-staging.js';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let scratch: string;
beforeAll(async () => {
  server = await startTestServer();
  scratch = mkdtempSync(join(tmpdir(), 'kusanya-bulk-'));
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

const at = '2026-11-20T10:00:00.000Z';
let files = 0;

interface Member {
  role: string;
  recipient: string | null;
}

/** A staged batch of one household with `members`, behind a household survey with `status`. */
function stagedHousehold(code: string, members: Member[], status = 'approved', size = members.length): string {
  const rows = emptyRows();
  const out = rowWriter(rows);
  const seq = 1_000_000 + files;
  const submissionId = `0193a1b2-0000-7000-8000-${String(seq).padStart(12, '0')}`;
  const householdId = `0193a1b2-1111-7000-8000-${String(seq).padStart(12, '0')}`;
  out.submission({
    id: submissionId,
    seq,
    formId: 'household_survey',
    formVersion: '1',
    enumeratorId: 'bulk-test',
    area: 'CL03010101',
    status,
    rev: 2,
    receivedAt: at,
    updatedAt: at,
    doc: '{}',
  });
  out.household({
    id: householdId,
    code,
    area: 'CL03010101',
    commune: 'C0301',
    province: 'P03',
    version: 1,
    seq,
    headNameNorm: 'test',
    size,
    valuesJson: '{}',
    createdAt: at,
    updatedAt: at,
    createdBySubmission: submissionId,
  });
  members.forEach((m, position) => {
    const individualId = `0193a1b2-2222-7000-8${position}00-${String(seq).padStart(12, '0')}`;
    out.individual({
      id: individualId,
      firstName: 'A',
      lastName: 'B',
      sex: 'F',
      birthDate: null,
      birthYear: 1990,
      nationalId: null,
      nationalIdNorm: null,
      phone: null,
      nameNorm: 'a b',
      commune: 'C0301',
      valuesJson: '{}',
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    out.membership({
      householdId,
      individualId,
      role: m.role,
      relationship: null,
      recipient: m.recipient,
      respondent: position === 0,
      position,
      startedAt: at,
      startedBy: submissionId,
    });
  });
  const file = join(scratch, `batch-${++files}.sqlite`);
  const staging = openStagingFile(file);
  staging.append(rows);
  staging.close();
  return file;
}

const households = (code: string) =>
  (server.app.ctx.db.prepare('SELECT count(*) AS n FROM households WHERE code = ?').get(code) as { n: number }).n;

describe('bulk loads into the registry', () => {
  it('copy a household that keeps the registry rules', () => {
    bulkLoadRepository(server.app.ctx.db).copyStaged(
      stagedHousehold('2026-P03-900001', [
        { role: 'HEAD', recipient: 'PRIMARY' },
        { role: 'SPOUSE', recipient: 'SECONDARY' },
      ]),
    );
    expect(households('2026-P03-900001')).toBe(1);
  });

  it.each([
    [
      'two heads',
      [
        { role: 'HEAD', recipient: 'PRIMARY' },
        { role: 'HEAD', recipient: null },
      ],
      'approved',
    ],
    ['no primary recipient', [{ role: 'HEAD', recipient: 'SECONDARY' }], 'approved'],
    ['no approved survey behind it', [{ role: 'HEAD', recipient: 'PRIMARY' }], 'pending_review'],
  ] as const)('refuse a whole batch with %s, writing nothing', (_, members, status) => {
    const code = `2026-P03-8${String(files).padStart(5, '0')}`;
    expect(() => bulkLoadRepository(server.app.ctx.db).copyStaged(stagedHousehold(code, [...members], status))).toThrow(
      /breaks the registry rules/,
    );
    expect(households(code)).toBe(0);
  });

  it('refuse a household whose size is not its number of members', () => {
    const file = stagedHousehold('2026-P03-900099', [{ role: 'HEAD', recipient: 'PRIMARY' }], 'approved', 3);
    expect(() => bulkLoadRepository(server.app.ctx.db).copyStaged(file)).toThrow(/breaks the registry rules/);
    expect(households('2026-P03-900099')).toBe(0);
  });
});
