import { userInfo } from 'node:os';
import type { AuditOutcome, AuditRepository, NewAuditEntry } from '../repositories/audit.js';

export type { AuditEntry, AuditFilter } from '../repositories/audit.js';

/** What a caller must say; everything else defaults to null. */
export type AuditInput = Partial<NewAuditEntry> & { action: string; outcome: AuditOutcome };

export type AuditService = ReturnType<typeof auditService>;

/** Fields never written to the audit log, wherever they appear in details. */
const SECRET_KEYS = /^(password|token|authorization|key|secret)$/i;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) ? '[hidden]' : scrub(v, depth + 1),
    ]),
  );
}

/** The outcome of an HTTP status, as the audit log records it. */
export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  if (status === 401 || status === 403 || status === 429) return 'denied';
  return 'failure';
}

/**
 * Writes the append-only audit log. HTTP requests are recorded by the audit plugin (plugins/audit.ts);
 * the CLI and scheduled jobs call `record` with their own actor (`cliActor()`, `system`).
 */
export function auditService(repo: AuditRepository, clock: () => Date = () => new Date()) {
  return {
    /** Appends one entry (inside the caller's transaction, if any). */
    record(input: AuditInput): number {
      const details = input.details ? (scrub(input.details) as Record<string, unknown>) : null;
      return repo.append({
        at: input.at ?? clock().toISOString(),
        actorId: input.actorId ?? null,
        actor: input.actor ?? null,
        role: input.role ?? null,
        action: input.action,
        method: input.method ?? null,
        route: input.route ?? null,
        target: input.target ?? null,
        status: input.status ?? null,
        outcome: input.outcome,
        deviceId: input.deviceId ?? null,
        ip: input.ip ?? null,
        requestId: input.requestId ?? null,
        details,
      });
    },
    /** Runs a change and the entries it records in one transaction (see plugins/audit.ts `audited`). */
    withinTransaction: repo.withinTransaction,
    find: repo.find,
    iterate: repo.iterate.bind(repo),
    count: repo.count,
  };
}

/** The actor of a CLI command: the operating-system user who ran it. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
