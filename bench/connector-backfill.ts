/**
 * Connector backfill throughput: a lender's table in a PostgreSQL database of its own (on the same
 * server as the service's), filled by COPY with the records of the same synthetic generator as
 * bench:ingest, flattened to the columns a lender's system has; then read back by database
 * connectors (one per synthetic source, a `WHERE source_system = …` keyset query each) run to their
 * end in this process with ConnectorRunsService, through validation, storage and matching.
 *
 *   npm run bench:connector [-- --rows 100000 --batch-size 2000 --parallel 1 --seed 7 --wait-jobs --floor --sql-profile | --sql-statistics --explain-slower-than 300 --table-statistics --keep]
 *
 * Prints records/s overall and per 100k, peak RSS of this process (sampled every 250 ms), CPU of
 * node, of PostgreSQL, and of the backend reading the lender table, per record; the share of wall
 * time spent inside the ingest pipeline; with --floor, the storage floor of bench:ingest measured
 * the same way in the same run, and the ratio. Asserts nothing. Results also go to
 * bench/output/connector-backfill-<rows>.json.
 */
import { availableParallelism } from 'node:os';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { SYSTEM_PRINCIPAL } from '../src/auth/principal.js';
import { connectorDefinitionSchema } from '../src/connectors/connector-definition.js';
import { ConnectorRunsService } from '../src/connectors/connector-runs.service.js';
import { ConnectorsService } from '../src/connectors/connectors.service.js';
import { IngestPipelineService } from '../src/ingest/ingest-pipeline.service.js';
import { OutboxDispatcher } from '../src/queue/outbox-dispatcher.service.js';
import {
  type BenchService,
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
  backendsOf,
} from './harness.js';
import { measureRecordWorkFloor, measureStorageFloor } from './storage-floor.js';
import { SYNTHETIC_SOURCES, syntheticBorrowers, THROUGHPUT_PROFILE } from './synthetic-contacts.js';

const WINDOW = 100_000;
/** The floor's Node part parses request bodies of this many records, as bench:ingest sends them. */
const FLOOR_BATCH_SIZE = 1000;
const LENDER_DATABASE = 'lender_source';
const LENDER_URL_ENV = 'LENDER_DATABASE_URL';
/** Address columns of the lender table (the throughput profile writes at most 2 a record). */
const ADDRESS_COLUMNS = 4;
/** Rows per COPY file while filling (bounded disk and memory). */
const FILL_CHUNK = 100_000;
const OUTPUT_DIRECTORY = join(process.cwd(), 'bench', 'output');

