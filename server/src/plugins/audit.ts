import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '../repositories/audit.js';
import { outcomeOf, type AuditService } from '../usecases/audit.js';

/** What a handler adds to the automatic audit entry of its request. */
export interface AuditNote {
  /** Overrides the action name (default: the route's `config.audit`, else "METHOD /route"). */
  action?: string;
  target?: string;
  details?: Record<string, unknown>;
  /** For anonymous routes (login): who the request claims to be. */
  actor?: string;
  actorId?: string;
  role?: string;
  deviceId?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Name of the action in the audit log, e.g. "user.create" (default: "METHOD /route"). */
    audit?: string;
  }
  interface FastifyRequest {
    auditNote: AuditNote | null;
    /** Set once `audited` committed this request's change together with its audit entry. */
    auditCommitted: boolean;
  }
}

/** What a change run by `audited` may add to its request's audit entry, from inside its transaction. */
export interface AuditScope {
  /** Target and details of the request's entry (e.g. the id of what the change created). */
  note(note: Pick<AuditNote, 'target' | 'details' | 'action'>): void;
  /** One more entry of the same request, e.g. one per record of a bulk approval. */
  entry(entry: { action: string; target: string; details?: Record<string, unknown> }): void;
}

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Adds target/details to this request's audit entry. Any route may call it; mutations are recorded anyway.
 * Never put passwords, tokens or personal answers in details (keys named password/token/key are hidden).
 */
export function noteAudit(request: FastifyRequest, note: AuditNote): void {
  request.auditNote = { ...request.auditNote, ...note, details: { ...request.auditNote?.details, ...note.details } };
}

function who(request: FastifyRequest) {
  const auth = request.auth;
  const note = request.auditNote;
  return {
    actorId: auth?.user.id ?? note?.actorId ?? null,
    actor: auth?.user.username ?? note?.actor ?? null,
    role: auth?.user.role ?? note?.role ?? null,
    deviceId: auth?.session.deviceId ?? note?.deviceId ?? null,
    ip: request.ip,
    requestId: String(request.id),
  };
}

/**
 * Runs a change and writes its audit entry in the same database transaction (issue 12: a crash can never leave a
 * change without its entry, nor an entry without its change). Every mutating route calls its use case through this;
 * `change` must be synchronous (do asynchronous work, e.g. password hashing, before). The entry says who, the
 * route's action (`config.audit`), the target and details noted (before, or inside through `scope`), and the
 * status the route answers on success (`status`, default 200). If the change throws, nothing is written and the
 * failure is recorded after the response, as for any refused or failed request.
 */
export function audited<T>(request: FastifyRequest, change: (scope: AuditScope) => T, status = 200): T {
  const auditService = request.server.auditService;
  if (!auditService) throw new Error('audit plugin not installed');
  const entries: { action: string; target: string; details?: Record<string, unknown> }[] = [];
  const scope: AuditScope = { note: (note) => noteAudit(request, note), entry: (entry) => entries.push(entry) };
  const base = () => ({ ...who(request), method: request.method, route: request.routeOptions.url ?? null, status });
  const result = auditService.withinTransaction(() => {
    const value = change(scope);
    const note = request.auditNote;
    auditService.record({
      ...base(),
      action: actionOf(request),
      target: note?.target ?? null,
      outcome: 'success',
      details: note?.details && Object.keys(note.details).length > 0 ? note.details : null,
    });
    for (const e of entries) {
      auditService.record({
        ...base(),
        action: e.action,
        target: e.target,
        outcome: 'success',
        details: e.details ?? null,
      });
    }
    return value;
  });
  request.auditCommitted = true;
  return result;
}

function actionOf(request: FastifyRequest): string {
  const url = request.routeOptions.url ?? null;
  const path = request.url.split('?')[0] ?? '';
  return (
    request.auditNote?.action ?? request.routeOptions.config?.audit ?? `${request.method} ${url ?? path.slice(0, 200)}`
  );
}

/**
 * Records an action now, e.g. an export served by a GET route (reads are not recorded automatically):
 * `audit(request, 'export.audit', { rows })`. Mutations need no call: the hook records them.
 */
export function audit(
  request: FastifyRequest,
  action: string,
  details: Record<string, unknown> = {},
  options: { target?: string; outcome?: AuditOutcome } = {},
): void {
  const auditService = request.server.auditService;
  if (!auditService) throw new Error('audit plugin not installed');
  auditService.record({
    ...who(request),
    action,
    method: request.method,
    route: request.routeOptions.url ?? null,
    target: options.target ?? null,
    status: null,
    outcome: options.outcome ?? 'success',
    details,
  });
}

/**
 * The audit hook: after every answered non-GET /api request (any outcome, including refused and failed
 * ones) one entry: who (user, role, device, IP), what (action, route, target, details), when, and the
 * outcome (success < 400, denied 401/403/429, failure otherwise). Request bodies are never stored. A request whose
 * change was committed with its entry (`audited`) and that succeeded is not recorded twice.
 */
export function installAudit(app: FastifyInstance, auditService: AuditService): void {
  app.decorate('auditService', auditService);
  app.decorateRequest('auditNote', null);
  app.decorateRequest('auditCommitted', false);
  app.addHook('onResponse', async (request, reply) => {
    if (READ_ONLY.has(request.method)) return;
    if (request.auditCommitted && reply.statusCode < 400) return;
    const url = request.routeOptions.url ?? null;
    const path = request.url.split('?')[0] ?? '';
    if (!(url ?? path).startsWith('/api/')) return;
    const note = request.auditNote;
    try {
      auditService.record({
        ...who(request),
        action: actionOf(request),
        method: request.method,
        route: url,
        target: note?.target ?? null,
        status: reply.statusCode,
        outcome: outcomeOf(reply.statusCode),
        details: note?.details && Object.keys(note.details).length > 0 ? note.details : null,
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit log');
    }
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    auditService?: AuditService;
  }
}
