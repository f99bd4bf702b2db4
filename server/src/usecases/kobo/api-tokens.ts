import type { ApiToken, ApiTokenCreateRequest } from '@kusanya/schemas';
import { randomBytes } from 'node:crypto';
import { newId } from '../../domain/ids.js';
import { managesEverything, managesUser, ungrantableAreas, type Manager } from '../../domain/admin-scope.js';
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
 * Whether an administrator manages a token (issue 12, finding 8): one whose areas all lie within the administrator's;
 * a token without areas reads the whole country, so only an administrator of the whole country (or the shell) does.
 */
export function managesApiToken(tree: LocationTree, manager: Manager, token: Pick<ApiToken, 'areas'>): boolean {
  return token.areas === null ? managesEverything(tree, manager) : managesUser(tree, manager, { areas: token.areas });
}

/** 403 when the administrator may not give a token these areas (never more than the administrator holds). */
function checkTokenAreas(tree: LocationTree, manager: Manager, areas: string[] | null): void {
  if (managesApiToken(tree, manager, { areas })) return;
  const outside = areas === null ? [] : ungrantableAreas(tree, manager, areas);
  throw new AppError(
    'out-of-scope',
    areas === null
      ? 'A token without areas reads the whole country: give it areas within your own.'
      : `A token can only read areas within your own: ${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside them.`,
  );
}

/**
 * API tokens for other systems (DESIGN.md §8): read-only, limited to Kobo assets and optionally areas,
 * revocable; only a hash is kept, the token is shown once. `manager`: the administrator creating it (the shell:
 * `null`), who can only give areas within their own.
 */
export function createApiToken(
  deps: ApiTokenDeps,
  request: ApiTokenCreateRequest,
  createdBy: string,
  manager: Manager = null,
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
  checkTokenAreas(deps.locations(), manager, request.areas ?? null);
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

export function revokeApiToken(
  deps: Pick<ApiTokenDeps, 'tokens' | 'locations'>,
  name: string,
  by: string,
  manager: Manager = null,
): ApiToken {
  const existing = deps.tokens.byName(name);
  if (!existing) throw new AppError('not-found', `No API token named "${name}".`);
  if (!managesApiToken(deps.locations(), manager, existing)) {
    throw new AppError('out-of-scope', `The token "${name}" reads outside your areas: its administrators revoke it.`);
  }
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

export type ApiTokenUseCases = ReturnType<typeof apiTokenUseCases>;

/**
 * API tokens as the routes and the CLI use them. `manager`: the administrator acting (the shell: `null`).
 * `authenticate` also notes when the token was last used, to the minute (a pull of 500 pages writes it once).
 */
export function apiTokenUseCases(
  deps: Omit<ApiTokenDeps, 'assetUids'> & { assets: () => { uid: string; name: string; formId: string }[] },
) {
  const tokenDeps: ApiTokenDeps = { ...deps, assetUids: () => deps.assets().map((a) => a.uid) };
  return {
    /** The tokens the manager manages (those reading within their areas). */
    list: (manager: Manager) => deps.tokens.list().filter((t) => managesApiToken(deps.locations(), manager, t)),
    /** The Kobo assets a token may be given. */
    assets: () => deps.assets().map((a) => ({ uid: a.uid, name: a.name, formId: a.formId })),
    create: (request: ApiTokenCreateRequest, createdBy: string, manager: Manager = null) =>
      createApiToken(tokenDeps, request, createdBy, manager),
    revoke: (name: string, by: string, manager: Manager = null) => revokeApiToken(tokenDeps, name, by, manager),
    authenticate(header: string | undefined, now = Date.now()): ApiToken {
      const token = authenticateApiToken(deps, header);
      if (!token.lastUsedAt || now - Date.parse(token.lastUsedAt) > 60_000)
        deps.tokens.markUsed(token.id, new Date(now).toISOString());
      return token;
    },
  };
}
