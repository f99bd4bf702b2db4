import type { ApiToken, ApiTokenCreateRequest } from '@kusanya/schemas';
import { randomBytes } from 'node:crypto';
import { newId } from '../../domain/ids.js';
import type { LocationTree } from '../../domain/scope.js';
import { hashToken } from '../../domain/tokens.js';
import { AppError } from '../../errors.js';
import type { ApiTokensRepository } from '../../repositories/api-tokens.js';

export interface ApiTokenDeps {
  tokens: ApiTokensRepository;
  /** The Kobo asset uids registered (forms/kobo mappings). */
  assetUids: () => string[];
  locations: () => LocationTree;
}

/** The token format of KoboToolbox (40 hex characters), so clients that check its shape accept it. */
const newApiToken = () => randomBytes(20).toString('hex');

/**
 * API tokens for other systems (DESIGN.md §8): read-only, limited to Kobo assets and optionally areas,
 * revocable; only a hash is kept, the token is shown once.
 */
export function createApiToken(
  deps: ApiTokenDeps,
  request: ApiTokenCreateRequest,
  createdBy: string,
): { token: string; apiToken: ApiToken } {
  const known = new Set(deps.assetUids());
  const problems = [
    ...request.assets
      .filter((uid) => !known.has(uid))
      .map((uid) => ({ path: 'assets', message: `No Kobo asset ${uid} is registered (kobo asset list).` })),
    ...(request.areas ?? [])
      .filter((code) => !deps.locations().has(code))
      .map((code) => ({ path: 'areas', message: `No area ${code}.` })),
  ];
  if (deps.tokens.byName(request.name))
    problems.push({ path: 'name', message: `A token named "${request.name}" exists.` });
  if (problems.length > 0) throw new AppError('validation-failed', 'The token was not created.', problems);
  const token = newApiToken();
  const apiToken: ApiToken = {
    id: newId(),
    name: request.name,
    prefix: token.slice(0, 6),
    assets: request.assets,
    areas: request.areas ?? null,
    createdAt: new Date().toISOString(),
    createdBy,
    revokedAt: null,
    lastUsedAt: null,
  };
  deps.tokens.insert({ ...apiToken, tokenHash: hashToken(token) });
  return { token, apiToken };
}

export function revokeApiToken(deps: Pick<ApiTokenDeps, 'tokens'>, name: string, by: string): ApiToken {
  const existing = deps.tokens.byName(name);
  if (!existing) throw new AppError('not-found', `No API token named "${name}".`);
  if (!existing.revokedAt) deps.tokens.revoke(name, new Date().toISOString(), by);
  return deps.tokens.byName(name)!;
}

/** The live token a request presents (`Authorization: Token …`), or a 401. */
export function authenticateApiToken(deps: Pick<ApiTokenDeps, 'tokens'>, header: string | undefined): ApiToken {
  const match = /^Token\s+([A-Za-z0-9_-]{20,200})\s*$/.exec(header ?? '');
  if (!match) throw new AppError('unauthenticated', 'Send an API token: "Authorization: Token <key>".');
  const found = deps.tokens.byHash(hashToken(match[1]!));
  if (!found || found.revokedAt) throw new AppError('unauthenticated', 'This API token is unknown or was revoked.');
  return found;
}
