import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeXlsformProblem, importFormWorkbook } from '../../services/form-import.js';
import { table, UsageError, type Command } from '../io.js';

export const formImport: Command = {
  name: 'form import',
  usage: 'form import FILE.xlsx [--publish] [--json]',
  summary: 'Check an XLSForm (every problem with sheet, row and column); with --publish, publish it as a new version',
  async run({ ctx, args, out }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { publish: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    const file = positionals[0];
    if (!file) throw new UsageError('Give the .xlsx file to import');
    const buffer = await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    const report = await importFormWorkbook(ctx.forms, buffer, { publish: values.publish });
    const { formId, version } = report.definition;
    if (values.json) {
      out(`${JSON.stringify({ formId, version, outcome: report.outcome ?? 'checked', warnings: report.warnings })}\n`);
      return;
    }
    for (const warning of report.warnings) out(`warning: ${describeXlsformProblem(warning)}\n`);
    const verdict =
      report.outcome === 'published'
        ? `Published ${formId} version ${version}.`
        : report.outcome === 'unchanged'
          ? `${formId} version ${version} was already published with this content; nothing changed.`
          : `${formId} version ${version} is valid. Run again with --publish to publish it.`;
    out(`${verdict}\n`);
  },
};

export const formList: Command = {
  name: 'form list',
  usage: 'form list [--json]',
  summary: 'List the newest published version of each form',
  async run({ ctx, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const forms = ctx.forms.listLatest();
    if (values.json) {
      out(`${JSON.stringify(forms.map(({ formId, version, status, publishedAt }) => ({ formId, version, status, publishedAt })))}\n`);
      return;
    }
    out(table(['form', 'version', 'status', 'published'], forms.map((f) => [f.formId, f.version, f.status, f.publishedAt])));
  },
};
