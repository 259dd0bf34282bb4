import { z } from 'zod';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

export const API_ROLES = ['admin', 'platform', 'operator', 'auditor'] as const;
export type ApiRole = (typeof API_ROLES)[number];
export interface ApiKeyEntry {
  role: ApiRole;
  key: string;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  http: { host: string; port: number; bodyLimit: string };
  log: { level: 'error' | 'warn' | 'log' | 'debug' | 'verbose'; format: 'json' | 'text' };
  storage: { dataDirectory: string; configDirectory: string };
  database: { url?: string; embeddedPort: number; poolSize: number; logQueries: boolean };
  redis: { url?: string };
  queue: {
    prefix: string;
    concurrency: number;
    /** Longest wait between tries of a job while the database is away. */
    outageRetryMaxMilliseconds: number;
    /** How often owed outbox rows are looked for (new rows are also handed over right after their commit). */
    outboxPollMilliseconds: number;
    /** Test only: in-process jobs start this long after they are queued (so a crash can come first). */
    jobStartDelayMilliseconds: number;
    /**
     * How soon a dead worker's jobs run again (BullMQ): a job's lock lasts this long unless its worker renews
     * it (every half of it); the stalled check looks for expired locks this often.
     */
    lockDurationMilliseconds: number;
    stalledIntervalMilliseconds: number;
    /** Times a job may lose its worker and go back to waiting; once more and it fails for good. */
    maxStalledCount: number;
  };
  /** This process's name (WORKER_NAME): in every log line and on every job it runs. */
  workerName: string;
  auth: { apiKeys?: ApiKeyEntry[] };
  /** Operator accounts and console sessions (src/users/). */
  identity: IdentitySettings;
  connectors: {
    /** Directories a file connector may read (CONNECTOR_FILE_ROOTS); none: file connectors are refused. */
    fileRoots: string[];
    /** Rows per committed batch of a connector run. */
    batchSize: number;
    /**
     * Environment variables a connector may name for its secrets (urlEnv, tokenEnv, sftpEnv): all but
     * the service's own settings, so an admin cannot point a connector at DATABASE_URL or API_KEYS.
     */
    secrets: ReadonlyMap<string, string>;
  };
  /** fixed windows on /v1: shared in Redis when REDIS_URL is set, else in memory per process */
  rateLimit: { windowSeconds: number; requestsPerKey: number; failedAuthenticationsPerAddress: number };
  /** Express `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For names the client address; false: the socket's. */
  trustProxy: TrustProxy;
  /** GET /metrics on a port of its own (METRICS_PORT); undefined: no metrics endpoint at all. */
  metrics?: MetricsSettings;
}

