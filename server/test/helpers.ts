import { DEVICE_EXPORT_FORMAT, type DeviceExport, type LoginResponse, type Submission } from '@kusanya/schemas';
import { checksumOf, checksumPayload } from '@kusanya/shared/sync/device-export';
import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { buildApp } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';
import { DEMO_PASSWORD, demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import { submissionFixture, type SubmissionOverrides } from '@kusanya/tools/factories/submission';

export interface TestServer {
  app: FastifyInstance;
  dataDir: string;
  login(username: string, password?: string): Promise<LoginResponse>;
  /** inject() with a bearer token. */
  as(token: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A real server on a real SQLite file in a fresh temp directory, seeded with the demo data. */
export async function startTestServer(overrides: Partial<AppConfig> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-test-'));
  const config = {
    ...loadConfig({}),
    dataDir,
    clientDir: null,
    logLevel: 'silent' as const,
    loginRateLimitPerMinute: 1000,
    ...overrides,
  };
  const app = await buildApp(config);
  await seedDemoIfEmpty(demoSeedDeps(app.ctx.db));
  return {
    app,
    dataDir,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password, deviceId: `${username}-device` },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return res.json<LoginResponse>();
    },
    as(token, options) {
      return app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The version of `forms/household_survey.xlsx`, which the demo seed publishes. */
export { SHIPPED_HOUSEHOLD_VERSION as SEEDED_HOUSEHOLD_VERSION } from '@kusanya/tools/factories/households';
import { SHIPPED_HOUSEHOLD_VERSION as SEEDED_HOUSEHOLD_VERSION } from '@kusanya/tools/factories/households';

/** A household submission as a device would finalise it: valid for the seeded household survey (3 members). */
export function householdSubmission(enumeratorId: string, over: SubmissionOverrides = {}): Submission {
  return submissionFixture({
    formVersion: SEEDED_HOUSEHOLD_VERSION,
    data: sampleHousehold(3),
    updatedAt: Date.now(),
    ...over,
    meta: { enumeratorId, finalizedAt: '2026-11-24T08:15:00.000Z', ...over.meta },
  });
}

/** Publishes one of the programme's forms from `forms/NAME.xlsx` (as the seed does) and returns its definition. */
export async function publishShippedForm(
  server: TestServer,
  name: 'household_survey' | 'grievance' | 'indicator_report',
) {
  const { readFile } = await import('node:fs/promises');
  const { importFormWorkbook } = await import('../src/usecases/form-import.js');
  const buffer = await readFile(new URL(`../../forms/${name}.xlsx`, import.meta.url));
  return (await importFormWorkbook(server.app.ctx.forms, buffer, { publish: true })).definition;
}

/** A device export file as the app writes it ("Export unsynced records"), with its checksum. */
export function deviceExportFile(
  user: { id: string; username: string },
  records: { assumedRev: number | null; doc: Submission }[],
  over: Partial<Omit<DeviceExport, 'checksum'>> = {},
): DeviceExport {
  const file = {
    format: DEVICE_EXPORT_FORMAT as DeviceExport['format'],
    formatVersion: 1 as const,
    exportedAt: '2026-11-25T16:00:00.000Z',
    appVersion: '0.1.0',
    deviceId: 'device-rescue-1',
    user,
    records,
    ...over,
  };
  return { ...file, checksum: checksumOf(createHash('sha256').update(checksumPayload(file)).digest('hex')) };
}