interface FillResult {
  rows: number;
  addressColumns: number;
  seconds: number;
  bytes: number;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const total = numberFlag(flags, 'rows', 100_000);
  const seed = numberFlag(flags, 'seed', 7);
  const batchSize = flags.has('batch-size') ? numberFlag(flags, 'batch-size', 2_000) : undefined;
  const parallel = numberFlag(flags, 'parallel', 1);
  const waitJobs = flags.has('wait-jobs');
  const floor = flags.has('floor');
  const sqlProfile = flags.has('sql-profile');
  const sqlStatistics = flags.has('sql-statistics');
  // Plans of statements slower than this many milliseconds, written by auto_explain to the server log (see below).
  const explainSlowerThan = flags.has('explain-slower-than') ? numberFlag(flags, 'explain-slower-than', 500) : undefined;
  const plans: string[] = [];
  if (!Number.isInteger(total) || total < 1) throw new Error('--rows must be a positive integer');
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000)) throw new Error('--batch-size must be 1..50000');
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > SYNTHETIC_SOURCES.length) throw new Error(`--parallel must be 1..${SYNTHETIC_SOURCES.length}`);

  let fill: FillResult | undefined;
  const statements = new Map<string, { count: number; milliseconds: number }>();
  const service = await startBenchService({
    keep: flags.has('keep'),
    onPostgresLog: sqlProfile ? (line) => recordStatement(statements, line) : explainSlowerThan !== undefined ? (line) => void plans.push(line) : undefined,
    postgresSettings: {
      ...(sqlStatistics ? STATEMENT_STATISTICS_SETTINGS : {}),
      ...(explainSlowerThan === undefined ? {} : { session_preload_libraries: 'auto_explain', 'auto_explain.log_min_duration': String(explainSlowerThan), 'auto_explain.log_nested_statements': 'off' }),
    },
    environment: batchSize === undefined ? {} : { CONNECTOR_BATCH_SIZE: String(batchSize) },
    // The lender's table, in a database of its own on the same server, filled before the service starts.
    prepare: async (server) => {
      const url = server.urlFor(LENDER_DATABASE);
      const admin = new pg.Client({ connectionString: server.urlFor('postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${LENDER_DATABASE}`);
        await admin.query(`CREATE DATABASE ${LENDER_DATABASE}`);
      } finally {
        await admin.end();
      }
      fill = await fillLenderTable(url, { seed, rows: total });
      return { [LENDER_URL_ENV]: url };
    },
  });
  const filled = fill!;
  let peakRss = process.memoryUsage().rss;
  const rssAt: { records: number; rss: number }[] = [];
  const readerCpu = new Map<number, number>();
  let samples = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // The backend(s) reading the lender table: CPU per pid, read while they live.
    if (++samples % 4 === 0) for (const [pid, seconds] of backendsOf(LENDER_DATABASE)) readerCpu.set(pid, Math.max(readerCpu.get(pid) ?? 0, seconds));
  }, 250);
  sampler.unref();
  try {
    await registerSources(service);
    console.log(
      `connector backfill: ${total} rows of table lender_contacts (database ${LENDER_DATABASE}, same server), filled by COPY in ${filled.seconds.toFixed(1)} s ` +
        `(${formatBytes(filled.bytes)} of COPY text), seed ${seed}, ${SYNTHETIC_SOURCES.length} database connectors (one per source), ${parallel} at a time, ` +
        `batches of ${batchSize ?? 'CONNECTOR_BATCH_SIZE (default 2000)'}`,
    );
    const connectors = service.app.get(ConnectorsService);
    const runs = service.app.get(ConnectorRunsService);
    const keys: { key: string; source: string }[] = [];
    for (const source of SYNTHETIC_SOURCES) {
      const key = `bench-${source.key}`;
      const definition = connectorDefinitionSchema.parse({
        source: source.key,
        kind: 'database',
        database: {
          urlEnv: LENDER_URL_ENV,
          query: `SELECT * FROM lender_contacts WHERE source_system = '${source.key}' AND gmt_modified > :cursor ORDER BY gmt_modified, id`,
          cursor: { column: 'gmt_modified', initial: '1970-01-01' },
        },
        mapping: {
          sourceRecordId: 'id',
          observedAt: 'observed_at',
          'borrower.ref': 'customer_no',
          'borrower.name': 'cust_name',
          'borrower.idNumber': 'id_number',
          'subject.role': 'role',
          'subject.name': 'contact_name',
          'subject.relation': 'relation',
          phones: ['phones'],
          addresses: Array.from({ length: filled.addressColumns }, (_, index) => ({ text: `addr_${index + 1}`, kind: `addr_${index + 1}_kind` })),
          'employer.name': 'company',
          'employer.phone': 'company_phone',
        },
      });
      await connectors.put(SYSTEM_PRINCIPAL, key, definition);
      keys.push({ key, source: source.key });
    }

    // Wall time spent storing batches (the batch's transaction: storage and person resolution).
    const ingest = service.app.get(IngestPipelineService);
    const storeBatch = ingest.storeBatch.bind(ingest);
    let ingestMilliseconds = 0;
    ingest.storeBatch = async (...args: Parameters<IngestPipelineService['storeBatch']>) => {
      const started = performance.now();
      try {
        return await storeBatch(...args);
      } finally {
        ingestMilliseconds += performance.now() - started;
      }
    };

    if (sqlProfile) {
      await service.dataSource.query('ALTER SYSTEM SET log_min_duration_statement = 0');
      await service.dataSource.query('ALTER SYSTEM SET log_parameter_max_length = 0');
      await service.dataSource.query('SELECT pg_reload_conf()');
    }
    if (sqlStatistics) await resetStatementStatistics(service.dataSource);

    const postgresCpuBefore = postgresCpuSeconds(service.postgresDirectory);
    const cpuBefore = process.cpuUsage();
    const windows: { records: number; seconds: number }[] = [];
    const readByRun = new Map<string, number>();
    let done = 0;
    let nextWindow = WINDOW;
    let windowStarted = performance.now();
    let windowStartRecords = 0;
    const started = performance.now();
    const onProgress = (key: string, read: number) => {
      readByRun.set(key, read);
      done = [...readByRun.values()].reduce((sum, value) => sum + value, 0);
      const now = performance.now();
      while (done >= nextWindow) {
        const windowRecords = nextWindow - windowStartRecords;
        const seconds = (now - windowStarted) / 1000;
        windows.push({ records: windowRecords, seconds });
        const rss = process.memoryUsage().rss;
        rssAt.push({ records: nextWindow, rss: Math.max(rss, peakRss) });
        console.log(
          `  ${String(nextWindow).padStart(8)} records  ${(windowRecords / seconds).toFixed(0).padStart(7)} records/s in this window  ` +
            `${(done / ((now - started) / 1000)).toFixed(0).padStart(7)} records/s overall  rss ${formatBytes(rss)}  heap ${formatBytes(process.memoryUsage().heapUsed)}`,
        );
        windowStartRecords = nextWindow;
        windowStarted = now;
        nextWindow += WINDOW;
      }
    };

    const results: { key: string; state: string; read: number; accepted: number; duplicates: number; rejected: number; error?: string | null; seconds: number }[] = [];
    const queue = [...keys];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const key = next.key;
        const runStarted = performance.now();
        const { id } = await runs.request(SYSTEM_PRINCIPAL, key, 'command-line');
        const run = await runs.execute(id, { started: () => undefined, progress: (counts) => onProgress(key, counts.read) });
        results.push({ key, state: run.state, read: run.read, accepted: run.accepted, duplicates: run.duplicates, rejected: run.rejected, error: run.error, seconds: (performance.now() - runStarted) / 1000 });
      }
    };
    await Promise.all(Array.from({ length: parallel }, () => worker()));
    const runSeconds = (performance.now() - started) / 1000;
    if (done > windowStartRecords) windows.push({ records: done - windowStartRecords, seconds: (performance.now() - windowStarted) / 1000 });
    const cpuRun = process.cpuUsage(cpuBefore);
    const postgresCpuAfter = postgresCpuSeconds(service.postgresDirectory);
    const postgresCpuRun = postgresCpuAfter !== undefined && postgresCpuBefore !== undefined ? postgresCpuAfter - postgresCpuBefore : undefined;
    const readerCpuSeconds = [...readerCpu.values()].reduce((sum, seconds) => sum + seconds, 0);
    const peakRssRun = Math.max(peakRss, process.memoryUsage().rss);

    // Deferred matching work owed by the committed batches: handed to the (in-process) queue, as `npm run connector -- run` does.
    await service.app.get(OutboxDispatcher).handOver();
    const jobBacklog = await service.jobCounts();
    let jobSeconds: number | undefined;
    let cpuDrain: NodeJS.CpuUsage | undefined;
    let postgresCpuDrain: number | undefined;
    if (waitJobs) {
      const drainCpuBefore = process.cpuUsage();
      const drainStarted = performance.now();
      await whenOutboxAndJobsIdle(service);
      jobSeconds = (performance.now() - drainStarted) / 1000;
      cpuDrain = process.cpuUsage(drainCpuBefore);
      const postgresCpuDrained = postgresCpuSeconds(service.postgresDirectory);
      postgresCpuDrain = postgresCpuDrained !== undefined && postgresCpuAfter !== undefined ? postgresCpuDrained - postgresCpuAfter : undefined;
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

    const read = results.reduce((sum, run) => sum + run.read, 0);
    const accepted = results.reduce((sum, run) => sum + run.accepted, 0);
    const duplicates = results.reduce((sum, run) => sum + run.duplicates, 0);
    const rejected = results.reduce((sum, run) => sum + run.rejected, 0);
    const nodeSeconds = (cpuRun.user + cpuRun.system) / 1e6;
    const throughput = read / runSeconds;
    console.log('\n=== connector backfill ===');
    for (const run of results.sort((left, right) => left.key.localeCompare(right.key))) {
      console.log(
        `  ${run.key.padEnd(24)} ${run.state.padEnd(9)} ${String(run.read).padStart(8)} read ${String(run.accepted).padStart(8)} stored ${String(run.duplicates).padStart(5)} duplicates ` +
          `${String(run.rejected).padStart(6)} quarantined  ${run.seconds.toFixed(1).padStart(7)} s  ${Math.round(run.read / run.seconds).toString().padStart(6)} records/s${run.error ? `  error: ${run.error}` : ''}`,
      );
    }
    console.log(`rows read               ${read} of ${filled.rows} in the table`);
    console.log(`stored / duplicates     ${accepted} / ${duplicates}; quarantined ${rejected}`);
    console.log(`wall time               ${runSeconds.toFixed(1)} s`);
    console.log(`throughput              ${Math.round(throughput)} records/s end to end (read, map, validate, store, match inline)`);
    console.log(`per 100k                ${windows.map((window) => Math.round(window.records / window.seconds)).join(', ')} records/s`);
    console.log(
      `inside storeBatch       ${(ingestMilliseconds / 1000).toFixed(1)} s of ${runSeconds.toFixed(1)} s wall (${((100 * ingestMilliseconds) / 1000 / runSeconds / parallel).toFixed(0)} % per run in flight); ` +
        'the rest: waiting for the next batch to be read, mapped, checked, normalised and its entities ensured (done while the previous batch is stored)',
    );
    console.log(`peak RSS (this process) ${formatBytes(peakRssRun)} during the runs${rssAt.length > 0 ? ` (at ${rssAt.map((entry) => `${entry.records / 1000}k: ${formatBytes(entry.rss)}`).filter((_, index, all) => all.length <= 10 || index % Math.ceil(all.length / 10) === Math.ceil(all.length / 10) - 1 || index === all.length - 1).join(', ')})` : ''}; ${formatBytes(peakRss)} including the job drain`);
    console.log(
      `CPU during the runs     node ${nodeSeconds.toFixed(1)} s, postgres ${postgresCpuRun === undefined ? 'n/a' : `${postgresCpuRun.toFixed(1)} s`} ` +
        `(of which the backend reading the lender table ${readerCpuSeconds.toFixed(1)} s) (of ${(runSeconds * availableParallelism()).toFixed(0)} core-seconds available on ${availableParallelism()} cores)`,
    );
    console.log(
      `CPU per record          node ${((nodeSeconds * 1e6) / read).toFixed(0)} µs (reader client and mapping included), ` +
        `postgres ${postgresCpuRun === undefined ? 'n/a' : `${((postgresCpuRun * 1e6) / read).toFixed(0)} µs`} (lender-table reading ${((readerCpuSeconds * 1e6) / read).toFixed(0)} µs of it)`,
    );
    console.log(`deferred jobs at the end ${jobBacklog}`);
    if (jobSeconds !== undefined) {
      console.log(
        `deferred jobs drained   ${jobSeconds.toFixed(1)} s after the last batch; node ${((cpuDrain!.user + cpuDrain!.system) / 1e6).toFixed(1)} s, postgres ${postgresCpuDrain?.toFixed(1) ?? 'n/a'} s; ` +
          `${Math.round(read / (runSeconds + jobSeconds))} records/s with the drain`,
      );
    }
    console.log(`PostgreSQL              service database ${formatBytes(Number(size))}, data directory ${formatBytes(dataDirectoryBytes)} (incl. WAL and the lender database)`);
    console.log(`stored                  ${Object.entries(counts[0]).map(([name, value]) => `${name} ${value}`).join(', ')}`);
    if (sqlProfile) printStatements(statements);
    if (sqlStatistics) await printStatementStatistics(service.dataSource);
    if (flags.has('table-statistics')) await printTableStatistics(service.dataSource);

    const report: Record<string, unknown> = {
      rows: total,
      seed,
      batchSize: batchSize ?? 2_000,
      parallel,
      fill,
      runs: results,
      seconds: runSeconds,
      recordsPerSecond: throughput,
      per100k: windows.map((window) => window.records / window.seconds),
      storeBatchSeconds: ingestMilliseconds / 1000,
      peakRssBytes: peakRssRun,
      peakRssWithDrainBytes: peakRss,
      rssAt,
      cpu: { nodeSeconds, postgresSeconds: postgresCpuRun, readerBackendSeconds: readerCpuSeconds },
      jobs: { backlog: jobBacklog, drainSeconds: jobSeconds },
      stored: counts[0],
    };
    if (floor) {
      const cpuPerRecord = (nodeSeconds + (postgresCpuRun ?? Number.NaN)) / read;
      report.floor = await printFloor(service, { seed, records: read, throughput, cpuPerRecord });
    }
    mkdirSync(OUTPUT_DIRECTORY, { recursive: true });
    const file = join(OUTPUT_DIRECTORY, `connector-backfill-${total}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nfull report in ${file}`);
    if (explainSlowerThan !== undefined) {
      const planFile = join(OUTPUT_DIRECTORY, `connector-backfill-${total}-plans.log`);
      writeFileSync(planFile, `${plans.join('\n')}\n`);
      console.log(`plans of statements slower than ${explainSlowerThan} ms (auto_explain): ${planFile}`);
    }
  } finally {
    clearInterval(sampler);
    await service.close();
  }
}