export interface MetricsSettings {
  host: string;
  port: number;
  /** Bearer token a scrape must present; required when `host` is not loopback. */
  token?: string;
  /** How long the database indicators (borrowers by status, repair success, stale flags) are reused between scrapes. */
  indicatorCacheSeconds: number;
}

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Default: all interfaces with configured keys; loopback only with generated development keys.
  HOST: z.string().min(1).optional(),
  PORT: integer(3000, 0, 65535),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 5mb or 512kb').default('5mb'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  DATA_DIR: z.string().min(1).default('./data'),
  CONFIG_DIR: z.string().min(1).default('./config'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  EMBEDDED_POSTGRES_PORT: integer(54329, 1, 65535),
  DATABASE_POOL_SIZE: integer(10, 1, 200),
  DATABASE_LOG_QUERIES: z.enum(['true', 'false']).default('false'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('contact-recovery'),
  WORKER_CONCURRENCY: integer(4, 1, 64),
  QUEUE_OUTAGE_RETRY_MAX_MS: integer(15_000, 50, 300_000),
  OUTBOX_POLL_MS: integer(1_000, 20, 60_000),
  TEST_JOB_START_DELAY_MS: integer(0, 0, 600_000),
  // The same defaults as DEFAULT_WORKER_RECOVERY (src/queue/queue.options.ts), which configuration may not import.
  QUEUE_LOCK_DURATION_MS: integer(30_000, 1_000, 600_000),
  QUEUE_STALLED_INTERVAL_MS: integer(15_000, 1_000, 600_000),
  QUEUE_MAX_STALLED_COUNT: integer(2, 0, 100),
  WORKER_NAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:@\/-]{1,100}$/, 'must be 1 to 100 letters, digits or . _ : @ / -')
    .optional(),
  API_KEYS: z.string().optional(),
  // Minutes may be fractional so a test can wait out an idle timeout in seconds.
  SESSION_IDLE_MINUTES: z.coerce.number().min(0.01).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  USER_SETUP_CODE_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(72),
  SIGN_IN_WINDOW_SECONDS: integer(900, 1, 86_400),
  SIGN_IN_FAILURES_PER_USERNAME: integer(5, 1, 1_000_000),
  SIGN_IN_FAILURES_PER_ADDRESS: integer(30, 1, 1_000_000),
  CONNECTOR_FILE_ROOTS: z
    .string()
    .refine((value) => value.split(',').map((path) => path.trim()).filter(Boolean).every((path) => isAbsolute(path)), 'must be comma-separated absolute paths')
    .optional(),
  CONNECTOR_BATCH_SIZE: integer(2_000, 1, 50_000),
  RATE_LIMIT_WINDOW_SECONDS: integer(60, 1, 3600),
  RATE_LIMIT_REQUESTS_PER_KEY: integer(12_000, 1, 1_000_000_000),
  RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: integer(60, 1, 1_000_000_000),
  TRUST_PROXY: z.string().optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_CACHE_SECONDS: integer(30, 0, 3600),
});

export interface IdentitySettings {
  /** A session unused this long is over (SESSION_IDLE_MINUTES). */
  sessionIdleMilliseconds: number;
  /** A session is over this long after sign-in, however busy (SESSION_ABSOLUTE_HOURS). */
  sessionAbsoluteMilliseconds: number;
  /** How long a one-time setup code stays usable (USER_SETUP_CODE_HOURS). */
  setupCodeMilliseconds: number;
  /** Failed sign-ins (and setups) per username and per client address in a fixed window; then 429. */
  signIn: { windowSeconds: number; failuresPerUsername: number; failuresPerAddress: number };
}

/** Minimum estimated entropy of an API key when NODE_ENV=production. */
export const MIN_PRODUCTION_KEY_BITS = 128;

export class ConfigurationError extends Error {}

