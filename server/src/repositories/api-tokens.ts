import type { ApiToken } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  assets: string;
  areas: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  assets: JSON.parse(r.assets) as string[],
  areas: r.areas ? (JSON.parse(r.areas) as string[]) : null,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export type ApiTokensRepository = ReturnType<typeof apiTokensRepository>;

/** API tokens of other systems (the MIS): only their SHA-256 is stored. */
export function apiTokensRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO api_tokens (id, name, token_hash, prefix, assets, areas, created_at, created_by)
     VALUES (@id, @name, @tokenHash, @prefix, @assets, @areas, @createdAt, @createdBy)`,
  );
  const byName = db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE name = ?');
  const byHash = db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?');
  const list = db.prepare<[], TokenRow>('SELECT * FROM api_tokens ORDER BY revoked_at IS NOT NULL, name');
  const revoke = db.prepare(
    'UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE name = ? AND revoked_at IS NULL',
  );
  const used = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  return {
    insert: (t: ApiToken & { tokenHash: string }) =>
      insert.run({ ...t, assets: JSON.stringify(t.assets), areas: t.areas ? JSON.stringify(t.areas) : null }),
    byName: (name: string): ApiToken | null => {
      const r = byName.get(name);
      return r ? toToken(r) : null;
    },
    byHash: (hash: string): ApiToken | null => {
      const r = byHash.get(hash);
      return r ? toToken(r) : null;
    },
    list: (): ApiToken[] => list.all().map(toToken),
    /** True when a live token of that name was revoked now. */
    revoke: (name: string, at: string, by: string): boolean => revoke.run(at, by, name).changes > 0,
    markUsed: (id: string, at: string) => used.run(at, id),
  };
}
