import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { describeXlsformProblem } from '../../usecases/form-import.js';
import { table, UsageError, type Command } from '../io.js';

export const formList: Command = {
  name: 'form list',
  usage: 'form list [--json]',
  summary: 'Every form version with its status (published or retired)',
  async run({ app, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const forms = app.forms.versions();
    if (values.json) {
      out(`${JSON.stringify(forms)}\n`);
      return;
    }
    out(
      table(
        ['form', 'version', 'status', 'published'],
        forms.map((f) => [f.formId, f.version, f.status, f.publishedAt]),
      ),
    );
  },
};

export const formPublish: Command = {
  name: 'form publish',
  usage: 'form publish FILE.json',
  summary: 'Publish a form version from its JSON definition (versions are immutable)',
  audit: 'form.publish',
  async run({ app, args, out, note }) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const file = positionals[0];
    if (!file || !existsSync(file))
      throw new UsageError(file ? `No file ${file}` : 'Give the JSON file of the form definition');
    let definition: unknown;
    try {
      definition = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppError('invalid-json', `${file} is not valid JSON: ${(error as Error).message}`);
    }
    const { formId, version } = (definition ?? {}) as { formId?: string; version?: string };
    note({ target: `${formId}@${version}` });
    const outcome = app.forms.publish(definition);
    out(
      outcome === 'published'
        ? `Published ${formId} version ${version}\n`
        : `${formId} version ${version} was already published with this content\n`,
    );
  },
};

export const formRetire: Command = {
  name: 'form retire',
  usage: 'form retire FORM_ID VERSION',
  summary: 'Retire a version: devices stop offering it for new records; records captured with it stay valid',
  audit: 'form.retire',
  async run({ app, args, out, note }) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [formId, version] = positionals;
    if (!formId || !version) throw new UsageError('Give the form id and the version');
    note({ target: `${formId}@${version}` });
    const outcome = app.forms.retire(formId, version);
    out(
      outcome === 'retired'
        ? `Retired ${formId} version ${version}\n`
        : `${formId} version ${version} was already retired\n`,
    );
  },
};

export const formImport: Command = {
  name: 'form import',
  usage: 'form import FILE.xlsx|FILE.xls [--publish] [--json]',
  summary: 'Check an XLSForm (every problem with sheet, row and column); with --publish, publish it as a new version',
  audit: 'form.import',
  async run({ app, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { publish: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    const file = positionals[0];
    if (!file) throw new UsageError('Give the .xlsx or .xls file to import');
    const buffer = await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    const report = await app.forms.importWorkbook(buffer, { publish: values.publish, fileName: file });
    const { formId, version } = report.definition;
    note({ target: `${formId}@${version}`, details: { outcome: report.outcome ?? 'checked' } });
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
