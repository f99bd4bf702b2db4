import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { importKobo } from '../../services/kobo/import.js';
import type { KoboMapping } from '../../services/kobo/mapping.js';
import { UsageError, type Command } from '../io.js';

export const koboImport: Command = {
  name: 'kobo import',
  usage:
    'kobo import --form FORM_ID --mapping MAPPING.json FILE.json [--form-version V] [--report REPORT.json] [--json]',
  summary:
    'Import a Kobo API v2 data export through the device push path (idempotent on _uuid); report created / already present / needing correction',
  async run({ ctx, args, out }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        form: { type: 'string' },
        mapping: { type: 'string' },
        'form-version': { type: 'string' },
        report: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const file = positionals[0];
    if (!values.form || !values.mapping || !file)
      throw new UsageError('Give --form, --mapping and the Kobo export file');
    const mapping = await readFile(values.mapping, 'utf8')
      .then((text) => JSON.parse(text) as KoboMapping)
      .catch((e: Error) => {
        throw new UsageError(`Cannot read the mapping ${values.mapping}: ${e.message}`);
      });
    if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping))
      throw new UsageError('The mapping must be a JSON object (see forms/kobo/README.md)');
    if (mapping.formId !== values.form) {
      throw new AppError(
        'validation-failed',
        `The mapping ${values.mapping} is for form "${String(mapping.formId)}", not "${values.form}".`,
      );
    }
    let lastLine = Date.now();
    const report = await importKobo(
      {
        db: ctx.db,
        forms: ctx.forms,
        compiledForms: ctx.compiledForms,
        submissions: ctx.submissions,
        users: ctx.users,
        process: ctx.processSubmission,
        locations: ctx.locationTree,
      },
      {
        file,
        mapping,
        formVersion: values['form-version'],
        onProgress: (done) => {
          if (!values.json && Date.now() - lastLine > 2000) {
            lastLine = Date.now();
            out(`… ${done.toLocaleString('en')} records read\n`);
          }
        },
      },
    ).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith('Kobo export:'))
        throw new AppError('bad-request', error.message);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`Cannot read ${file}: no such file`);
      throw error;
    });
    if (values.report) await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
    if (values.json) {
      out(`${JSON.stringify(report)}\n`);
      return;
    }
    const rate = report.seconds > 0 ? Math.round(report.total / report.seconds) : report.total;
    const lines = [
      `Kobo import into ${report.formId} version ${report.formVersion}: ${report.total.toLocaleString('en')} records in ${report.seconds.toFixed(1)} s (${rate.toLocaleString('en')} records/s)`,
      `  created            ${report.created.toLocaleString('en')}${
        Object.keys(report.byStatus).length
          ? ` (${Object.entries(report.byStatus)
              .map(([s, n]) => `${s} ${n}`)
              .join(', ')})`
          : ''
      }`,
      `  already present    ${report.alreadyPresent.toLocaleString('en')}`,
      `  needing correction ${report.needsCorrection.toLocaleString('en')} (stored; shown to reviewers with the reasons)`,
      `  refused            ${report.refused.toLocaleString('en')} (not stored)`,
    ];
    const ignored = Object.entries(report.ignoredFields);
    if (ignored.length > 0)
      lines.push(
        `Kobo fields with no Kusanya field (not imported): ${ignored.map(([f, n]) => `${f} (${n})`).join(', ')}`,
      );
    const shown = report.problems.slice(0, 50);
    for (const p of shown)
      lines.push(`  #${p.index + 1} ${p.uuid ?? '(no _uuid)'} ${p.outcome}: ${p.reasons.join('; ')}`);
    if (report.problems.length > shown.length)
      lines.push(
        `  … and ${report.problems.length - shown.length} more${values.report ? ` (all in ${values.report})` : ' (use --report FILE for all)'}`,
      );
    out(`${lines.join('\n')}\n`);
  },
};
