import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { decodeUtf8 } from '../../plugins/json-body.js';
import { SHELL } from '../../domain/admin-scope.js';
import type { Level } from '../../usecases/locations-admin.js';
import { table, UsageError, type Command } from '../io.js';

export const areaList: Command = {
  name: 'area list',
  usage: 'area list [--level country|province|commune|zone|colline] [--json]',
  summary: 'List locations (areas) with their level and parent',
  async run({ app, args, out }) {
    const { values } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, level: { type: 'string' } },
    });
    const areas = app.areas.list({ ...(values.level ? { level: values.level as Level } : {}) });
    if (values.json) {
      out(`${JSON.stringify(areas)}\n`);
      return;
    }
    const sample = areas.some((a) => a.isSample)
      ? '\n(sample data: this is not the official location hierarchy)\n'
      : '';
    out(
      table(
        ['code', 'name', 'level', 'parent', 'scheme'],
        areas.map((a) => [a.code, a.name, a.level, a.parentCode ?? '', a.scheme]),
      ) + sample,
    );
  },
};

export const areaImport: Command = {
  name: 'area import',
  usage: 'area import FILE.csv [--dry-run] [--json]',
  summary:
    'Import the location hierarchy from CSV (code, name, level, parent_code, scheme, valid_from, valid_to); --dry-run only checks',
  audit: 'areas.import',
  async run({ app, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    const file = positionals[0];
    if (!file) throw new UsageError('Give the CSV file to import');
    if (!existsSync(file)) throw new UsageError(`No file ${file}`);
    const csv = decodeUtf8(readFileSync(file));
    note({ target: basename(file), details: { dryRun: values['dry-run'] } });
    const report = values['dry-run'] ? app.areas.preview(csv, SHELL) : app.areas.import(csv, SHELL);
    note({ details: { rows: report.rows, created: report.create, updated: report.update } });
    if (values.json) {
      out(`${JSON.stringify(report)}\n`);
    } else {
      const levels = Object.entries(report.byLevel)
        .filter(([, n]) => n > 0)
        .map(([l, n]) => `${n} ${l}`)
        .join(', ');
      out(
        `${report.committed ? 'Imported' : report.ok ? 'Would import' : 'Cannot import'} ${report.rows} rows (${levels || 'none'}): ${report.create} new, ${report.update} changed, ${report.unchanged} unchanged\n`,
      );
      for (const p of report.problems) out(`  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}\n`);
    }
    if (!report.ok)
      throw new AppError(
        'validation-failed',
        `The file has ${report.problems.length} problem(s); nothing was imported.`,
      );
  },
};
