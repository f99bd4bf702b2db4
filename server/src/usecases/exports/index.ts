import type { User } from '@kusanya/schemas';
import { AppError } from '../../errors.js';
import type { AuditSink } from './audit.js';
import { startExport, type ExportDeps, type ExportRequest } from './run-export.js';

export type ExportUseCases = ReturnType<typeof exportUseCases>;

/** Streamed exports as the routes call them: start one (written to the caller's audit sink), follow its progress. */
export function exportUseCases(deps: Omit<ExportDeps, 'audit'>) {
  return {
    start: (user: User, request: ExportRequest, audit: AuditSink) => startExport({ ...deps, audit }, user, request),
    /** Rows sent so far of one of the caller's exports, or 404. */
    progress(id: string, user: User) {
      const state = deps.progress.get(id, user.id);
      if (!state) throw new AppError('not-found', 'No such export.');
      return { rows: state.rows, total: state.total, state: state.state };
    },
  };
}
