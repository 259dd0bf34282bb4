import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfiguration, parseApiKeys } from './configuration.js';

const KEY = 'k'.repeat(16);

describe('loadConfiguration', () => {
  it('has working defaults for the zero-configuration start', () => {
    const config = loadConfiguration({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      http: { host: '0.0.0.0', port: 3000, bodyLimit: '5mb' },
      log: { level: 'log', format: 'json' },
      database: { url: undefined, embeddedPort: 54329, poolSize: 10, logQueries: false },
      redis: { url: undefined },
      queue: { prefix: 'contact-recovery', concurrency: 4 },
      auth: { apiKeys: undefined },
    });
    expect(config.storage.dataDirectory).toMatch(/\/data$/);
  });

  it('reads every variable', () => {
    const config = loadConfiguration({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '8080',
      BODY_LIMIT: '2mb',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'text',
      DATA_DIR: '/var/lib/cr',
      CONFIG_DIR: '/etc/cr',
      DATABASE_URL: 'postgres://user:pw@db:5432/cr',
      EMBEDDED_POSTGRES_PORT: '55432',
      DATABASE_POOL_SIZE: '20',
      DATABASE_LOG_QUERIES: 'true',
      REDIS_URL: 'redis://cache:6379/2',
      QUEUE_PREFIX: 'cr-prod',
      WORKER_CONCURRENCY: '8',
      API_KEYS: `admin:${KEY}`,
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      http: { host: '127.0.0.1', port: 8080, bodyLimit: '2mb' },
      log: { level: 'debug', format: 'text' },
      storage: { dataDirectory: '/var/lib/cr', configDirectory: '/etc/cr' },
      database: { url: 'postgres://user:pw@db:5432/cr', embeddedPort: 55432, poolSize: 20, logQueries: true },
      redis: { url: 'redis://cache:6379/2' },
      queue: { prefix: 'cr-prod', concurrency: 8 },
      auth: { apiKeys: [{ role: 'admin', key: KEY }] },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfiguration({ DATABASE_URL: '', REDIS_URL: '' }).database.url).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x/y' }, /DATABASE_URL/],
    [{ REDIS_URL: 'http://cache' }, /REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BODY_LIMIT: 'lots' }, /BODY_LIMIT/],
    [{ WORKER_CONCURRENCY: '0' }, /WORKER_CONCURRENCY/],
  ])('refuses %o', (environment, message) => {
    expect(() => loadConfiguration(environment)).toThrow(message);
  });

  it('refuses to start in production without API_KEYS', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(/API_KEYS is required/);
  });
});

describe('parseApiKeys', () => {
  it('parses role:key pairs with spaces and empty items', () => {
    expect(parseApiKeys(` admin:${KEY}, platform:${KEY}x ,`)).toEqual([
      { role: 'admin', key: KEY },
      { role: 'platform', key: `${KEY}x` },
    ]);
  });

  it('keeps colons inside the key', () => {
    expect(parseApiKeys(`operator:${KEY}:more`)).toEqual([{ role: 'operator', key: `${KEY}:more` }]);
  });

  it.each([
    [`root:${KEY}`, /"root" is not a role/],
    [KEY, /is not a role/],
    ['admin:short', /at least 16 characters/],
    [`admin:${KEY},operator:${KEY}`, /same key is given twice/],
    [' , ', /names no key/],
  ])('refuses %s', (value, message) => {
    expect(() => parseApiKeys(value)).toThrow(message);
  });
});