/** Fills lender_contacts by COPY (server-side files of FILL_CHUNK rows), then indexes it for the connectors' keyset queries. */
async function fillLenderTable(url: string, options: { seed: number; rows: number }): Promise<FillResult> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const directory = mkdtempSync(join(tmpdir(), 'contact-recovery-lender-'));
  // Server-side COPY: the server (running as "postgres" when we are root) reads the files.
  chmodSync(directory, 0o755);
  const addressColumns = Array.from({ length: ADDRESS_COLUMNS }, (_, index) => `addr_${index + 1} text, addr_${index + 1}_kind text`).join(', ');
  let bytes = 0;
  let rows = 0;
  let usedAddressColumns = 0;
  try {
    await client.query(
      `CREATE TABLE lender_contacts (
         id text NOT NULL, source_system text NOT NULL, gmt_modified timestamp(6) NOT NULL, observed_at text NOT NULL,
         customer_no text NOT NULL, cust_name text, id_number text, role text NOT NULL, contact_name text, relation text,
         phones text[] NOT NULL, ${addressColumns}, company text, company_phone text)`,
    );
    const base = Date.parse('2024-01-01T00:00:00Z');
    let chunk = 0;
    let stream: ReturnType<typeof createWriteStream> | undefined;
    let file = '';
    let inChunk = 0;
    const flush = async () => {
      if (!stream) return;
      stream.end();
      await once(stream, 'finish');
      chmodSync(file, 0o644);
      await client.query(`COPY lender_contacts FROM '${file}'`);
      rmSync(file, { force: true });
      stream = undefined;
      inChunk = 0;
    };
    let borrowerIndex = 0;
    outer: for (const borrower of syntheticBorrowers(options.seed, THROUGHPUT_PROFILE)) {
      // Every record of a borrower carries the same gmt_modified (ties); a later borrower, a later second.
      const gmtModified = new Date(base + borrowerIndex * 1000).toISOString().replace('T', ' ').replace('Z', '');
      borrowerIndex += 1;
      for (const record of borrower.records) {
        if (rows >= options.rows) break outer;
        const payload = record.payload;
        if (payload.addresses.length > ADDRESS_COLUMNS) throw new Error(`a record has ${payload.addresses.length} addresses; the lender table has ${ADDRESS_COLUMNS} address columns`);
        usedAddressColumns = Math.max(usedAddressColumns, payload.addresses.length);
        const addresses: (string | undefined)[] = [];
        for (let index = 0; index < ADDRESS_COLUMNS; index += 1) addresses.push(payload.addresses[index]?.text, payload.addresses[index]?.kind);
        const line =
          [
            payload.sourceRecordId,
            record.sourceKey,
            gmtModified,
            payload.observedAt,
            payload.borrower.ref,
            payload.borrower.name,
            payload.borrower.idNumber,
            payload.subject.role,
            payload.subject.name,
            payload.subject.relation,
            `{${payload.phones.map((phone) => `"${phone.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`,
            ...addresses,
            payload.employer?.name,
            payload.employer?.phone,
          ]
            .map(copyText)
            .join('\t') + '\n';
        if (!stream) {
          file = join(directory, `chunk-${chunk++}.tsv`);
          stream = createWriteStream(file);
        }
        bytes += Buffer.byteLength(line);
        if (!stream.write(line)) await once(stream, 'drain');
        rows += 1;
        inChunk += 1;
        if (inChunk >= FILL_CHUNK) await flush();
      }
    }
    await flush();
    await client.query('ALTER TABLE lender_contacts ADD PRIMARY KEY (id)');
    await client.query('CREATE INDEX lender_contacts_keyset ON lender_contacts (source_system, gmt_modified, id)');
    await client.query('VACUUM ANALYZE lender_contacts');
  } finally {
    await client.end();
    rmSync(directory, { recursive: true, force: true });
  }
  return { rows, addressColumns: usedAddressColumns, seconds: (performance.now() - started) / 1000, bytes };
}

