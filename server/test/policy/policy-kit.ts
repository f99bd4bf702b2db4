/**
 * What a policy entry is made of (the table is in policy-table.ts), shared by the files that hold entries.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Actor, Fixtures, Role } from './fixtures.js';

export interface Policy {
  /**
   * `public`; `api-token` (other systems only: every user, logged in or not, gets 401); or the roles that may
   * call the route (everyone else gets 403; no token gets 401).
   */
  allow: 'public' | 'api-token' | readonly Role[];
  /**
   * How the answer depends on the caller's areas, for allowed roles:
   * - `none`: same answer inside and outside (administration, forms, the caller's own session);
   * - `capture`: allowed inside the caller's areas, 403 `out-of-scope` outside (DESIGN §3 rule 6);
   * - `own`: allowed, but the answer holds only what the caller may read (`check` says how to see that).
   */
  scope: 'none' | 'capture' | 'own';
  /** One valid request as this actor; `n` is unique per case (for unique names). */
  request(f: Fixtures, actor: Actor, n: number): Promise<InjectOptions> | InjectOptions;
  /** Extra checks of an allowed answer. */
  check?(res: LightMyRequestResponse, actor: Actor, f: Fixtures): void;
  /**
   * More requests of the same route made by an allowed actor before `request` (not for HEAD): what the actor
   * must be refused (a ticket it may not see, another area's dashboard, an export its role may not take), or
   * another variant of the route whose answer must hold only what the actor may read (another export dataset).
   */
  probes?(f: Fixtures, actor: Actor, n: number): Promise<Probe[]> | Probe[];
}

export interface Probe {
  /** What is tried, for failure messages. */
  label: string;
  request: InjectOptions;
  /** The refusal expected: HTTP status and error code. */
  refused?: { status: 403 | 404; code: 'forbidden' | 'out-of-scope' | 'not-found' };
  /** Otherwise the answer is a success, checked by this. */
  check?(res: LightMyRequestResponse): void;
}

export const get = (url: string) => (): InjectOptions => ({ method: 'GET', url });
export const post = (url: string, payload?: unknown) => (): InjectOptions => ({
  method: 'POST',
  url,
  ...(payload === undefined ? {} : { payload: payload as object }),
});

/** A GET the actor must be refused. */
export const refused = (
  label: string,
  url: string,
  status: 403 | 404,
  code: 'forbidden' | 'out-of-scope' | 'not-found',
): Probe => ({
  label,
  request: { method: 'GET', url },
  refused: { status, code },
});

/** Sends the probes of an entry as an allowed actor and checks each answer. */
export async function runProbes(policy: Policy, f: Fixtures, actor: Actor, n: number, where: string): Promise<void> {
  if (!policy.probes || !actor.user || policy.allow === 'public' || !policy.allow.includes(actor.user.role)) return;
  for (const probe of await policy.probes(f, actor, n)) {
    const res = await f.server.as(f.token(actor.user), probe.request);
    const label = `${where} as ${actor.label}, probe "${probe.label}": ${res.body.slice(0, 300)}`;
    if (probe.refused) {
      expect(res.statusCode, label).toBe(probe.refused.status);
      expect(res.json().error.code, label).toBe(probe.refused.code);
    } else {
      expect(res.statusCode, label).toBeLessThan(300);
      probe.check?.(res);
    }
  }
}
