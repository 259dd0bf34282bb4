/**
 * Starts the real service for a benchmark: an embedded PostgreSQL in a fresh temporary directory on
 * a free port, and the Nest application built exactly as `npm start` builds it (configuration,
 * migrations, in-process queue, HTTP on 127.0.0.1). Everything is removed again on close.
 */
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createHttpApplication } from '../src/bootstrap/http-application.js';
import { freePort } from '../src/common/free-port.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { EmbeddedPostgresServer } from '../src/database/embedded-postgres-server.js';
import { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { QUEUE_NAMES } from '../src/queue/job-definitions.js';
import { QUEUE_DRIVER, type QueueDriver } from '../src/queue/queue-driver.interface.js';
import { SYNTHETIC_SOURCES } from './synthetic-contacts.js';

/** Synthetic, but strong enough for NODE_ENV=production (≥ 128 bits, no runs or patterns). */
export const BENCH_KEYS = {
  admin: 'bench-admin-xoUVDmnjz-aXWKnb5lokfBuNVUq8uuVM',
  platform: 'bench-platform-GKFjezrOVgdxl-pH7dFq1MRIn89qR6LG',
  operator: 'bench-operator-wwZwlOK82P5nHXs5pkcauHk0loOhM99n',
  auditor: 'bench-auditor-1rXXILNOB-JUoBBunOINPN5YOPHIuCcP',
} as const;

/**
 * The load generators send far more than the production default of 600 requests a minute per key
 * (and 50 connections on one key): the bench sets its own, explicit limits rather than none.
 */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_REQUESTS_PER_KEY: '1000000000',
  RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: '60',
} as const;

export interface BenchService {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  /** the embedded PostgreSQL's data directory */
  postgresDirectory: string;
  /** sends a JSON request over a keep-alive connection */
  http: JsonClient;
  /** resolves when the in-process job queue has nothing waiting or running */
  whenJobsIdle(): Promise<void>;
  /** jobs waiting, running, delayed and failed, per queue */
  jobCounts(): Promise<string>;
  close(): Promise<void>;
}

export interface BenchServiceOptions {
  /** every line PostgreSQL writes to its log (statement durations when enabled) */
  onPostgresLog?: (line: string) => void;
  /** keep the temporary directory (database and all) after close */
  keep?: boolean;
  /** reuse the directory of a kept run (database and all) instead of a fresh one; it is kept on close */
  directory?: string;
  /** say nothing of the kept directory on close (a caller that removes it itself) */
  quiet?: boolean;
  /** extra environment for loadConfiguration (DATABASE_POOL_SIZE, WORKER_CONCURRENCY ...) */
  environment?: Record<string, string>;
  connections?: number;
  /** PostgreSQL settings over the embedded defaults */
  postgresSettings?: Record<string, string>;
  /**
   * Runs once the PostgreSQL server is up and before the application starts (another database on
   * the same server, say); what it returns is added to the environment of loadConfiguration.
   */
  prepare?: (server: { urlFor(database: string): string }) => Promise<Record<string, string> | void>;
}

export { freePort };

