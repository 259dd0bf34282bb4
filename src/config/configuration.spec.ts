import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_RECOVERY } from '../queue/queue.options.js';
import { ConfigurationError, estimateKeyBits, isLoopback, keyWeakness, loadConfiguration, parseApiKeys, parseTrustProxy } from './configuration.js';

const KEY = 'k'.repeat(16);
/** 32 bytes of base64url, as `openssl rand -base64 32` gives (near enough). */
const STRONG = 'Xq3vL9pT2mWk8ZrB5nYc7HdF4sGj6AeQ1uVo0iKx_Rw';
const STRONG_HEX = '9f86d081884c7d659a2feaa0c55ad015'; // openssl rand -hex 16: 128 bits

describe('loadConfiguration', () => {
  it('has working defaults for the zero-configuration start', () => {
    const config = loadConfiguration({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      // generated development keys: loopback only
      http: { host: '127.0.0.1', port: 3000, bodyLimit: '5mb' },
      log: { level: 'log', format: 'json' },
      database: { url: undefined, embeddedPort: 54329, poolSize: 10, logQueries: false },
      redis: { url: undefined },
      queue: { prefix: 'contact-recovery', concurrency: 4, outageRetryMaxMilliseconds: 15_000, outboxPollMilliseconds: 1_000, jobStartDelayMilliseconds: 0 },
      auth: { apiKeys: undefined },
      rateLimit: { windowSeconds: 60, requestsPerKey: 12_000, failedAuthenticationsPerAddress: 60 },
    });
    expect(config.storage.dataDirectory).toMatch(/\/data$/);
  });

  it('listens on every interface by default once API_KEYS is set', () => {
    expect(loadConfiguration({ API_KEYS: `admin:${KEY}` }).http.host).toBe('0.0.0.0');
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
      API_KEYS: `admin:${STRONG}`,
      RATE_LIMIT_WINDOW_SECONDS: '10',
      RATE_LIMIT_REQUESTS_PER_KEY: '100',
      RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: '5',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      http: { host: '127.0.0.1', port: 8080, bodyLimit: '2mb' },
      log: { level: 'debug', format: 'text' },
      storage: { dataDirectory: '/var/lib/cr', configDirectory: '/etc/cr' },
      database: { url: 'postgres://user:pw@db:5432/cr', embeddedPort: 55432, poolSize: 20, logQueries: true },
      redis: { url: 'redis://cache:6379/2' },
      queue: { prefix: 'cr-prod', concurrency: 8, outageRetryMaxMilliseconds: 15_000, outboxPollMilliseconds: 1_000, jobStartDelayMilliseconds: 0 },
      auth: { apiKeys: [{ role: 'admin', key: STRONG }] },
      rateLimit: { windowSeconds: 10, requestsPerKey: 100, failedAuthenticationsPerAddress: 5 },
    });
  });

  it('names the process after its host and pid unless WORKER_NAME says otherwise, and sets crash recovery in one place', () => {
    const defaults = loadConfiguration({});
    expect(defaults.workerName).toBe(`${hostname()}:${process.pid}`);
    // The queue's own fallback (a driver built without configuration) is the same.
    expect(defaults.queue).toMatchObject(DEFAULT_WORKER_RECOVERY);
    const set = loadConfiguration({ WORKER_NAME: 'worker-3', QUEUE_LOCK_DURATION_MS: '10000', QUEUE_STALLED_INTERVAL_MS: '5000', QUEUE_MAX_STALLED_COUNT: '0' });
    expect(set.workerName).toBe('worker-3');
    expect(set.queue).toMatchObject({ lockDurationMilliseconds: 10_000, stalledIntervalMilliseconds: 5_000, maxStalledCount: 0 });
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
    [{ WORKER_NAME: 'two words' }, /WORKER_NAME/],
    [{ QUEUE_LOCK_DURATION_MS: '10' }, /QUEUE_LOCK_DURATION_MS/],
    [{ QUEUE_STALLED_INTERVAL_MS: 'often' }, /QUEUE_STALLED_INTERVAL_MS/],
    [{ RATE_LIMIT_REQUESTS_PER_KEY: '0' }, /RATE_LIMIT_REQUESTS_PER_KEY/],
    [{ RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: 'many' }, /RATE_LIMIT_FAILED_AUTH_PER_ADDRESS/],
  ])('refuses %o', (environment, message) => {
    expect(() => loadConfiguration(environment)).toThrow(message);
  });

  it('refuses to start in production without API_KEYS', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(/API_KEYS is required/);
  });

  // Finding: without API_KEYS and NODE_ENV, against an external DATABASE_URL, keys were generated (and printed).
  it('refuses generated keys against an external DATABASE_URL', () => {
    expect(() => loadConfiguration({ DATABASE_URL: 'postgres://user:pw@db:5432/cr' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ DATABASE_URL: 'postgres://user:pw@db:5432/cr' })).toThrow(/API_KEYS is required with DATABASE_URL/);
    expect(loadConfiguration({ DATABASE_URL: 'postgres://user:pw@db:5432/cr', API_KEYS: `admin:${KEY}` }).database.url).toBeDefined();
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', 'api.internal'])('refuses generated keys when HOST is %s', (host) => {
    expect(() => loadConfiguration({ HOST: host })).toThrow(/API_KEYS is required when HOST .* is not a loopback address/);
  });

  it.each(['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1'])('keeps generated keys on the loopback HOST %s', (host) => {
    expect(loadConfiguration({ HOST: host }).http.host).toBe(host);
  });

  // Finding: production accepted `aaaaaaaaaaaaaaaa` as a key.
  it.each([
    ['aaaaaaaaaaaaaaaa', /distinct characters/],
    ['abababababababababababababababab', /distinct characters|pattern/],
    ['Abcdefgh1234Abcdefgh1234Abcdefgh1234', /pattern/],
    ['bench-admin-key-000000000000001', /repeated five or more times/],
    ['test-admin-key-0000000000000001', /repeated five or more times/],
    ['Xq3vL9pT2mWk8ZrB', /bits of entropy, 128 needed/],
    ['correcthorsebatterystap', /bits of entropy/],
  ])('refuses the weak production key %s', (key, message) => {
    expect(() => loadConfiguration({ NODE_ENV: 'production', API_KEYS: `admin:${key}` })).toThrow(message);
    // development and test runs keep accepting them
    expect(loadConfiguration({ NODE_ENV: 'test', API_KEYS: `admin:${key}` }).auth.apiKeys).toHaveLength(1);
  });

  it('accepts production keys of 128 bits and more', () => {
    const keys = `admin:${STRONG},platform:${STRONG_HEX},operator:operator_${STRONG},auditor:auditor-${STRONG_HEX}`;
    expect(loadConfiguration({ NODE_ENV: 'production', API_KEYS: keys }).auth.apiKeys).toHaveLength(4);
  });
});

