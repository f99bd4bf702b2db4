import type { KoboMapping } from '@kusanya/schemas';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { cliActor } from '../../usecases/audit.js';
import { parseMapping } from '../../usecases/kobo/assets.js';
import type { KoboImportReport } from '../../usecases/kobo/import.js';
import { table, UsageError, type Command } from '../io.js';

async function readMapping(file: string): Promise<KoboMapping> {
  const value = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch((e: Error) => {
      throw new UsageError(`Cannot read the mapping ${file}: ${e.message}`);
    });
  return parseMapping(value, file);
}

function summary(report: KoboImportReport, reportFile: string): string {
  const rate = report.seconds > 0 ? Math.round(report.total / report.seconds) : report.total;
  const n = (v: number) => v.toLocaleString('en');
  const lines = [
    `Kobo import into ${report.formId} version ${report.formVersion}${report.asset ? ` (asset ${report.asset})` : ''}: ${n(report.total)} records in ${report.seconds.toFixed(1)} s (${n(rate)} records/s)`,
    ...(report.resumedAfter > 0
      ? [`  resumed after    ${n(report.resumedAfter)} records stored by an earlier run`]
      : []),
    `  created            ${n(report.created)}`,
    `  revised            ${n(report.revised)} (Kobo edits, stored as new revisions)`,
    `  already present    ${n(report.alreadyPresent)}`,
    `  needing correction ${n(report.needsCorrection)} (stored; shown with the reasons)`,
    `  refused            ${n(report.refused)} (not stored)`,
    `  by status          ${
      Object.entries(report.byStatus)
        .map(([s, v]) => `${s} ${n(v)}`)
        .join(', ') || '—'
    }`,
    `  Kobo validation    approved ${n(report.decisions.approved)}, not approved ${n(report.decisions.rejected)}, on hold ${n(report.decisions.onHold)}, not applied ${n(report.decisions.notApplied)}`,
  ];
  const ignored = Object.entries(report.ignoredFields);
  if (ignored.length > 0)
    lines.push(
      `Kobo answers no Kusanya field takes (kept with the records, served back): ${ignored.map(([f, c]) => `${f} (${c})`).join(', ')}`,
    );
  const shadowed = Object.entries(report.shadowedFields);
  if (shadowed.length > 0)
    lines.push(
      `Unlisted keys for a field the mapping takes from another key (kept aside, not used): ${shadowed.map(([f, c]) => `${f} (${c})`).join(', ')}`,
    );
  if (report.media) {
    const m = report.media;
    lines.push(
      `Media (${m.zip}): ${n(m.stored)} files stored (${(m.bytes / 1e6).toFixed(1)} MB in ${m.seconds.toFixed(1)} s), ${n(m.referenced)} referenced by records`,
      `  missing (named in the JSON, not in the ZIP) ${n(m.missing.length)}; extra (in the ZIP, named by no record) ${n(m.extra.length)}; refused ${n(m.refused.length)}; kept with the record (no Kusanya question takes them) ${n(m.keptAside.length)}`,
      ...m.missing.slice(0, 20).map((x) => `  missing #${x.index + 1} ${x.uuid} ${x.file}`),
      ...m.refused.slice(0, 20).map((x) => `  refused ${JSON.stringify(x.path)}: ${x.reason}`),
    );
  }
  for (const p of report.problems.slice(0, 50))
    lines.push(`  #${p.index + 1} ${p.uuid ?? '(no _uuid)'} ${p.outcome}: ${p.reasons.join('; ')}`);
  if (report.problems.length > 50) lines.push(`  … and ${report.problems.length - 50} more`);
  lines.push(`Report: ${reportFile}`);
  return `${lines.join('\n')}\n`;
}

export const koboImport: Command = {
  name: 'kobo import',
  usage:
    'kobo import (--asset UID | --form FORM_ID --mapping MAPPING.json) FILE.json [--media MEDIA.zip] [--form-version V] [--report REPORT.json] [--json]',
  summary:
    'Import a Kobo API v2 data export, losing nothing (edits become revisions, validation statuses decisions), with its photos from Kobo’s media ZIP (--media); the file is checked whole first, the report always written',
  audit: 'kobo.import',
  async run({ app, config, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        asset: { type: 'string' },
        form: { type: 'string' },
        mapping: { type: 'string' },
        media: { type: 'string' },
        'form-version': { type: 'string' },
        report: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const file = positionals[0];
    if (!file || (!values.asset && !(values.form && values.mapping)))
      throw new UsageError('Give --asset UID (a registered mapping) or --form and --mapping, and the Kobo export file');
    let mapping: KoboMapping;
    if (values.asset) {
      const asset = app.koboAssets.get(values.asset);
      if (!asset) throw new AppError('not-found', `No Kobo asset ${values.asset} is registered (kobo asset list).`);
      mapping = asset.row.mapping;
    } else {
      mapping = await readMapping(values.mapping!);
      if (mapping.formId !== values.form)
        throw new AppError(
          'validation-failed',
          `The mapping ${values.mapping} is for form "${mapping.formId}", not "${values.form}".`,
        );
    }
    const reportFile = resolve(
      values.report ?? join(config.dataDir, 'kobo-imports', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    );
    note({
      target: values.asset ?? mapping.formId,
      details: { file: resolve(file), ...(values.media ? { media: resolve(values.media) } : {}), report: reportFile },
    });
    let lastLine = Date.now();
    const report = await app
      .koboImport({
        file,
        mapping,
        asset: values.asset ?? null,
        formVersion: values['form-version'],
        media: values.media,
        actor: cliActor(),
        reportFile,
        onProgress: (done, phase) => {
          if (!values.json && Date.now() - lastLine > 2000) {
            lastLine = Date.now();
            out(`… ${done.toLocaleString('en')} records ${phase === 'check' ? 'checked' : 'stored'}\n`);
          }
        },
      })
      .catch((error: unknown) => {
        if (error instanceof Error && error.message.startsWith('Kobo export:'))
          throw new AppError(
            'bad-request',
            `${error.message} Nothing after the last stored chunk was imported; the report is in ${reportFile}.`,
          );
        throw error;
      });
    out(values.json ? `${JSON.stringify(report)}\n` : summary(report, reportFile));
  },
};

export const koboAssetRegister: Command = {
  name: 'kobo asset register',
  usage: 'kobo asset register MAPPING.json [MAPPING.json…]',
  summary:
    'Register Kobo asset mappings (forms/kobo/*.json) under their asset uid: used to import and to serve Kobo’s data API',
  audit: 'kobo.asset.register',
  async run({ app, args, out, note }) {
    if (args.length === 0) throw new UsageError('Give one or more mapping files');
    const uids: string[] = [];
    for (const file of args) {
      const row = app.koboAssets.register(await readMapping(file), cliActor());
      uids.push(row.uid);
      out(`Registered ${row.uid} "${row.name}" → ${row.formId}\n`);
    }
    note({ details: { assets: uids } });
  },
};

export const koboAssetList: Command = {
  name: 'kobo asset list',
  usage: 'kobo asset list [--json]',
  summary: 'The registered Kobo assets and the Kusanya form each one serves',
  async run({ app, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const assets = app.koboAssets
      .list()
      .map((a) => ({ uid: a.uid, name: a.name, formId: a.formId, registeredAt: a.registeredAt }));
    if (values.json) out(`${JSON.stringify(assets)}\n`);
    else
      out(
        table(
          ['uid', 'name', 'form', 'registered'],
          assets.map((a) => [a.uid, a.name, a.formId, a.registeredAt]),
        ),
      );
  },
};
