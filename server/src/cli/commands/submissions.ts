import { parseArgs } from 'node:util';
import { table, UsageError, type Command } from '../io.js';

export const submissionVersions: Command = {
  name: 'submission versions',
  usage: 'submission versions ID [ID…] [--json]',
  summary:
    'A record as it stands and every version received for it, accepted or refused (e.g. a tablet edit that lost a conflict): who sent it, from which device, when',
  audit: 'submission.versions',
  async run({ app, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    if (positionals.length === 0) throw new UsageError('Give the id of at least one record');
    note({ target: positionals.join(','), details: { records: positionals.length } });
    const records = positionals.map((id) => app.submissions.of(id));
    if (values.json) {
      out(`${JSON.stringify(records)}\n`);
      return;
    }
    for (const { id, record, versions } of records) {
      if (!record) {
        out(`${id}: no such record\n\n`);
        continue;
      }
      out(`${id}: ${record.formId} ${record.formVersion}, ${record.status}, revision ${record.rev}\n`);
      out(
        table(
          ['rev', 'from', 'outcome', 'user', 'device', 'received'],
          versions.map((v) => [
            String(v.rev),
            v.source,
            v.accepted ? 'accepted' : 'refused (kept)',
            v.userId ?? '',
            v.deviceId ?? '',
            v.receivedAt,
          ]),
        ),
      );
      out('\n');
    }
  },
};
