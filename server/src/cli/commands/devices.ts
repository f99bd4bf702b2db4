import { parseArgs } from 'node:util';
import { SHELL } from '../../domain/admin-scope.js';
import { table, UsageError, type Command } from '../io.js';

export const deviceList: Command = {
  name: 'device list',
  usage: 'device list [--json]',
  summary: 'Devices that synced: user, last sync, app version, records waiting, sessions still open',
  async run({ app, args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const devices = app.devices.list(SHELL);
    if (values.json) {
      out(`${JSON.stringify(devices)}\n`);
      return;
    }
    out(
      table(
        ['device', 'user', 'last sync', 'app', 'waiting', 'sessions', 'ip'],
        devices.map((d) => [
          d.deviceId,
          d.user.username,
          d.lastSyncAt ?? 'never',
          d.appVersion ?? '?',
          d.queue === null ? '?' : String(d.queue),
          d.revokedAt ? `revoked ${d.revokedAt}` : String(d.activeSessions),
          d.ip ?? '',
        ]),
      ),
    );
  },
};

export const deviceRevoke: Command = {
  name: 'device revoke',
  usage: 'device revoke DEVICE_ID',
  summary: 'End every session opened from a device (a lost or stolen tablet)',
  audit: 'device.revoke',
  async run({ app, args, out, note }) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const deviceId = positionals[0];
    if (!deviceId) throw new UsageError('Give the device id (see `device list`)');
    note({ target: deviceId });
    const { sessionsEnded } = app.devices.revoke(SHELL, deviceId);
    out(
      `Device ${deviceId}: ${sessionsEnded} session(s) ended. Unsynced records stay on the tablet until someone logs in on it again.\n`,
    );
  },
};