/** Reads and validates the environment once, at boot. Nothing else in the project reads process.env. */
export function loadConfiguration(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const apiKeys = env.API_KEYS === undefined ? undefined : parseApiKeys(env.API_KEYS);
  const host = env.HOST ?? (apiKeys ? '0.0.0.0' : '127.0.0.1');
  if (env.NODE_ENV === 'production' && !apiKeys) {
    throw new ConfigurationError('API_KEYS is required when NODE_ENV=production (format: role:key,role:key)');
  }
  if (!apiKeys && env.DATABASE_URL) {
    throw new ConfigurationError(
      'API_KEYS is required with DATABASE_URL: generated development keys are only for the embedded database on one machine (format: role:key,role:key)',
    );
  }
  if (env.NODE_ENV === 'production' && env.TEST_JOB_START_DELAY_MS > 0) {
    throw new ConfigurationError('TEST_JOB_START_DELAY_MS is for tests only and must not be set when NODE_ENV=production');
  }
  if (!apiKeys && !isLoopback(host)) {
    throw new ConfigurationError(
      `API_KEYS is required when HOST (${host}) is not a loopback address: generated development keys only serve 127.0.0.1/::1/localhost (format: role:key,role:key)`,
    );
  }
  if (env.NODE_ENV === 'production' && apiKeys) {
    for (const entry of apiKeys) {
      const weakness = keyWeakness(entry.key);
      if (weakness) throw new ConfigurationError(`API_KEYS: the ${entry.role} key is too weak for NODE_ENV=production: ${weakness}`);
    }
  }
  return {
    nodeEnv: env.NODE_ENV,
    http: { host, port: env.PORT, bodyLimit: env.BODY_LIMIT },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    storage: { dataDirectory: absolute(env.DATA_DIR), configDirectory: absolute(env.CONFIG_DIR) },
    database: {
      url: env.DATABASE_URL,
      embeddedPort: env.EMBEDDED_POSTGRES_PORT,
      poolSize: env.DATABASE_POOL_SIZE,
      logQueries: env.DATABASE_LOG_QUERIES === 'true',
    },
    redis: { url: env.REDIS_URL },
    queue: {
      prefix: env.QUEUE_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      outageRetryMaxMilliseconds: env.QUEUE_OUTAGE_RETRY_MAX_MS,
      outboxPollMilliseconds: env.OUTBOX_POLL_MS,
      jobStartDelayMilliseconds: env.TEST_JOB_START_DELAY_MS,
      lockDurationMilliseconds: env.QUEUE_LOCK_DURATION_MS,
      stalledIntervalMilliseconds: env.QUEUE_STALLED_INTERVAL_MS,
      maxStalledCount: env.QUEUE_MAX_STALLED_COUNT,
    },
    // Host and pid tell apart containers (their host name is the container id) and processes on one machine.
    workerName: env.WORKER_NAME ?? `${hostname()}:${process.pid}`,
    auth: { apiKeys },
    identity: {
      sessionIdleMilliseconds: Math.round(env.SESSION_IDLE_MINUTES * 60_000),
      sessionAbsoluteMilliseconds: Math.round(env.SESSION_ABSOLUTE_HOURS * 3_600_000),
      setupCodeMilliseconds: Math.round(env.USER_SETUP_CODE_HOURS * 3_600_000),
      signIn: {
        windowSeconds: env.SIGN_IN_WINDOW_SECONDS,
        failuresPerUsername: env.SIGN_IN_FAILURES_PER_USERNAME,
        failuresPerAddress: env.SIGN_IN_FAILURES_PER_ADDRESS,
      },
    },
    connectors: {
      // Every entry is absolute (checked above); resolve() only folds '..' and trailing slashes.
      fileRoots: [...new Set((env.CONNECTOR_FILE_ROOTS ?? '').split(',').map((path) => path.trim()).filter(Boolean).map((path) => resolve(path)))],
      batchSize: env.CONNECTOR_BATCH_SIZE,
      secrets: connectorSecrets(environment),
    },
    rateLimit: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      requestsPerKey: env.RATE_LIMIT_REQUESTS_PER_KEY,
      failedAuthenticationsPerAddress: env.RATE_LIMIT_FAILED_AUTH_PER_ADDRESS,
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metrics: metricsSettings(env),
  };
}

/**
 * METRICS_PORT unset: no metrics endpoint. Set: its own listener, loopback unless METRICS_HOST says otherwise,
 * and a non-loopback one only with METRICS_TOKEN, so the counters are never public by default.
 */
function metricsSettings(env: z.infer<typeof environmentSchema>): MetricsSettings | undefined {
  if (env.METRICS_PORT === undefined) {
    if (env.METRICS_HOST !== undefined || env.METRICS_TOKEN !== undefined) {
      throw new ConfigurationError('METRICS_HOST and METRICS_TOKEN need METRICS_PORT: without it there is no metrics endpoint');
    }
    return undefined;
  }
  const host = env.METRICS_HOST ?? '127.0.0.1';
  if (!env.METRICS_TOKEN && !isLoopback(host)) {
    throw new ConfigurationError(`METRICS_TOKEN is required when METRICS_HOST (${host}) is not a loopback address`);
  }
  if (env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    throw new ConfigurationError(`METRICS_PORT (${env.METRICS_PORT}) must differ from PORT`);
  }
  if (env.NODE_ENV === 'production' && env.METRICS_TOKEN) {
    const weakness = keyWeakness(env.METRICS_TOKEN);
    if (weakness) throw new ConfigurationError(`METRICS_TOKEN is too weak for NODE_ENV=production: ${weakness}`);
  }
  return { host, port: env.METRICS_PORT, token: env.METRICS_TOKEN, indicatorCacheSeconds: env.METRICS_CACHE_SECONDS };
}

/** False (the socket address), a number of proxy hops in front of the service, or the proxies' addresses and ranges. */
export type TrustProxy = false | number | string[];