describe('key strength', () => {
  it('estimates bits from length and character classes', () => {
    expect(estimateKeyBits('abcdefghij')).toBeCloseTo(10 * Math.log2(26));
    expect(estimateKeyBits('aB3$')).toBeCloseTo(4 * Math.log2(95));
    expect(estimateKeyBits('aab')).toBeCloseTo(2.5 * Math.log2(26));
  });

  it('passes random hex and base64 keys of 128 bits', () => {
    for (let round = 0; round < 2000; round += 1) {
      const bytes = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
      const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
      // a run of five equal hex digits is about 1 in 2500: not what this test is about
      if (/(.)\1{4}/.test(hex)) continue;
      expect(keyWeakness(hex)).toBeUndefined();
      expect(keyWeakness(Buffer.from(bytes.concat(bytes.slice(0, 8))).toString('base64url'))).toBeUndefined();
    }
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('128.0.0.1')).toBe(false);
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

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For unless set', () => {
    expect(loadConfiguration({}).trustProxy).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  it('takes a hop count or the proxies\' addresses, ranges and names', () => {
    expect(loadConfiguration({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseTrustProxy(' 10.0.0.0/8, 192.0.2.7 ,loopback,fd00::/8,::1')).toEqual(['10.0.0.0/8', '192.0.2.7', 'loopback', 'fd00::/8', '::1']);
  });

  it('refuses true (any client would choose its own address), too many hops and what is not an address', () => {
    expect(() => loadConfiguration({ TRUST_PROXY: 'true' })).toThrow(ConfigurationError);
    expect(() => parseTrustProxy('11')).toThrow(/more than 10/);
    for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '::1/129', '10.0.0.300']) expect(() => parseTrustProxy(bad), bad).toThrow(ConfigurationError);
  });
});

describe('identity settings', () => {
  it('default to a 30-minute idle timeout, a 12-hour lifetime and 72-hour setup codes', () => {
    expect(loadConfiguration({}).identity).toEqual({
      sessionIdleMilliseconds: 30 * 60_000,
      sessionAbsoluteMilliseconds: 12 * 3_600_000,
      setupCodeMilliseconds: 72 * 3_600_000,
      signIn: { windowSeconds: 900, failuresPerUsername: 5, failuresPerAddress: 30 },
    });
  });

  it('read fractional minutes and hours, and refuse nonsense', () => {
    const identity = loadConfiguration({ SESSION_IDLE_MINUTES: '0.05', SESSION_ABSOLUTE_HOURS: '1.5', SIGN_IN_FAILURES_PER_USERNAME: '3' }).identity;
    expect(identity).toMatchObject({ sessionIdleMilliseconds: 3_000, sessionAbsoluteMilliseconds: 5_400_000, signIn: { failuresPerUsername: 3 } });
    for (const bad of [{ SESSION_IDLE_MINUTES: '0' }, { SESSION_ABSOLUTE_HOURS: 'soon' }, { SIGN_IN_FAILURES_PER_ADDRESS: '0' }]) {
      expect(() => loadConfiguration(bad), JSON.stringify(bad)).toThrow(ConfigurationError);
    }
  });
});
