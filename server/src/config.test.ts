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
});