/** A value in COPY's text format. */
function copyText(value: string | undefined): string {
  if (value === undefined || value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

/** Outbox rows handed over and the in-process queue idle (what `npm run connector -- run` waits for, and bench:ingest's --wait-jobs). */
async function whenOutboxAndJobsIdle(service: BenchService): Promise<void> {
  const dispatcher = service.app.get(OutboxDispatcher);
  for (;;) {
    await dispatcher.handOver();
    await service.whenJobsIdle();
    if ((await dispatcher.status()).pending === 0) {
      await service.whenJobsIdle();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The floor of bench:ingest (storage-floor.ts), printed the same way, beside this run's figures. */
async function printFloor(
  service: BenchService,
  run: { seed: number; records: number; throughput: number; cpuPerRecord: number },
): Promise<Record<string, number>> {
  // Nothing else may run on the server while the floor is measured.
  await whenOutboxAndJobsIdle(service);
  const storage = await measureStorageFloor(service.dataSource, service.postgresDirectory);
  const sample = Math.min(run.records, 100_000);
  const work = measureRecordWorkFloor({ seed: run.seed, records: sample, batchSize: FLOOR_BATCH_SIZE });
  const postgresPerRecord = (storage.backendCpuSeconds ?? storage.seconds) / run.records;
  const nodePerRecord = work.cpuSeconds / work.records;
  const cores = availableParallelism();
  const ceiling = cores / (postgresPerRecord + nodePerRecord);
  const rows = storage.tables.reduce((sum, load) => sum + load.rows, 0);
  console.log('\n=== floor: the least CPU per record a design storing these rows, with these indexes, can spend here (storage-floor.ts, as bench:ingest --floor) ===');
  console.log(
    `PostgreSQL              COPY of the ${rows} rows the connectors stored into empty copies of their tables: ${storage.seconds.toFixed(1)} s; CPU of the COPY backend ` +
      `${storage.backendCpuSeconds?.toFixed(1) ?? 'n/a (wall time used)'} s, of the whole server ${storage.postgresCpuSeconds?.toFixed(1) ?? 'n/a'} s: ` +
      `${(postgresPerRecord * 1e6).toFixed(0)} µs a record`,
  );
  for (const load of storage.tables) console.log(`  ${load.table.padEnd(22)} ${String(load.rows).padStart(9)} rows ${load.seconds.toFixed(2).padStart(7)} s`);
  console.log(`Node                    parse, validate, hash, normalise (${work.records} records, ${work.phones} phones, one thread): ${(nodePerRecord * 1e6).toFixed(0)} µs a record`);
  console.log(`ceiling (floor)         ${cores} cores / ${((postgresPerRecord + nodePerRecord) * 1e6).toFixed(0)} µs = ${Math.round(ceiling)} records/s for any design storing these rows with these indexes`);
  const ratio = run.throughput / ceiling;
  console.log(
    `this run                ${Math.round(run.throughput)} records/s = ${(100 * ratio).toFixed(1)} % of the floor's records/s (target >= 40 %), ` +
      `${(run.cpuPerRecord * 1e6).toFixed(0)} µs of CPU a record (${(run.cpuPerRecord / (postgresPerRecord + nodePerRecord)).toFixed(1)} x the floor's ${((postgresPerRecord + nodePerRecord) * 1e6).toFixed(0)} µs)`,
  );
  return {
    storageSeconds: storage.seconds,
    copyBackendCpuSeconds: storage.backendCpuSeconds ?? Number.NaN,
    postgresMicrosecondsPerRecord: postgresPerRecord * 1e6,
    nodeMicrosecondsPerRecord: nodePerRecord * 1e6,
    recordsPerSecond: ceiling,
    ratio,
    cpuPerRecordMicroseconds: run.cpuPerRecord * 1e6,
  };
}

main().catch(failBenchmark('connector-backfill'));

/** What the planner believes of each large table against what it holds, and when autovacuum last analysed it. */
async function printTableStatistics(dataSource: { query(sql: string): Promise<Record<string, unknown>[]> }): Promise<void> {
  const rows = await dataSource.query(
    `SELECT stat.relname AS table, class.reltuples::bigint AS planner_rows, stat.n_live_tup AS live_rows, stat.n_dead_tup AS dead_rows,
            stat.autoanalyze_count, stat.autovacuum_count, to_char(stat.last_autoanalyze, 'HH24:MI:SS') AS last_autoanalyze
     FROM pg_stat_user_tables stat JOIN pg_class class ON class.oid = stat.relid
     WHERE stat.n_live_tup > 10000 ORDER BY stat.n_live_tup DESC`,
  );
  console.log('\n=== tables: planner statistics against contents (pg_class, pg_stat_user_tables) ===');
  console.table(rows);
}