export async function startBenchService(options: BenchServiceOptions = {}): Promise<BenchService> {
  const root = options.directory ?? mkdtempSync(join(tmpdir(), 'contact-recovery-bench-'));
  const keep = options.keep === true || options.directory !== undefined;
  // Running as root, PostgreSQL runs as the "postgres" user, which must be able to enter the directory.
  chmodSync(root, 0o755);
  const postgresDirectory = join(root, 'postgres');
  const dataDirectory = join(root, 'data');
  const configDirectory = join(root, 'config');
  mkdirSync(dataDirectory, { recursive: true });
  mkdirSync(configDirectory, { recursive: true });

  const database = new EmbeddedPostgresServer({
    directory: postgresDirectory,
    // generated once and kept with the run, so a kept directory (--keep, directory) starts again
    passwordFile: join(root, 'postgres-password'),
    port: await freePort(),
    database: 'contact_recovery',
    settings: options.postgresSettings,
    onLog: (message) => {
      if (options.onPostgresLog) for (const line of message.split('\n')) if (line.trim()) options.onPostgresLog(line);
    },
  });
  await database.start();

  let app: INestApplication | undefined;
  try {
    const prepared = (await options.prepare?.(database)) ?? {};
    const config = loadConfiguration({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
      LOG_FORMAT: 'json',
      DATA_DIR: dataDirectory,
      CONFIG_DIR: configDirectory,
      API_KEYS: Object.entries(BENCH_KEYS)
        .map(([role, key]) => `${role}:${key}`)
        .join(','),
      ...BENCH_RATE_LIMITS,
      ...options.environment,
      ...prepared,
    });
    app = await createHttpApplication({ config, databaseUrl: database.url, role: 'all' });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    if (!keep) rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const http = new JsonClient(baseUrl, options.connections ?? 4);
  const queue = app.get<QueueDriver>(QUEUE_DRIVER);
  const started = app;
  return {
    baseUrl,
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    postgresDirectory,
    http,
    whenJobsIdle: () => (queue instanceof InProcessQueueDriver ? queue.whenIdle() : Promise.resolve()),
    async jobCounts() {
      const parts: string[] = [];
      for (const name of QUEUE_NAMES) {
        const counts = await queue.counts(name);
        parts.push(`${name}: ${counts.waiting} waiting, ${counts.active} running, ${counts.delayed} delayed (retrying), ${counts.failed} failed`);
      }
      return parts.join('; ');
    },
    async close() {
      http.close();
      await started.close();
      await database.stop();
      if (!keep) rmSync(root, { recursive: true, force: true });
      else if (!options.quiet) console.log(`kept ${root}`);
    },
  };
}

/** Registers the synthetic sources over the API (admin key), as an operator would. */
export async function registerSources(service: BenchService): Promise<void> {
  for (const source of SYNTHETIC_SOURCES) {
    const response = await service.http.send('PUT', `/v1/sources/${source.key}`, BENCH_KEYS.admin, {
      system: source.system,
      kind: source.kind,
      displayName: source.displayName,
    });
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`PUT /v1/sources/${source.key}: ${response.status} ${response.body.slice(0, 300)}`);
    }
  }
}

export interface JsonResponse {
  status: number;
  body: string;
}

/** A minimal keep-alive JSON client on node:http (no dependency, little overhead). */
export class JsonClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, connections: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  send(method: string, path: string, key: string, body?: unknown | string): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${key}`,
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      if (payload !== undefined) outgoing.write(payload);
      outgoing.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Bytes under a directory (PostgreSQL's data directory: tables, indexes and WAL). */
export function directorySize(path: string): number {
  let total = 0;
  const stack = [path];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile()) {
        try {
          total += statSync(full).size;
        } catch {
          // a file removed while walking (WAL recycling)
        }
      }
    }
  }
  return total;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** `--name value` and `--flag` command-line options. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (!argument.startsWith('--')) continue;
    const [name, inline] = argument.slice(2).split('=', 2);
    if (inline !== undefined) flags.set(name, inline);
    else if (index + 1 < argv.length && !argv[index + 1].startsWith('--')) flags.set(name, argv[++index]);
    else flags.set(name, 'true');
  }
  return flags;
}

export function numberFlag(flags: Map<string, string>, name: string, fallback: number): number {
  const value = flags.get(name);
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number, got "${value}"`);
  return parsed;
}

/**
 * CPU seconds used so far by PostgreSQL (Linux /proc); undefined elsewhere. With the data directory,
 * only that server's postmaster and its children count, not other PostgreSQL servers on the machine.
 */