const TRUSTED_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset or `false` (the default: X-Forwarded-For is ignored), a hop count (`1`: one load balancer), or
 * comma-separated addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`. `true` is refused: trusting every
 * hop takes the left-most X-Forwarded-For entry, which any client writes, so the per-address limit could be dodged.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'false' || setting === '0') return false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    if (hops > 10) throw new ConfigurationError(`TRUST_PROXY: ${hops} hops is more than 10`);
    return hops;
  }
  if (setting === 'true') throw new ConfigurationError('TRUST_PROXY=true trusts any client\'s X-Forwarded-For: give the number of proxy hops or their addresses');
  const entries = setting.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!TRUSTED_NAMES.has(entry) && !isAddressOrRange(entry)) {
      throw new ConfigurationError(`TRUST_PROXY: "${entry}" is not a hop count, an IP address, a CIDR range or loopback/linklocal/uniquelocal`);
    }
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Names a connector may not read a secret from: the service's own settings and the process's basics. */
const NOT_CONNECTOR_SECRETS = new Set([...Object.keys(environmentSchema.shape), 'PATH', 'HOME', 'USER', 'SHELL', 'PWD', 'PGPASSWORD', 'PGPASSFILE']);

function connectorSecrets(environment: NodeJS.ProcessEnv): ReadonlyMap<string, string> {
  const entries = Object.entries(environment).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '' && /^[A-Z][A-Z0-9_]*$/.test(entry[0]) && !NOT_CONNECTOR_SECRETS.has(entry[0]) && !entry[0].startsWith('npm_'),
  );
  return new Map(entries);
}

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * A rough entropy estimate: length times log2 of the alphabet the character classes in use span,
 * counting a character that repeats the one before as half. Patterns, runs and few distinct
 * characters are refused outright: the estimate would flatter them.
 */
export function estimateKeyBits(key: string): number {
  let alphabet = 0;
  if (/[a-z]/.test(key)) alphabet += 26;
  if (/[A-Z]/.test(key)) alphabet += 26;
  if (/[0-9]/.test(key)) alphabet += 10;
  if (/[^a-zA-Z0-9]/.test(key)) alphabet += 33;
  let effective = 0;
  for (let index = 0; index < key.length; index += 1) effective += index > 0 && key[index] === key[index - 1] ? 0.5 : 1;
  return alphabet === 0 ? 0 : effective * Math.log2(alphabet);
}

/** Why a key is too weak for production, or undefined when it is strong enough. */
export function keyWeakness(key: string): string | undefined {
  const distinct = new Set(key).size;
  if (distinct < Math.min(8, Math.ceil(key.length / 4))) return `only ${distinct} distinct characters in ${key.length}`;
  if (/(.)\1{4}/.test(key)) return 'a character repeated five or more times in a row';
  for (let unit = 1; unit <= key.length / 2; unit += 1) {
    if (key.length % unit === 0 && key.slice(0, unit).repeat(key.length / unit) === key) return 'a repeated pattern';
  }
  const bits = estimateKeyBits(key);
  if (bits < MIN_PRODUCTION_KEY_BITS) {
    return `about ${Math.floor(bits)} bits of entropy, ${MIN_PRODUCTION_KEY_BITS} needed (e.g. openssl rand -base64 32)`;
  }
  return undefined;
}

export function parseApiKeys(value: string): ApiKeyEntry[] {
  const entries = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const separator = part.indexOf(':');
      const role = part.slice(0, separator);
      const key = part.slice(separator + 1);
      if (separator < 1 || !API_ROLES.includes(role as ApiRole)) {
        throw new ConfigurationError(`API_KEYS: "${role || part}" is not a role (${API_ROLES.join(', ')})`);
      }
      if (key.length < 16) {
        throw new ConfigurationError(`API_KEYS: the ${role} key must be at least 16 characters`);
      }
      return { role: role as ApiRole, key };
    });
  if (entries.length === 0) throw new ConfigurationError('API_KEYS is set but names no key');
  if (new Set(entries.map((entry) => entry.key)).size !== entries.length) {
    throw new ConfigurationError('API_KEYS: the same key is given twice');
  }
  return entries;
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
