import { parseArgs } from 'node:util';
import { publicUser } from '../../repositories/users.js';
import { createUser } from '../../services/users.js';
import { table, UsageError, type Command } from '../io.js';

export const userAdd: Command = {
  name: 'user add',
  usage: 'user add --username U --password P --role ROLE --areas CODE[,CODE] [--json]',
  summary: 'Create a user (roles: enumerator, supervisor, grievance_officer, hq, admin)',
  async run({ ctx, args, out }) {
    const { values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        areas: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const missing = (['username', 'password', 'role', 'areas'] as const).filter((k) => !values[k]);
    if (missing.length > 0) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}`);
    const user = await createUser(ctx, {
      username: values.username!,
      password: values.password!,
      role: values.role!,
      areas: values.areas!.split(',').map((a) => a.trim()).filter(Boolean),
    });
    out(values.json ? `${JSON.stringify(user)}\n` : `Created ${user.role} "${user.username}" (${user.id}) for ${user.areas.join(', ')}\n`);
  },
};

export const userList: Command = {
  name: 'user list',
  usage: 'user list [--json]',
  summary: 'List users with their role, areas and status',
  async run({ ctx, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const users = ctx.users.list();
    if (values.json) {
      out(`${JSON.stringify(users.map((u) => ({ ...publicUser(u), disabled: u.disabled, createdAt: u.createdAt })))}\n`);
      return;
    }
    out(table(['username', 'role', 'areas', 'status'], users.map((u) => [u.username, u.role, u.areas.join(','), u.disabled ? 'disabled' : 'active'])));
  },
};

export const userDisable: Command = {
  name: 'user disable',
  usage: 'user disable USERNAME [--json]',
  summary: 'Disable a user: they can no longer log in, and their tokens stop working',
  async run({ ctx, args, out }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    const username = positionals[0];
    if (!username) throw new UsageError('Give the username to disable');
    if (!ctx.users.setDisabled(username, true)) throw new UsageError(`No user named "${username}"`);
    out(values.json ? `${JSON.stringify({ username, disabled: true })}\n` : `Disabled "${username}"\n`);
  },
};
