import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '../repositories/audit.js';
import { outcomeOf, type AuditService } from '../services/audit.js';

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
  }
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
 * outcome (success < 400, denied 401/403/429, failure otherwise). Request bodies are never stored.
 */
export function installAudit(app: FastifyInstance, auditService: AuditService): void {
  app.decorate('auditService', auditService);
  app.decorateRequest('auditNote', null);
  app.addHook('onResponse', async (request, reply) => {
    if (READ_ONLY.has(request.method)) return;
    const url = request.routeOptions.url ?? null;
    const path = request.url.split('?')[0] ?? '';
    if (!(url ?? path).startsWith('/api/')) return;
    const note = request.auditNote;
    try {
      auditService.record({
        ...who(request),
        action: note?.action ?? request.routeOptions.config?.audit ?? `${request.method} ${url ?? path.slice(0, 200)}`,
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