/** utime + stime of one process from /proc (Linux); undefined elsewhere. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export function postgresCpuSeconds(dataDirectory?: string): number | undefined {
  try {
    const postmaster = dataDirectory ? Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined;
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      if (name !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      if (postmaster !== undefined && Number(entry) !== postmaster && Number(fields[1]) !== postmaster) continue;
      // utime, stime (own) + cutime, cstime (waited-for children): fields 14-17 of stat, 12-15 here.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    }
    return ticks / 100;
  } catch {
    return undefined;
  }
}

const DURATION = /duration: ([\d.]+) ms\s+(?:statement|execute [^:]*):\s*(.*)$/;

/** Sums PostgreSQL's logged statement durations (log_min_duration_statement = 0) by statement text. */
export function recordStatement(statements: Map<string, { count: number; milliseconds: number }>, line: string): void {
  const match = DURATION.exec(line);
  if (!match) return;
  const milliseconds = Number(match[1]);
  const text = match[2].replace(/\s+/g, ' ').trim();
  const key = text.replace(/\$\d+/g, '$').slice(0, 110);
  const entry = statements.get(key) ?? { count: 0, milliseconds: 0 };
  entry.count += 1;
  entry.milliseconds += milliseconds;
  statements.set(key, entry);
}

export function printStatements(statements: Map<string, { count: number; milliseconds: number }>): void {
  const rows = [...statements.entries()].sort((left, right) => right[1].milliseconds - left[1].milliseconds);
  const total = rows.reduce((sum, [, entry]) => sum + entry.milliseconds, 0);
  console.log(`\n=== SQL time by statement (log_min_duration_statement = 0; ${(total / 1000).toFixed(1)} s in total) ===`);
  for (const [text, entry] of rows.slice(0, 20)) {
    console.log(`  ${(entry.milliseconds / 1000).toFixed(1).padStart(7)} s ${((100 * entry.milliseconds) / total).toFixed(1).padStart(5)}% ${String(entry.count).padStart(7)}x  ${text}`);
  }
}

/** Server settings that load pg_stat_statements (shipped with the embedded binaries). */
export const STATEMENT_STATISTICS_SETTINGS = { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } as const;

export async function resetStatementStatistics(dataSource: DataSource): Promise<void> {
  await dataSource.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await dataSource.query('SELECT pg_stat_statements_reset()');
}

/** Execution and planning time, rows and WAL (full-page images included) by statement, from pg_stat_statements. */
export async function printStatementStatistics(dataSource: DataSource, limit = 25): Promise<void> {
  const rows: { query: string; calls: string; exec: number; plan: number; rows: string; wal_bytes: string; wal_fpi: string; hit: string; read: string }[] = await dataSource.query(
    `SELECT query, calls, total_exec_time AS exec, total_plan_time AS plan, rows, wal_bytes, wal_fpi, shared_blks_hit AS hit, shared_blks_read AS read
     FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC`,
  );
  const total = rows.reduce((sum, row) => sum + row.exec + row.plan, 0);
  const wal = rows.reduce((sum, row) => sum + Number(row.wal_bytes), 0);
  console.log(`\n=== SQL by statement (pg_stat_statements: ${(total / 1000).toFixed(1)} s executing and planning, ${formatBytes(wal)} of WAL) ===`);
  console.log('   exec s  plan s    calls       rows        WAL    FPI  blocks read  statement');
  for (const row of rows.slice(0, limit)) {
    const text = row.query.replace(/\s+/g, ' ').trim().slice(0, 100);
    console.log(
      `  ${(row.exec / 1000).toFixed(1).padStart(7)} ${(row.plan / 1000).toFixed(1).padStart(7)} ${row.calls.padStart(8)} ${row.rows.padStart(10)} ${formatBytes(Number(row.wal_bytes)).padStart(10)} ${row.wal_fpi.padStart(6)} ${row.read.padStart(12)}  ${text}`,
    );
  }
}

/**
 * The `catch` of a benchmark's main: prints why and exits 1. process.exit, not process.exitCode: the
 * embedded-postgres exit hook calls process.exit(0) on 'beforeExit', which would turn a failed run into a success.
 */
export function failBenchmark(name: string): (error: unknown) => never {
  return (error) => {
    console.error(error);
    console.error(`${name}: the benchmark did not complete`);
    process.exit(1);
  };
}

/** utime + stime of the PostgreSQL backends connected to `database` (their process title names it), by pid. */
export function backendsOf(database: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
