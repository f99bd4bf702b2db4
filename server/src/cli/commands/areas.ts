import { parseArgs } from 'node:util';
import { table, type Command } from '../io.js';

export const areaList: Command = {
  name: 'area list',
  usage: 'area list [--level country|province|commune|zone|colline] [--json]',
  summary: 'List locations (areas) with their level and parent',
  async run({ ctx, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, level: { type: 'string' } } });
    const areas = ctx.locations.list().filter((a) => !values.level || a.level === values.level);
    if (values.json) {
      out(`${JSON.stringify(areas)}\n`);
      return;
    }
    const sample = areas.some((a) => a.isSample) ? '\n(sample data: this is not the official location hierarchy)\n' : '';
    out(table(['code', 'name', 'level', 'parent', 'scheme'], areas.map((a) => [a.code, a.name, a.level, a.parentCode ?? '', a.scheme])) + sample);
  },
};
