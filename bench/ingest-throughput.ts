/**
 * End-to-end ingest throughput: synthetic records, generated as a stream (never held all at once),
 * pushed through the real HTTP API of the service on its embedded PostgreSQL, in batches of 1000
 * with a small fixed number of requests in flight, through validation, storage and matching.
 *
 *   npm run bench:ingest [-- --records 1000000 --concurrency 3 --seed 7 --wait-jobs --floor --sql-profile | --sql-statistics --keep]
 *
 * Prints records/s overall and per 100k, batch latency percentiles, peak RSS of this process (the
 * service and the load generator share it), and PostgreSQL's data size; with --floor, also the
 * least CPU per record any design storing the same rows could spend here (storage-floor.ts), and
 * so the ceiling of records/s on this machine. Asserts nothing.
 */
import { availableParallelism } from 'node:os';
import type { DataSource } from 'typeorm';
import {
  BENCH_KEYS,
  directorySize,
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
  STATEMENT_STATISTICS_SETTINGS,
  failBenchmark,
} from './harness.js';
import { measureRecordWorkFloor, measureStorageFloor } from './storage-floor.js';
import { syntheticBatches, THROUGHPUT_PROFILE } from './synthetic-contacts.js';

const BATCH_SIZE = 1000;
const WINDOW = 100_000;

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
  unusablePhones: unknown[];
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const total = numberFlag(flags, 'records', 1_000_000);
  const concurrency = numberFlag(flags, 'concurrency', 3);
  const seed = numberFlag(flags, 'seed', 7);
  const waitJobs = flags.has('wait-jobs');
  const sqlProfile = flags.has('sql-profile');
  const sqlStatistics = flags.has('sql-statistics');
  const generateOnly = flags.has('generate-only');
  const floor = flags.has('floor');
  if (!Number.isInteger(total) || total < 1) throw new Error('--records must be a positive integer');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new Error('--concurrency must be 1..16');

  if (generateOnly) {
    // The load generator alone: what the client side costs on this machine.
    const started = performance.now();
    let records = 0;
    let bytes = 0;
    for (const batch of syntheticBatches({ seed, profile: THROUGHPUT_PROFILE, records: total, batchSize: BATCH_SIZE })) {
      records += batch.records.length;
      bytes += Buffer.byteLength(JSON.stringify({ records: batch.records.map((record) => record.payload) }));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`generated and serialised ${records} records (${formatBytes(bytes)} of JSON) in ${seconds.toFixed(1)} s: ${Math.round(records / seconds)} records/s`);
    return;
  }

  const statements = new Map<string, { count: number; milliseconds: number }>();
  const service = await startBenchService({
    keep: flags.has('keep'),
    connections: concurrency,
    onPostgresLog: sqlProfile ? (line) => recordStatement(statements, line) : undefined,
    postgresSettings: sqlStatistics ? STATEMENT_STATISTICS_SETTINGS : undefined,
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  sampler.unref();
  try {
    await registerSources(service);
    if (sqlProfile) {
      await service.dataSource.query('ALTER SYSTEM SET log_min_duration_statement = 0');
      // Statement text only: parameter values would flood the log (and are personal data in real use).
      await service.dataSource.query('ALTER SYSTEM SET log_parameter_max_length = 0');
      await service.dataSource.query('SELECT pg_reload_conf()');
    }
    if (sqlStatistics) await resetStatementStatistics(service.dataSource);
    const postgresCpuBefore = postgresCpuSeconds(service.postgresDirectory);
    const cpuBefore = process.cpuUsage();
    console.log(`ingest throughput: ${total} records in batches of ${BATCH_SIZE}, ${concurrency} requests in flight, seed ${seed}, ${service.baseUrl}`);

    const batches = syntheticBatches({ seed, profile: THROUGHPUT_PROFILE, records: total, batchSize: BATCH_SIZE });
    const latencies: number[] = [];
    const windows: { records: number; seconds: number }[] = [];
    let sent = 0;
    let done = 0;
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    let unusable = 0;
    let failures = 0;
    let firstFailure: string | undefined;
    let nextWindow = WINDOW;
    let windowStarted = performance.now();
    let windowStartRecords = 0;
    const started = performance.now();

    const worker = async () => {
      for (;;) {
        const next = batches.next();
        if (next.done) return;
        const batch = next.value;
        sent += batch.records.length;
        const body = JSON.stringify({ records: batch.records.map((record) => record.payload) });
        const requestStarted = performance.now();
        const response = await service.http.send('POST', `/v1/sources/${batch.sourceKey}/records`, BENCH_KEYS.platform, body);
        const now = performance.now();
        latencies.push(now - requestStarted);
        if (response.status !== 200) {
          failures += 1;
          firstFailure ??= `${response.status} ${response.body.slice(0, 300)}`;
        } else {
          const answer = JSON.parse(response.body) as IngestAnswer;
          accepted += answer.accepted;
          duplicates += answer.duplicates;
          rejected += answer.rejected.length;
          unusable += answer.unusablePhones.length;
        }
        done += batch.records.length;
        while (done >= nextWindow || (done === total && windowStartRecords < done)) {
          const windowRecords = Math.min(done, nextWindow) - windowStartRecords;
          const seconds = (now - windowStarted) / 1000;
          windows.push({ records: windowRecords, seconds });
          const elapsed = (now - started) / 1000;
          console.log(
            `  ${String(Math.min(done, nextWindow)).padStart(8)} records  ${(windowRecords / seconds).toFixed(0).padStart(7)} records/s in this window  ` +
              `${(done / elapsed).toFixed(0).padStart(7)} records/s overall  rss ${formatBytes(process.memoryUsage().rss)}  heap ${formatBytes(process.memoryUsage().heapUsed)}`,
          );
          windowStartRecords = Math.min(done, nextWindow);
          windowStarted = now;
          nextWindow += WINDOW;
          if (done === total) break;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    const ingestSeconds = (performance.now() - started) / 1000;
    const cpuIngest = process.cpuUsage(cpuBefore);
    const postgresCpuAfter = postgresCpuSeconds(service.postgresDirectory);
    const postgresCpuIngest = postgresCpuAfter !== undefined && postgresCpuBefore !== undefined ? postgresCpuAfter - postgresCpuBefore : undefined;

    const jobBacklog = await service.jobCounts();
    let jobSeconds: number | undefined;
    if (waitJobs) {
      const jobsStarted = performance.now();
      await service.whenJobsIdle();
      jobSeconds = (performance.now() - jobsStarted) / 1000;
    }
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const [{ size }] = (await service.dataSource.query('SELECT pg_database_size(current_database())::bigint AS size')) as { size: string }[];
    const counts = (await service.dataSource.query(
      `SELECT (SELECT count(*) FROM source_record)::bigint AS records, (SELECT count(*) FROM observation)::bigint AS observations,
              (SELECT count(*) FROM contact_point)::bigint AS contact_points, (SELECT count(*) FROM person)::bigint AS persons,
              (SELECT count(*) FROM borrower)::bigint AS borrowers, (SELECT count(*) FROM match_suggestion)::bigint AS suggestions`,
    )) as Record<string, string>[];
    const dataDirectoryBytes = directorySize(service.postgresDirectory);

    const sorted = [...latencies].sort((left, right) => left - right);
    const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
    console.log('\n=== ingest throughput ===');
    console.log(`records sent            ${sent} in ${latencies.length} requests (${failures} failed${firstFailure ? `; first: ${firstFailure}` : ''})`);
    console.log(`accepted / duplicates   ${accepted} / ${duplicates}; rejected ${rejected}; unusable phone strings ${unusable}`);
    console.log(`wall time               ${ingestSeconds.toFixed(1)} s`);
    console.log(`throughput              ${Math.round(sent / ingestSeconds)} records/s end to end (target >= 20000)`);
    console.log(`per 100k                ${windows.map((window) => Math.round(window.records / window.seconds)).join(', ')} records/s`);
    console.log(`batch latency           p50 ${percentile(50).toFixed(0)} ms, p90 ${percentile(90).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`);
    console.log(`peak RSS (this process) ${formatBytes(peakRss)} (service + load generator)`);
    console.log(
      `CPU during ingest       node ${((cpuIngest.user + cpuIngest.system) / 1e6).toFixed(1)} s, postgres ${postgresCpuIngest === undefined ? 'n/a' : `${postgresCpuIngest.toFixed(1)} s`} ` +
        `(of ${(ingestSeconds * 2).toFixed(0)} core-seconds available on 2 cores)`,
    );
    // Less sensitive than wall time to whatever else the machine runs: the cost of one record.
    console.log(
      `CPU per record          node ${(((cpuIngest.user + cpuIngest.system) / sent)).toFixed(0)} µs (load generator included), ` +
        `postgres ${postgresCpuIngest === undefined ? 'n/a' : `${((postgresCpuIngest * 1e6) / sent).toFixed(0)} µs`}`,
    );
    console.log(`deferred jobs at the end ${jobBacklog}`);
    if (jobSeconds !== undefined) console.log(`deferred jobs drained   ${jobSeconds.toFixed(1)} s after the last response`);
    console.log(`PostgreSQL              database ${formatBytes(Number(size))}, data directory ${formatBytes(dataDirectoryBytes)} (incl. WAL)`);
    console.log(`stored                  ${Object.entries(counts[0]).map(([name, value]) => `${name} ${value}`).join(', ')}`);
    if (sqlProfile) printStatements(statements);
    if (sqlStatistics) await printStatementStatistics(service.dataSource);
    if (floor) {
      const cpuPerRecord = ((cpuIngest.user + cpuIngest.system) / 1e6 + (postgresCpuIngest ?? Number.NaN)) / sent;
      await printFloor(service, { seed, records: sent, throughput: sent / ingestSeconds, cpuPerRecord });
    }
  } finally {
    clearInterval(sampler);
    await service.close();
  }
}

async function printFloor(
  service: { dataSource: DataSource; postgresDirectory: string; whenJobsIdle(): Promise<void> },
  run: { seed: number; records: number; throughput: number; cpuPerRecord: number },
): Promise<void> {
  // Nothing else may run on the server while the floor is measured.
  await service.whenJobsIdle();
  const storage = await measureStorageFloor(service.dataSource, service.postgresDirectory);
  const sample = Math.min(run.records, 100_000);
  const work = measureRecordWorkFloor({ seed: run.seed, records: sample, batchSize: BATCH_SIZE });
  // The COPY backend's own CPU: the most generous reading (background writers left out).
  const postgresPerRecord = (storage.backendCpuSeconds ?? storage.seconds) / run.records;
  const nodePerRecord = work.cpuSeconds / work.records;
  const cores = availableParallelism();
  const ceiling = cores / (postgresPerRecord + nodePerRecord);
  const rows = storage.tables.reduce((sum, load) => sum + load.rows, 0);
  console.log('\n=== floor: the least CPU per record a design storing these rows, with these indexes, can spend here ===');
  console.log(
    `PostgreSQL              COPY of the ${rows} rows ingest stored into empty copies of their tables: ${storage.seconds.toFixed(1)} s; CPU of the COPY backend ` +
      `${storage.backendCpuSeconds?.toFixed(1) ?? 'n/a (wall time used)'} s, of the whole server ${storage.postgresCpuSeconds?.toFixed(1) ?? 'n/a'} s: ` +
      `${(postgresPerRecord * 1e6).toFixed(0)} µs a record`,
  );
  for (const load of storage.tables) console.log(`  ${load.table.padEnd(22)} ${String(load.rows).padStart(9)} rows ${load.seconds.toFixed(2).padStart(7)} s`);
  console.log(`Node                    parse, validate, hash, normalise (${work.records} records, ${work.phones} phones, one thread): ${(nodePerRecord * 1e6).toFixed(0)} µs a record`);
  console.log(`ceiling                 ${cores} cores / ${((postgresPerRecord + nodePerRecord) * 1e6).toFixed(0)} µs = ${Math.round(ceiling)} records/s for any design storing these rows with these indexes`);
  console.log(`this run                ${Math.round(run.throughput)} records/s (${((100 * run.throughput) / ceiling).toFixed(1)} % of the ceiling), ` +
    `${(run.cpuPerRecord * 1e6).toFixed(0)} µs of CPU a record (${(run.cpuPerRecord / (postgresPerRecord + nodePerRecord)).toFixed(1)} x the floor)`);
}

main().catch(failBenchmark('ingest-throughput'));
