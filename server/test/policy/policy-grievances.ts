/**
 * Access policy of grievance case management (DESIGN.md §2, §5): grievance officers handle every ticket of their
 * areas, SENSITIVE ones included; HQ handles the tickets of its areas that are not SENSITIVE; nobody else.
 * A ticket the caller may not see answers 404 (its existence is not disclosed). Part of POLICY (policy-table.ts).
 */
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { Actor, Fixtures, FixtureTicket, Role, TicketKind } from './fixtures.js';
import { FAR_COLLINE, FIXTURE_COLLINE } from './fixtures.js';
import { get, type Policy, type Probe } from './policy-kit.js';

const TICKET_ROLES: readonly Role[] = ['grievance_officer', 'hq'];

/** THE rule: who may see (and so handle) a ticket. */
export function maySeeTicket(f: Fixtures, a: Actor, t: TicketKind): boolean {
  if (a.role === 'grievance_officer') return f.inAreas(a, t.colline);
  if (a.role === 'hq') return !t.sensitive && f.inAreas(a, t.colline);
  return false;
}

/** The kind of ticket an allowed caller works on in a case: SENSITIVE for grievance officers, in its own areas. */
function ownKind(f: Fixtures, a: Actor): TicketKind {
  const kind: TicketKind = {
    sensitive: a.role === 'grievance_officer',
    colline: a.inside ? FIXTURE_COLLINE : FAR_COLLINE,
  };
  if (a.user && TICKET_ROLES.includes(a.user.role))
    expect(maySeeTicket(f, a, kind), `${a.label} handles ${JSON.stringify(kind)}`).toBe(true);
  return kind;
}
const ownTicket = (f: Fixtures, a: Actor): FixtureTicket => {
  const kind = ownKind(f, a);
  return f.tickets.find((t) => t.sensitive === kind.sensitive && t.colline === kind.colline)!;
};

/** The fixture tickets this caller may not see, each tried as `request` builds it: 404, nothing disclosed. */
const hidden =
  (request: (f: Fixtures, t: FixtureTicket, a: Actor) => InjectOptions) =>
  (f: Fixtures, a: Actor): Probe[] =>
    f.tickets
      .filter((t) => !maySeeTicket(f, a, t))
      .map((t) => ({
        label: `${t.sensitive ? 'SENSITIVE ' : ''}ticket of ${t.colline}`,
        request: request(f, t, a),
        refused: { status: 404, code: 'not-found' },
      }));

/** A fresh ticket (RECEIVED) of the caller's own kind for a case that changes it; callers refused anyway get a fixture one. */
async function freshTicket(f: Fixtures, a: Actor): Promise<{ id: string; version: number }> {
  if (a.user && TICKET_ROLES.includes(a.user.role)) return f.ticket(ownKind(f, a));
  const t = ownTicket(f, a);
  return { id: t.id, version: f.ticketVersion(t.id) };
}

const attachText = (id: string, n: number): Omit<InjectOptions, 'method'> => ({
  url: `/api/grievances/tickets/${id}/attachments?filename=policy-${n}.txt`,
  headers: { 'content-type': 'text/plain' },
  payload: `policy attachment ${n}`,
});

