import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AuditFilter, AuditOutcome } from '../../repositories/audit.js';
import { csvCell } from '../../routes/admin/audit.js';
import { cliActor } from '../../usecases/audit.js';
import { table, UsageError, type Command } from '../io.js';

const FILTER_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  actor: { type: 'string' },
  action: { type: 'string' },
  outcome: { type: 'string' },
  device: { type: 'string' },
} as const;

function filterOf(values: {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  device?: string;
}): AuditFilter {
  if (values.outcome && !['success', 'denied', 'failure'].includes(values.outcome))
    throw new UsageError('--outcome is success, denied or failure');
  for (const key of ['from', 'to'] as const) {
    if (values[key] && Number.isNaN(Date.parse(values[key]!)))
      throw new UsageError(`--${key} is a date or time, e.g. 2026-11-24 or 2026-11-24T08:00:00Z`);
  }
  const iso = (v: string) => new Date(v).toISOString();
  return {
    ...(values.from ? { from: iso(values.from) } : {}),
    ...(values.to ? { to: iso(values.to) } : {}),
    ...(values.actor ? { actor: values.actor } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(values.outcome ? { outcome: values.outcome as AuditOutcome } : {}),
    ...(values.device ? { deviceId: values.device } : {}),
  };
}

export const auditList: Command = {
  name: 'audit list',
  usage:
    'audit list [--from T] [--to T] [--actor NAME] [--action PREFIX] [--outcome success|denied|failure] [--device ID] [--limit N] [--json]',
  summary: 'The newest audit entries matching the filters',
  async run({ app, args, out }) {
    const { values } = parseArgs({
      args,
      options: {
        ...FILTER_OPTIONS,
        limit: { type: 'string', default: '50' },
        json: { type: 'boolean', default: false },
      },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
      throw new UsageError('--limit is a whole number from 1 to 100000');
    const entries = app.audit.find(filterOf(values), limit);
    if (values.json) {
      out(`${JSON.stringify(entries)}\n`);
      return;
    }
    out(
      table(
        ['at', 'actor', 'action', 'target', 'outcome', 'status', 'device', 'ip'],
        entries.map((e) => [
          e.at,
          e.actor ?? '',
          e.action,
          e.target ?? '',
          e.outcome,
          e.status === null ? '' : String(e.status),
          e.deviceId ?? '',
          e.ip ?? '',
        ]),
      ),
    );
  },
};

export const auditExport: Command = {
  name: 'audit export',
  usage: 'audit export [--format csv|jsonl] [--out FILE] [filters as for audit list]',
  summary: 'Export the audit log (oldest first) to a file or standard output; the export is itself audited',
  async run({ app, args, out }) {
    const { values } = parseArgs({
      args,
      options: { ...FILTER_OPTIONS, format: { type: 'string', default: 'csv' }, out: { type: 'string' } },
    });
    if (!['csv', 'jsonl'].includes(values.format)) throw new UsageError('--format is csv or jsonl');
    const filter = filterOf(values);
    app.audit.record({
      actor: cliActor(),
      action: 'export.audit',
      outcome: 'success',
      target: values.out ?? 'stdout',
      details: { format: values.format, filter },
    });
    const stream = values.out ? createWriteStream(values.out) : null;
    const write = (text: string) => (stream ? stream.write(text) : out(text));
    const columns = [
      'id',
      'at',
      'actor',
      'actorId',
      'role',
      'action',
      'method',
      'route',
      'target',
      'status',
      'outcome',
      'deviceId',
      'ip',
      'requestId',
      'details',
    ] as const;
    if (values.format === 'csv') write(`${columns.join(',')}\r\n`);
    let rows = 0;
    for (const entry of app.audit.iterate(filter)) {
      write(
        values.format === 'csv'
          ? `${columns.map((c) => csvCell(entry[c])).join(',')}\r\n`
          : `${JSON.stringify(entry)}\n`,
      );
      rows++;
    }
    if (stream) {
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      process.stderr.write(`Wrote ${rows} audit entries to ${values.out}\n`);
    }
  },
};
