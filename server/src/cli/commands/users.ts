import { parseArgs } from 'node:util';
import type { CreateUserRequest, UpdateUserRequest } from '@kusanya/schemas';
import { SHELL } from '../../domain/admin-scope.js';
import type { UseCases } from '../../use-cases.js';
import { table, UsageError, type Command } from '../io.js';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

function findUser({ adminUsers }: Pick<UseCases, 'adminUsers'>, username: string | undefined) {
  if (!username) throw new UsageError('Give the username');
  const user = adminUsers.findByUsername(username);
  if (!user) throw new UsageError(`No user named "${username}"`);
  return user;
}

export const userAdd: Command = {
  name: 'user add',
  usage: 'user add --username U --password P --role ROLE --areas CODE[,CODE] [--json]',
  summary: 'Create a user (roles: enumerator, supervisor, grievance_officer, hq, admin; password ≥ 10 characters)',
  audit: 'user.create',
  async run({ app, args, out, note }) {
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
    note({ target: values.username!, details: { role: values.role, areas: list(values.areas) } });
    // The shell's words go to the same checks as the API's body (createUser reports every problem at once).
    const pending = await app.adminUsers.prepare(SHELL, {
      username: values.username!,
      password: values.password!,
      role: values.role! as CreateUserRequest['role'],
      areas: list(values.areas) as CreateUserRequest['areas'],
    });
    const user = pending.commit();
    note({ target: user.id });
    out(
      values.json
        ? `${JSON.stringify(user)}\n`
        : `Created ${user.role} "${user.username}" (${user.id}) for ${user.areas.join(', ')}\n`,
    );
  },
};

export const userList: Command = {
  name: 'user list',
  usage: 'user list [--json]',
  summary: 'List users with their role, areas and status',
  async run({ app, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const users = app.adminUsers.list(SHELL);
    if (values.json) {
      out(`${JSON.stringify(users)}\n`);
      return;
    }
    const status = (u: (typeof users)[number]) =>
      u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : 'active';
    out(
      table(
        ['username', 'role', 'areas', 'status'],
        users.map((u) => [u.username, u.role, u.areas.join(','), status(u)]),
      ),
    );
  },
};

export const userSet: Command = {
  name: 'user set',
  usage: 'user set USERNAME [--role ROLE] [--areas CODE[,CODE]] [--json]',
  summary: "Change a user's role and/or areas (areas replace the previous list)",
  audit: 'user.update',
  async run({ app, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { role: { type: 'string' }, areas: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const user = findUser(app, positionals[0]);
    if (!values.role && !values.areas) throw new UsageError('Give --role and/or --areas');
    const change: UpdateUserRequest = {
      ...(values.role ? { role: values.role as CreateUserRequest['role'] } : {}),
      ...(values.areas ? { areas: list(values.areas) as CreateUserRequest['areas'] } : {}),
    };
    note({ target: user.id, details: { ...change } });
    const result = app.adminUsers.update(SHELL, user.id, change);
    out(
      values.json
        ? `${JSON.stringify(result.user)}\n`
        : `"${user.username}" is now ${result.user.role} for ${result.user.areas.join(', ')}\n`,
    );
  },
};

function setDisabled(disabled: boolean): Command {
  return {
    name: disabled ? 'user disable' : 'user enable',
    usage: `user ${disabled ? 'disable' : 'enable'} USERNAME [--json]`,
    summary: disabled
      ? 'Disable a user: they can no longer log in, and every session ends at once'
      : 'Enable a disabled user again',
    audit: 'user.update',
    async run({ app, args, out, note }) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false } },
      });
      const user = findUser(app, positionals[0]);
      note({ target: user.id, details: { disabled } });
      const { sessionsEnded } = app.adminUsers.update(SHELL, user.id, { disabled });
      out(
        values.json
          ? `${JSON.stringify({ username: user.username, disabled, sessionsEnded })}\n`
          : `${disabled ? 'Disabled' : 'Enabled'} "${user.username}"${disabled ? ` (${sessionsEnded} session(s) ended)` : ''}\n`,
      );
    },
  };
}

export const userDisable = setDisabled(true);
export const userEnable = setDisabled(false);

export const userResetPassword: Command = {
  name: 'user reset-password',
  usage: 'user reset-password USERNAME --password P',
  summary: 'Set a new password: every session of the user ends and a lockout is lifted',
  audit: 'user.reset-password',
  async run({ app, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { password: { type: 'string' } },
    });
    const user = findUser(app, positionals[0]);
    if (!values.password) throw new UsageError('Give the new password with --password');
    note({ target: user.id });
    const { sessionsEnded } = await app.adminUsers.resetPassword(SHELL, user.id, values.password);
    out(`New password set for "${user.username}"; ${sessionsEnded} session(s) ended.\n`);
  },
};

export const userUnlock: Command = {
  name: 'user unlock',
  usage: 'user unlock USERNAME',
  summary: 'Lift the lockout after too many wrong passwords',
  audit: 'user.unlock',
  async run({ app, args, out, note }) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const user = findUser(app, positionals[0]);
    note({ target: user.id });
    out(
      app.adminUsers.unlock(SHELL, user.id) ? `Unlocked "${user.username}"\n` : `"${user.username}" was not locked\n`,
    );
  },
};

export const userRevokeSessions: Command = {
  name: 'user revoke-sessions',
  usage: 'user revoke-sessions USERNAME',
  summary: 'End every session of a user on every device ("log out everywhere")',
  audit: 'user.revoke-sessions',
  async run({ app, args, out, note }) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const user = findUser(app, positionals[0]);
    note({ target: user.id });
    out(`${app.adminUsers.revokeSessions(SHELL, user.id)} session(s) of "${user.username}" ended\n`);
  },
};
