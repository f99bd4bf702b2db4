import { parseArgs } from 'node:util';
import { cliActor } from '../../usecases/audit.js';
import { SHELL } from '../../domain/admin-scope.js';
import { table, UsageError, type Command } from '../io.js';

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export const apiTokenAdd: Command = {
  name: 'api-token add',
  usage: 'api-token add --name NAME [--assets UID,UID] [--areas CODE,CODE] [--json]',
  summary:
    'Create a read-only token for another system (the MIS): Kobo assets (default: all registered), optionally areas; printed once',
  audit: 'api-token.create',
  async run({ app, args, out, note }) {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        assets: { type: 'string' },
        areas: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (!values.name) throw new UsageError('Give --name (e.g. --name openimis)');
    const assets = list(values.assets) ?? app.apiTokens.assets().map((a) => a.uid);
    if (assets.length === 0) throw new UsageError('No Kobo asset is registered: run kobo asset register first');
    const areas = list(values.areas);
    const { token, apiToken } = app.apiTokens.create(
      {
        name: values.name,
        assets: assets as [string, ...string[]],
        ...(areas ? { areas: areas as [string, ...string[]] } : {}),
      },
      cliActor(),
    );
    note({ target: apiToken.name, details: { assets, areas: areas ?? null } });
    if (values.json) out(`${JSON.stringify({ token, apiToken })}\n`);
    else
      out(
        `API token "${apiToken.name}" (read-only; assets ${assets.join(', ')}${areas ? `; areas ${areas.join(', ')}` : ''}):\n\n  ${token}\n\nIt is shown only now. The MIS sends it as "Authorization: Token ${token.slice(0, 6)}…".\n`,
      );
  },
};

export const apiTokenList: Command = {
  name: 'api-token list',
  usage: 'api-token list [--json]',
  summary: 'API tokens of other systems (never the tokens themselves)',
  async run({ app, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const tokens = app.apiTokens.list(SHELL);
    if (values.json) out(`${JSON.stringify(tokens)}\n`);
    else
      out(
        table(
          ['name', 'token', 'assets', 'areas', 'created', 'last used', 'revoked'],
          tokens.map((t) => [
            t.name,
            `${t.prefix}…`,
            t.assets.join(','),
            t.areas?.join(',') ?? 'all',
            t.createdAt.slice(0, 10),
            t.lastUsedAt?.slice(0, 16) ?? '—',
            t.revokedAt?.slice(0, 16) ?? '',
          ]),
        ),
      );
  },
};

export const apiTokenRevoke: Command = {
  name: 'api-token revoke',
  usage: 'api-token revoke NAME [--json]',
  summary: 'Revoke an API token: the system using it is refused from now on',
  audit: 'api-token.revoke',
  async run({ app, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    const name = positionals[0];
    if (!name) throw new UsageError('Give the name of the token');
    const token = app.apiTokens.revoke(name, cliActor());
    note({ target: name });
    out(values.json ? `${JSON.stringify(token)}\n` : `API token "${name}" revoked at ${token.revokedAt}.\n`);
  },
};