export const GRIEVANCE_POLICY: Record<string, Policy> = {
  'GET /api/grievances/meta': {
    allow: TICKET_ROLES,
    scope: 'none',
    request: get('/api/grievances/meta'),
    check: (res) => expect(res.json().sensitiveCategories).toContain('VIOLENCE_GBV'),
  },
  'GET /api/grievances/tickets': {
    allow: TICKET_ROLES,
    scope: 'own',
    request: get('/api/grievances/tickets?limit=200'),
    check: (res, a, f) => {
      const list = res.json() as {
        items: { id: string; area: string; sensitive: boolean }[];
        counts: { sensitive: number };
        nextCursor: string | null;
      };
      expect(list.nextCursor).toBeNull();
      const ids = list.items.map((i) => i.id);
      for (const t of f.tickets) expect(ids.includes(t.id), JSON.stringify(t)).toBe(maySeeTicket(f, a, t));
      expect(list.items.every((i) => f.inAreas(a, i.area) && (a.role === 'grievance_officer' || !i.sensitive))).toBe(
        true,
      );
      if (a.role === 'hq') expect(list.counts.sensitive).toBe(0);
    },
  },
  'GET /api/grievances/tickets/:id': {
    allow: TICKET_ROLES,
    scope: 'own',
    request: (f, a) => get(`/api/grievances/tickets/${ownTicket(f, a).id}`)(),
    // The ticket asked for; the household link only for HQ; SENSITIVE tickets assignable to grievance officers only.
    check: (res, a, f) => {
      const t = ownTicket(f, a);
      const detail = res.json() as {
        ticket: { id: string; sensitive: boolean };
        household: { id: string } | null;
        assignees: { role: string }[];
      };
      expect(detail.ticket).toMatchObject({ id: t.id, sensitive: t.sensitive });
      expect(detail.household?.id ?? null).toBe(
        a.role === 'hq' && t.colline === FIXTURE_COLLINE ? f.householdId : null,
      );
      if (t.sensitive) expect(detail.assignees.every((u) => u.role === 'grievance_officer')).toBe(true);
    },
    probes: hidden((_f, t) => get(`/api/grievances/tickets/${t.id}`)()),
  },
  'GET /api/grievances/tickets/:id/attachments/:attachmentId': {
    allow: TICKET_ROLES,
    scope: 'own',
    request: (f, a) => {
      const t = ownTicket(f, a);
      return get(`/api/grievances/tickets/${t.id}/attachments/${t.attachmentId}`)();
    },
    check: (res, a, f) => expect(res.body).toBe(`policy note of ${ownTicket(f, a).id}`),
    // Hidden tickets' files, asked for under their own ticket and under one the caller may see.
    probes: (f, a) => [
      ...hidden((_f, t) => get(`/api/grievances/tickets/${t.id}/attachments/${t.attachmentId}`)())(f, a),
      ...hidden((_f, t) => get(`/api/grievances/tickets/${ownTicket(f, a).id}/attachments/${t.attachmentId}`)())(f, a),
    ],
  },

  // Changes: each case on a fresh ticket (RECEIVED, version 1) of the caller's own kind.
  'POST /api/grievances/tickets/:id/status': {
    allow: TICKET_ROLES,
    scope: 'own',
    request: async (f, a) => {
      const { id, version } = await freshTicket(f, a);
      return { method: 'POST', url: `/api/grievances/tickets/${id}/status`, payload: { to: 'OPEN', version } };
    },
    check: (res) => expect(res.json().ticket.status).toBe('OPEN'),
    probes: hidden((f, t) => ({
      method: 'POST',
      url: `/api/grievances/tickets/${t.id}/status`,
      payload: { to: 'OPEN', version: f.ticketVersion(t.id) },
    })),
  },
  'POST /api/grievances/tickets/:id/assign': {
    allow: TICKET_ROLES,
    scope: 'own',
    request: async (f, a) => {
      const { id, version } = await freshTicket(f, a);
      return {
        method: 'POST',
        url: `/api/grievances/tickets/${id}/assign`,
        payload: { assigneeId: a.user?.id ?? null, version },
      };
    },
    check: (res, a) => expect(res.json().ticket.assignedTo.id).toBe(a.user!.id),
    probes: hidden((f, t, a) => ({
      method: 'POST',
      url: `/api/grievances/tickets/${t.id}/assign`,
      payload: { assigneeId: a.user!.id, version: f.ticketVersion(t.id) },
    })),
  },
  'POST /api/grievances/tickets/:id/comments': {
    allow: TICKET_ROLES,
    scope: 'own',
    request: async (f, a, n) => ({
      method: 'POST',
      url: `/api/grievances/tickets/${(await freshTicket(f, a)).id}/comments`,
      payload: { body: `policy comment ${n}` },
    }),
    check: (res) =>
      expect(res.json().comments.map((c: { body: string }) => c.body)).toEqual([
        expect.stringMatching(/^policy comment \d+$/),
      ]),
    probes: hidden((_f, t) => ({
      method: 'POST',
      url: `/api/grievances/tickets/${t.id}/comments`,
      payload: { body: 'policy probe' },
    })),
  },
  'POST /api/grievances/tickets/:id/attachments': {
    allow: TICKET_ROLES,
    scope: 'own',
    request: async (f, a, n) => ({ method: 'POST', ...attachText((await freshTicket(f, a)).id, n) }),
    check: (res) => expect(res.json().filename).toMatch(/^policy-\d+\.txt$/),
    probes: hidden((_f, t) => ({ method: 'POST', ...attachText(t.id, 0) })),
  },
};
