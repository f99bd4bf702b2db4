import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      tokenTtlHours: 720,
      seedDemo: true,
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads the environment', () => {
    expect(loadConfig({ PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/srv/kusanya', SEED_DEMO: 'false' })).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/srv/kusanya',
      seedDemo: false,
    });
  });

  it('lists every invalid setting in one clear error', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
      expect((error as Error).message).toContain('LOG_LEVEL must be one of');
      expect((error as Error).message).toContain('SEED_DEMO must be true or false');
    }
  });

  it('reads the off-machine copy and pairing settings, and refuses a copy folder inside the backups', () => {
    const config = loadConfig({
      DATA_DIR: '/var/lib/kusanya',
      BACKUP_DIR: '/var/backups/kusanya',
      BACKUP_KEEP: '48',
      BACKUP_COPY_DIR: '/mnt/usb/kusanya',
      BACKUP_COPY_COMMAND: 'rsync -t "$KUSANYA_BACKUP_FILE" backup@10.0.0.5:/srv/',
      PUBLIC_URL: 'https://kusanya.example.org/',
    });
    expect(config).toMatchObject({
      backupCopyDir: '/mnt/usb/kusanya',
      backupCopyCommand: 'rsync -t "$KUSANYA_BACKUP_FILE" backup@10.0.0.5:/srv/',
      backupCopyKeep: 48,
      publicUrl: 'https://kusanya.example.org',
      caCertificateUrl: null,
    });
    const wrong = () =>
      loadConfig({ DATA_DIR: '/srv/k', BACKUP_COPY_DIR: '/srv/k/backups/copies', PUBLIC_URL: 'kusanya.lan' });
    expect(wrong).toThrow(/BACKUP_COPY_DIR must be another place than the data and backup folders/);
    expect(wrong).toThrow(/PUBLIC_URL must be an address like https:\/\/kusanya.example.org \(got "kusanya.lan"\)/);
  });
});
