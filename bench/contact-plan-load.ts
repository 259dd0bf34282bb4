/**
 * The contact plan under load: the service on its embedded PostgreSQL with N borrowers loaded
 * through the real ingest API, consent on record and some call outcomes, then autocannon from a
 * second process at 50 connections against GET /v1/borrowers/{ref}/contact-plan (random borrowers)
 * and, in the same run, against a trivial NestJS route (GET /health/live) for comparison.
 *
 *   npm run bench:api [-- --borrowers 100000 --connections 50 --duration 20 --warmup 5 --seed 11 --sql-profile | --sql-statistics --keep | --reuse DIR --plan-only]
 *
 * Prints requests/s and p50/p99 latency for both and their ratio. Asserts nothing. PostgreSQL CPU
 * counts only this run's server, so another benchmark on the machine does not inflate it.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_KEYS,
  formatBytes,
  numberFlag,
  parseFlags,
  postgresCpuSeconds,
  printStatements,
  printStatementStatistics,
  recordStatement,
  registerSources,
  resetStatementStatistics,
  startBenchService,
  type BenchService,
  STATEMENT_STATISTICS_SETTINGS,
  failBenchmark,
} from './harness.js';
import type { LoadResult } from './http-load.js';
import { syntheticBorrowers, THROUGHPUT_PROFILE, type SyntheticRecord, intoSourceBatches } from './synthetic-contacts.js';

const BATCH_SIZE = 1000;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const borrowers = numberFlag(flags, 'borrowers', 100_000);
  const connections = numberFlag(flags, 'connections', 50);
  const duration = numberFlag(flags, 'duration', 20);
  const warmup = numberFlag(flags, 'warmup', 5);
  const seed = numberFlag(flags, 'seed', 11);
  const sqlProfile = flags.has('sql-profile');
  const sqlStatistics = flags.has('sql-statistics');
  const planOnly = flags.has('plan-only');
  // A kept run's directory (--keep prints it): skips loading, for quick iterations on the same data.
  const reuse = flags.get('reuse');
  const statements = new Map<string, { count: number; milliseconds: number }>();
  let profiling = false;
  // Loaded by one service, measured on another started afterwards over the same database, as an API
  // instance runs: the loading process's heap and buffers hold what the bulk ingest left behind.
  let directory = reuse;
  if (directory) {
    console.log(`reusing the database of ${directory}`);
  } else {
    const loader = await startBenchService({ connections: 3, environment: { DATABASE_POOL_SIZE: '20' }, keep: true, quiet: true });
    directory = dirname(loader.postgresDirectory);
    try {
      const { records, seconds } = await loadBorrowers(loader, borrowers, seed);
      console.log(`loaded ${borrowers} borrowers (${records} records) in ${seconds.toFixed(0)} s`);
      // As autovacuum would have left the tables by the time anyone reads them: hint bits set and the
      // visibility map current, so the first reads of each row do not write (the bulk load just wrote them all).
      await loader.dataSource.query('VACUUM (ANALYZE)');
    } catch (error) {
      await loader.close();
      rmSync(directory, { recursive: true, force: true });
      throw error;
    }
    await loader.close();
  }
  const service = await startBenchService({
    connections: 3,
    environment: { DATABASE_POOL_SIZE: '20' },
    onPostgresLog: sqlProfile ? (line) => profiling && recordStatement(statements, line) : undefined,
    postgresSettings: sqlStatistics ? STATEMENT_STATISTICS_SETTINGS : undefined,
    directory,
    quiet: !reuse && !flags.has('keep'),
  });
  const work = mkdtempSync(join(tmpdir(), 'contact-plan-load-'));
  try {
    const sample: { ref: string }[] = await service.dataSource.query('SELECT ref FROM borrower ORDER BY random() LIMIT 30000');
    const refs = sample.slice(0, 20000);
    const [{ size }] = await service.dataSource.query('SELECT pg_database_size(current_database()) AS size');
    const refsFile = join(work, 'refs.json');
    writeFileSync(refsFile, JSON.stringify(refs.map((row) => row.ref)));
    // The warm-up asks for other borrowers than the measurement (when there are enough), so nothing it touched is measured again.
    const warmupRefsFile = join(work, 'warmup-refs.json');
    writeFileSync(warmupRefsFile, JSON.stringify((sample.length > refs.length ? sample.slice(refs.length) : [...refs].reverse()).map((row) => row.ref)));
    const [{ count }] = await service.dataSource.query('SELECT count(*) FROM borrower');
    console.log(`${count} borrowers; database ${formatBytes(Number(size))}`);

    const measured = async (options: Parameters<typeof load>[0]) => {
      const node = process.cpuUsage();
      const postgres = postgresCpuSeconds(service.postgresDirectory) ?? 0;
      const result = await load(options);
      const nodeSeconds = (process.cpuUsage(node).user + process.cpuUsage(node).system) / 1e6;
      const postgresSeconds = (postgresCpuSeconds(service.postgresDirectory) ?? 0) - postgres;
      return { ...result, nodeMilliseconds: (1000 * nodeSeconds) / Math.max(1, result.total), postgresMilliseconds: (1000 * postgresSeconds) / Math.max(1, result.total) };
    };
    if (sqlProfile) {
      // Statement text only: parameter values are personal data.
      await service.dataSource.query('ALTER SYSTEM SET log_min_duration_statement = 0');
      await service.dataSource.query('ALTER SYSTEM SET log_parameter_max_length = 0');
      await service.dataSource.query('SELECT pg_reload_conf()');
      profiling = true;
    }
    // A few seconds of load first, unmeasured: the route's code is compiled and every pooled connection has prepared its statements.
    if (warmup > 0) await load({ url: service.baseUrl, connections, duration: warmup, key: BENCH_KEYS.platform, refsFile: warmupRefsFile });
    if (sqlStatistics) await resetStatementStatistics(service.dataSource);
    const plan = await measured({ url: service.baseUrl, connections, duration, key: BENCH_KEYS.platform, refsFile });
    profiling = false;
    if (sqlStatistics) await printStatementStatistics(service.dataSource);
    const trivial = planOnly ? undefined : await measured({ url: service.baseUrl, connections, duration, path: '/health/live' });
    const rows = [
      ['GET /v1/borrowers/{ref}/contact-plan', plan],
      ...(trivial ? [['GET /health/live (trivial route)', trivial] as const] : []),
    ] as const;
    console.log(`\n${'route'.padEnd(40)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'non-2xx'.padStart(8)} ${'errors'.padStart(7)} ${'node CPU ms/req'.padStart(16)} ${'pg CPU ms/req'.padStart(14)}`);
    for (const [name, result] of rows) {
      console.log(
        `${name.padEnd(40)} ${result.requestsPerSecond.toFixed(0).padStart(8)} ${result.p50.toFixed(1).padStart(8)} ${result.p99.toFixed(1).padStart(8)} ${String(result.non2xx).padStart(8)} ${String(result.errors).padStart(7)} ${result.nodeMilliseconds.toFixed(2).padStart(16)} ${result.postgresMilliseconds.toFixed(2).padStart(14)}`,
      );
    }
    if (sqlProfile) printStatements(statements);
    const ratio = trivial ? `${((100 * plan.requestsPerSecond) / trivial.requestsPerSecond).toFixed(1)}%` : 'not measured';
    console.log(`\ncontact plan / trivial throughput: ${ratio} (target >= 25%); contact plan p99 ${plan.p99.toFixed(1)} ms (target <= 25 ms)`);
  } finally {
    await service.close();
    rmSync(work, { recursive: true, force: true });
    if (!reuse && !flags.has('keep')) rmSync(directory, { recursive: true, force: true });
  }
}

/** N borrowers through the ingest API, then consent for all and a call outcome on each borrower's phones (set-based SQL). */
async function loadBorrowers(service: BenchService, borrowers: number, seed: number): Promise<{ records: number; seconds: number }> {
  await registerSources(service);
  const started = performance.now();
  let records = 0;
  let pending: SyntheticRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const flush = async (batch: SyntheticRecord[]) => {
    for (const group of intoSourceBatches(batch, BATCH_SIZE)) {
      const task = service.http
        .send('POST', `/v1/sources/${group.sourceKey}/records`, BENCH_KEYS.platform, { records: group.records.map((record) => record.payload) })
        .then((response) => {
          if (response.status !== 200) throw new Error(`ingest: ${response.status} ${response.body.slice(0, 200)}`);
        });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= 3) await Promise.race(inFlight);
    }
  };
  for (const borrower of syntheticBorrowers(seed, THROUGHPUT_PROFILE, borrowers, 'L')) {
    pending.push(...borrower.records);
    records += borrower.records.length;
    if (pending.length >= BATCH_SIZE * 3) {
      await flush(pending);
      pending = [];
    }
  }
  await flush(pending);
  await Promise.all(inFlight);
  await service.whenJobsIdle();
  const seconds = (performance.now() - started) / 1000;
  // Consent for every borrower and a few call outcomes: the plan then has third parties and validity to compute.
  await service.dataSource.query(
    `INSERT INTO consent (borrower_id, external_sources, third_party_contact, evidence_ref, granted_at, recorded_by)
     SELECT id, (hashtext(ref) % 3 <> 0), true, 'bench', now(), 'bench' FROM borrower`,
  );
  await service.dataSource.query(
    `INSERT INTO contact_attempt (id, borrower_id, contact_point_id, outcome, attempted_at, recorded_by)
     SELECT gen_random_uuid(), link.borrower_id, owned.contact_point_id,
            (ARRAY['answered','no_answer','disconnected','busy'])[1 + abs(hashtext(owned.contact_point_id::text)) % 4],
            now() - interval '1 day', 'bench'
     FROM borrower_person link JOIN person_contact_point owned ON owned.person_id = link.person_id
     JOIN contact_point point ON point.id = owned.contact_point_id AND point.kind = 'phone'
     WHERE link.relation = 'self'`,
  );
  return { records, seconds };
}

/** autocannon in its own process, so the load generator does not share the service's event loop. */
function load(options: { url: string; connections: number; duration: number; key?: string; refsFile?: string; path?: string }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./http-load.js', import.meta.url)), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

main().catch(failBenchmark('contact-plan-load'));
