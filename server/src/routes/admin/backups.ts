import * as contract from '@kusanya/schemas/contract/admin-backups';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { caller } from '../../plugins/auth.js';
import type { AdminUsersService } from '../../usecases/admin-users.js';
import { audit, audited, noteAudit } from '../../plugins/audit.js';
import type { BackupManifest } from '../../backup/manifest.js';
import type { BackupService } from '../../usecases/backups.js';
import { ADMIN } from './common.js';

const info = (m: BackupManifest & { name?: string }) => ({
  name: m.name ?? m.file.replace(/\.sqlite$/, ''),
  file: m.file,
  sha256: m.sha256,
  bytes: m.bytes,
  createdAt: m.createdAt,
  durationMs: m.durationMs,
  trigger: m.trigger,
  schemaVersion: m.schemaVersion,
  tables: m.tables,
});

/** What the backup routes receive: the backups, IDLE_TIMEOUT_SECONDS and the whole-country check. */
export interface AdminBackupOptions {
  backups: BackupService;
  adminUsers: Pick<AdminUsersService, 'checkWholeCountry'>;
  idleTimeoutSeconds: number;
}

/**
 * Backups from the browser: list, back up now, verify, download (an export, audited). Restoring replaces the
 * database under the server, so it is done from the shell with the server stopped: `npm run cli -- restore FILE`.
 */
export async function adminBackupRoutes(
  app: FastifyInstance,
  { backups, adminUsers, idleTimeoutSeconds }: AdminBackupOptions,
) {
  // The whole database: for administrators of the whole country only (issue 12).
  app.addHook('preHandler', async (request) => adminUsers.checkWholeCountry(caller(request).user, 'Backups'));

  route(app, contract.getAdminBackups, { config: ADMIN }, async () => ({
    dir: backups.dir,
    intervalMinutes: backups.intervalMinutes,
    keep: backups.keep,
    running: backups.progress().running,
    backups: backups.list().map(info),
    copies: { ...backups.copies.status(), recent: backups.copies.recent(10) },
  }));

  route(app, contract.postAdminBackupsByNameCopy, { config: { ...ADMIN, audit: 'backup.copy' } }, async (request) => {
    noteAudit(request, { target: request.params.name });
    // A copy is files (and its attempts, recorded by the copy service); its entry is written once it is done.
    const attempts = await backups.copy(request.params.name);
    audited(request, (scope) =>
      scope.note({ details: { outcomes: attempts.map((a) => `${a.target}: ${a.outcome}`) } }),
    );
    return { attempts };
  });

  route(app, contract.postAdminBackups, { config: { ...ADMIN, audit: 'backup.create' } }, async (request, reply) => {
    // The backup is a file, written outside the database; its entry is written when it is complete. A large
    // database takes longer than the idle timeout, with nothing sent meanwhile: the connection waits for it.
    const socket = request.raw.socket as { setTimeout?: (ms: number) => unknown } | undefined;
    socket?.setTimeout?.(0);
    const result = await backups.run('admin').finally(() => socket?.setTimeout?.(idleTimeoutSeconds * 1000));
    audited(
      request,
      (scope) =>
        scope.note({
          target: result.file,
          details: { bytes: result.bytes, durationMs: result.durationMs, pruned: result.pruned },
        }),
      201,
    );
    return reply.status(201).send(info(result));
  });

  route(
    app,
    contract.postAdminBackupsByNameVerify,
    { config: { ...ADMIN, audit: 'backup.verify' } },
    async (request) => {
      const report = await backups.verify(request.params.name);
      audited(request, (scope) => scope.note({ target: request.params.name, details: { ok: report.ok } }));
      return { ok: report.ok, checks: report.checks, durationMs: report.durationMs };
    },
  );

  route(app, contract.getAdminBackupsByNameFile, { exposeHeadRoute: false, config: ADMIN }, async (request, reply) => {
    const backup = backups.file(request.params.name);
    audit(request, 'export.backup', { bytes: backup.bytes, sha256: backup.sha256 }, { target: backup.file });
    return reply
      .type('application/vnd.sqlite3')
      .header('content-disposition', `attachment; filename="${backup.file}"`)
      .header('content-length', String(backup.bytes))
      .header('cache-control', 'no-store')
      .send(createReadStream(backup.path));
  });
}
