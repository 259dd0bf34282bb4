/**
 * Stale-contact scan throughput (issue 13: 1,000,000 borrowers, about ten million observations, within
 * 10 minutes on 2 cores). Fills the service's own tables set-based (INSERT … SELECT generate_series on
 * the server, no records through the API) with synthetic but realistic data, then runs one full scan
 * through StaleScanService (create + run) as the nightly job does, and a second one on the same data.
 *
 *   npm run bench:stale [-- --borrowers 1000000 --observations-per-borrower 10 --seed 7 --random-ids --keep]
 *
 * Per borrower: a self person and two contacts; own mobiles p1 (the application's) and p2 (a second
 * number), a landline p3, a home address; a phone per contact. Records from five sources: the loan
 * application (approval, internal: p1, p3, the address, the contacts' phones, an employer), customer
 * service (internal), deliveries (logistics, external: phone + address each), an e-commerce order
 * (external, system `other`) and credit-bureau reports (external: employer names over time). Dates
 * over two years. Buckets chosen per borrower from a hash of (seed, borrower), so that each flag type
 * is exercised at a realistic share:
 *  - contact_changed (~6%): p1 absent from the last 90 days, recent deliveries and orders on p2;
 *  - not_seen_recently: the landline seen only on an application older than 730 days (~4%), p2 seen
 *    only by customer service 400-700 days ago (~10%);
 *  - invalid_feedback (~8%): a disconnected / invalid / wrong-person call and no answer since;
 *  - job_change (~2.5%): five employers within the last year in bureau reports;
 *  - consent: 95% have one, 70% of all allow external sources (flags from external data need it), 60% contacts.
 * Prints borrowers/s, the ratio to the 10-minute target, flags raised by type, peak RSS (sampled every
 * 250 ms), CPU of node and of PostgreSQL, the wall time inside the facts query, the rules and the
 * writes; then the second run (nothing new raised) and EXPLAIN ANALYZE of one batch's facts query.
 * Results in bench/output/stale-scan-<borrowers>.json.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { StaleFactsRepository, type StaleFactsRow } from '../src/stale/stale-facts.repository.js';
import { StaleFlagRepository } from '../src/stale/stale-flag.repository.js';
import { StaleScanService } from '../src/stale/stale-scan.service.js';
import { StaleScanSettingsService } from '../src/stale/stale-scan-settings.service.js';
import { BENCH_KEYS, directorySize, formatBytes, numberFlag, parseFlags, postgresCpuSeconds, registerSources, startBenchService } from './harness.js';

const TARGET_SECONDS = 600;
const DATABASE = 'contact_recovery';
const OUTPUT_DIRECTORY = join(process.cwd(), 'bench', 'output');
const ECOMMERCE = { key: 'ecommerce-orders', system: 'other', kind: 'external', displayName: 'E-commerce orders (synthetic)' } as const;
const INVALID_OUTCOMES = ['disconnected', 'invalid_number', 'wrong_person'];

interface Timed {
  calls: number;
  milliseconds: number;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const borrowers = numberFlag(flags, 'borrowers', 1_000_000);
  const perBorrower = numberFlag(flags, 'observations-per-borrower', 10);
  const seed = numberFlag(flags, 'seed', 7);
  const keep = flags.has('keep');
  const randomIds = flags.has('random-ids');
  if (!Number.isInteger(borrowers) || borrowers < 1) throw new Error('--borrowers must be a positive integer');
  // Deliveries take version slots 2..5 (slot 6 is the order, 7..11 the bureau reports): at most 4 a borrower.
  if (!(perBorrower >= 9 && perBorrower <= 15)) throw new Error('--observations-per-borrower must be 9..15');

  // The project's config/stale-scan.json, with the nightly schedule moved out of the way (it must not fire during the bench).
  const root = mkdtempSync(join(tmpdir(), 'contact-recovery-bench-'));
  mkdirSync(join(root, 'config'), { recursive: true });
  const settingsFile = JSON.parse(readFileSync(join(process.cwd(), 'config', 'stale-scan.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(root, 'config', 'stale-scan.json'), JSON.stringify({ ...settingsFile, schedule: '0 2 1 1 *' }, null, 2));
  try {
    copyFileSync(join(process.cwd(), 'config', 'contact-rules.json'), join(root, 'config', 'contact-rules.json'));
  } catch {
    // defaults
  }

  let databaseUrl = '';
  const service = await startBenchService({
    directory: root,
    quiet: true,
    prepare: async (server) => {
      databaseUrl = server.urlFor(DATABASE);
    },
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  sampler.unref();
  try {
    await registerSources(service);
    const put = await service.http.send('PUT', `/v1/sources/${ECOMMERCE.key}`, BENCH_KEYS.admin, { system: ECOMMERCE.system, kind: ECOMMERCE.kind, displayName: ECOMMERCE.displayName });
    if (put.status !== 200 && put.status !== 201) throw new Error(`PUT /v1/sources/${ECOMMERCE.key}: ${put.status} ${put.body.slice(0, 300)}`);

    const now = new Date();
    console.log(`stale scan: ${borrowers} borrowers, ~${perBorrower} observations each, seed ${seed}, ${randomIds ? 'random ids' : 'time-ordered ids (UUID v7, as the service makes them)'}; load average ${loadavg().map((value) => value.toFixed(2)).join(' ')} (shared machine)`);
    const fill = await fillTables(databaseUrl, { borrowers, perBorrower, seed, now, randomIds });
    const stored = (await service.dataSource.query(
      `SELECT (SELECT count(*) FROM borrower)::int AS borrowers, (SELECT count(*) FROM person)::int AS persons, (SELECT count(*) FROM contact_point)::int AS contact_points,
              (SELECT count(*) FROM source_record)::int AS source_records, (SELECT count(*) FROM source_record_version)::int AS record_versions,
              (SELECT count(*) FROM observation)::int AS observations, (SELECT count(*) FROM contact_attempt)::int AS contact_attempts, (SELECT count(*) FROM consent)::int AS consents`,
    )) as Record<string, number>[];
    const [size] = (await service.dataSource.query('SELECT pg_database_size(current_database()) AS size')) as { size: string }[];
    console.log(`fill                    ${fill.seconds.toFixed(1)} s (${fill.steps.map((step) => `${step.step} ${step.seconds.toFixed(1)} s`).join(', ')})`);
    console.log(`stored                  ${Object.entries(stored[0]).map(([name, value]) => `${name} ${value}`).join(', ')}`);
    console.log(`PostgreSQL              database ${formatBytes(Number(size.size))}, data directory ${formatBytes(directorySize(service.postgresDirectory))}`);

    // Wall time inside the parts of a batch (instance methods wrapped; the service is not changed).
    const facts = service.app.get(StaleFactsRepository);
    const flagRepository = service.app.get(StaleFlagRepository);
    const scan = service.app.get(StaleScanService);
    const settings = service.app.get(StaleScanSettingsService);
    const timings: Record<string, Timed> = {};
    const wrap = <T extends object>(target: T, method: keyof T & string, label: string) => {
      const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
      (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await original(...args);
        } finally {
          const entry = (timings[label] ??= { calls: 0, milliseconds: 0 });
          entry.calls += 1;
          entry.milliseconds += performance.now() - started;
        }
      };
    };
    wrap(facts, 'batchFacts', 'facts query (read ahead, overlaps the rest)');
    wrap(flagRepository, 'openFor', 'open flags of the batch');
    wrap(flagRepository, 'raise', 'insert raised flags');
    wrap(flagRepository, 'close', 'close flags');
    wrap(flagRepository, 'refresh', 'refresh kept flags');
    wrap(scan, 'storeBatch', 'storeBatch (open flags + rules + commit)');

    const runs: Record<string, unknown>[] = [];
    for (const label of ['first scan', 'second scan (same data)']) {
      for (const key of Object.keys(timings)) delete timings[key];
      peakRss = process.memoryUsage().rss;
      const cpuBefore = process.cpuUsage();
      const postgresBefore = postgresCpuSeconds(service.postgresDirectory);
      const load = loadavg();
      const allByType = async () =>
        new Map(((await service.dataSource.query(`SELECT type, count(*)::int AS n FROM stale_flag GROUP BY type`)) as { type: string; n: number }[]).map((row) => [row.type, row.n]));
      const before = await allByType();
      const started = performance.now();
      let done = 0;
      let nextReport = 100_000;
      const id = await scan.create('bench');
      const run = await scan.run(id, {
        now,
        afterBatch: (outcome) => {
          done += outcome.borrowers;
          if (done >= nextReport || done === borrowers) {
            nextReport += 100_000;
            const seconds = (performance.now() - started) / 1000;
            console.log(`  ${label}: ${done} borrowers in ${seconds.toFixed(1)} s (${Math.round(done / seconds)} borrowers/s), RSS ${formatBytes(process.memoryUsage().rss)}`);
          }
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const postgresAfter = postgresCpuSeconds(service.postgresDirectory);
      const nodeSeconds = (cpu.user + cpu.system) / 1e6;
      const postgresSeconds = postgresBefore === undefined || postgresAfter === undefined ? undefined : postgresAfter - postgresBefore;
      const after = await allByType();
      const openByType = new Map(
        ((await service.dataSource.query(`SELECT type, count(*)::int AS n FROM stale_flag WHERE status = 'open' GROUP BY type`)) as { type: string; n: number }[]).map((row) => [row.type, row.n]),
      );
      // Flags are never deleted: what a type has more than before the run was raised by it.
      const byType = [...after.keys()].sort().map((type) => ({ type, raised_now: (after.get(type) ?? 0) - (before.get(type) ?? 0), open: openByType.get(type) ?? 0 }));
      const storeMs = timings['storeBatch (open flags + rules + commit)']?.milliseconds ?? 0;
      const flagMs = ['open flags of the batch', 'insert raised flags', 'close flags', 'refresh kept flags'].reduce((sum, key) => sum + (timings[key]?.milliseconds ?? 0), 0);
      const result = {
        label,
        state: run.state,
        error: run.error,
        counts: run.counts,
        progress: run.progress,
        seconds,
        borrowersPerSecond: borrowers / seconds,
        targetRatio: seconds / TARGET_SECONDS,
        peakRssBytes: peakRss,
        cpu: { nodeSeconds, postgresSeconds },
        loadAverageAtStart: load,
        openFlagsByType: byType,
        timings: Object.fromEntries(Object.entries(timings).map(([key, value]) => [key, { calls: value.calls, seconds: value.milliseconds / 1000 }])),
        rulesAndCommitRestSeconds: (storeMs - flagMs) / 1000,
      };
      runs.push(result);
      console.log(`\n=== ${label} ===`);
      console.log(`state                   ${run.state}${run.error ? ` (${run.error})` : ''}; counts ${JSON.stringify(run.counts)}`);
      console.log(`wall time               ${seconds.toFixed(1)} s = ${(seconds / 60).toFixed(2)} min; target 10 min: ${(seconds / TARGET_SECONDS).toFixed(2)}x the budget (${seconds <= TARGET_SECONDS ? 'within' : 'MISSED'})`);
      console.log(`throughput              ${Math.round(borrowers / seconds)} borrowers/s (target ${Math.round(1_000_000 / TARGET_SECONDS)}/s for 1M); batches of ${settings.batchSize}`);
      console.log(`flags raised            ${run.counts.raised ?? 0} (${byType.map((row) => `${row.type} ${row.raised_now}`).join(', ')}); closed ${run.counts.closed ?? 0}; open ${run.counts.open ?? ''} (${byType.map((row) => `${row.type} ${row.open}`).join(', ')})`);
      console.log(`peak RSS (this process) ${formatBytes(peakRss)}`);
      console.log(
        `CPU                     node ${nodeSeconds.toFixed(1)} s (${((100 * nodeSeconds) / seconds).toFixed(0)} % of a core), PostgreSQL ${postgresSeconds === undefined ? 'n/a' : `${postgresSeconds.toFixed(1)} s (${((100 * postgresSeconds) / seconds).toFixed(0)} % of a core)`}, of 2 cores; load average at start ${load.map((value) => value.toFixed(2)).join(' ')}`,
      );
      for (const [key, value] of Object.entries(timings)) console.log(`  ${key.padEnd(45)} ${(value.milliseconds / 1000).toFixed(1).padStart(7)} s wall in ${value.calls} calls`);
      console.log(`  ${'rules in TypeScript + commit (storeBatch rest)'.padEnd(45)} ${((storeMs - flagMs) / 1000).toFixed(1).padStart(7)} s wall`);
      if (label.startsWith('second')) console.log(`idempotency             ${(run.counts.raised ?? 0) === 0 ? 'nothing new raised' : `RAISED ${run.counts.raised} AGAIN`}, ${run.counts.closed ?? 0} closed`);
    }

    // Rules alone (one thread, no I/O) on a sample of batches, and EXPLAIN ANALYZE of one batch's facts query in the middle.
    const profile = await profileBatch(service.dataSource, facts, scan, settings, now, borrowers);
    console.log(`\n=== one batch of ${settings.batchSize}, in the middle of the keyset ===`);
    console.log(`facts query             ${profile.sqlMilliseconds.toFixed(0)} ms (${profile.rows} rows, ${formatBytes(profile.jsonBytes)} of JSON)`);
    console.log(`rules (assess only)     ${profile.rulesMilliseconds.toFixed(0)} ms`);
    console.log(`EXPLAIN (ANALYZE, BUFFERS):\n${profile.plan}`);

    const report = {
      borrowers,
      observationsPerBorrower: perBorrower,
      ids: randomIds ? 'random' : 'uuid-v7',
      seed,
      batchSize: settings.batchSize,
      loadAverageAtStart: loadavg(),
      fill,
      stored: stored[0],
      databaseBytes: Number(size.size),
      runs,
      profile,
    };
    mkdirSync(OUTPUT_DIRECTORY, { recursive: true });
    const file = join(OUTPUT_DIRECTORY, `stale-scan-${borrowers}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nfull report in ${file}`);
  } finally {
    clearInterval(sampler);
    await service.close();
    if (keep) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

async function profileBatch(
  dataSource: { query: (sql: string, parameters?: unknown[]) => Promise<unknown> },
  facts: StaleFactsRepository,
  scan: StaleScanService,
  settings: StaleScanSettingsService,
  now: Date,
  borrowers: number,
): Promise<{ sqlMilliseconds: number; rulesMilliseconds: number; rows: number; jsonBytes: number; plan: string }> {
  const offset = Math.max(0, Math.floor(borrowers / 2) - 1);
  const [middle] = (await dataSource.query(`SELECT id FROM borrower ORDER BY id OFFSET $1 LIMIT 1`, [offset])) as { id: string }[];
  const after = middle?.id ?? '00000000-0000-0000-0000-000000000000';
  const window = { from: new Date(now.getTime() - settings.rules.recentWindowDays * 86_400_000), to: now };
  let captured: { sql: string; parameters: unknown[] } | undefined;
  await facts.batchFacts(after, settings.batchSize, window, settings.rules.invalidOutcomes, {
    query: async (sql: string, parameters?: unknown[]) => {
      captured = { sql, parameters: parameters ?? [] };
      return [];
    },
  } as never);
  const started = performance.now();
  const rows = (await facts.batchFacts(after, settings.batchSize, window, settings.rules.invalidOutcomes)) as StaleFactsRow[];
  const sqlMilliseconds = performance.now() - started;
  const jsonBytes = Buffer.byteLength(JSON.stringify(rows));
  // The rules alone: storeBatch's decision loop, without its reads and writes.
  const { assessStaleness } = await import('../src/stale/staleness.js');
  const { staleFactsFromRow } = await import('../src/stale/stale-facts.js');
  void scan;
  const sourceRows = (await dataSource.query(`SELECT key, system, kind FROM source`)) as { key: string; system: never; kind: 'internal' | 'external' }[];
  const sources = new Map(sourceRows.map((row) => [row.key, row]));
  const rulesStarted = performance.now();
  for (const row of rows) assessStaleness(staleFactsFromRow(row), sources, settings.rules, now);
  const rulesMilliseconds = performance.now() - rulesStarted;
  let plan = '';
  if (captured) {
    const client = dataSource as unknown as { transaction: <T>(work: (manager: { query: (sql: string, parameters?: unknown[]) => Promise<unknown> }) => Promise<T>) => Promise<T> };
    const lines = await client.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      return (await manager.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured!.sql}`, captured!.parameters)) as { 'QUERY PLAN': string }[];
    });
    plan = lines.map((line) => line['QUERY PLAN']).join('\n');
  }
  return { sqlMilliseconds, rulesMilliseconds, rows: rows.length, jsonBytes, plan };
}

interface FillResult {
  seconds: number;
  steps: { step: string; seconds: number }[];
}

/**
 * Fills the service's tables on the server, set-based. A helper table (bench_borrower, dropped at
 * the end) holds each borrower's ids and buckets; two connections share the big inserts by parity.
 */
async function fillTables(url: string, options: { borrowers: number; perBorrower: number; seed: number; now: Date; randomIds: boolean }): Promise<FillResult> {
  const started = performance.now();
  const steps: { step: string; seconds: number }[] = [];
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  for (const client of clients) {
    await client.connect();
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET work_mem = '256MB'`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
  }
  const [first] = clients;
  let stepStarted = performance.now();
  const step = (name: string) => {
    const seconds = (performance.now() - stepStarted) / 1000;
    steps.push({ step: name, seconds });
    console.log(`  fill: ${name} ${seconds.toFixed(1)} s`);
    stepStarted = performance.now();
  };
  // Both halves (i % 2) at once, one per connection.
  const both = (sql: string, parameters: unknown[] = []) => Promise.all(clients.map((client, half) => client.query(sql.replaceAll('$HALF', String(half)), parameters)));
  const seed = options.seed;
  const now = options.now.toISOString();
  // Deliveries per borrower: (perBorrower - 7) / 2 on average (7 = application 5 + customer service 1 + order 1).
  const deliveries = (options.perBorrower - 7) / 2;
  const deliveriesLow = Math.floor(deliveries);
  const deliveriesHighShare = Math.round((deliveries - deliveriesLow) * 1000);
  const h = (salt: number) => `(abs(hashint8extended(i, ${seed * 1000 + salt})) % 10000)`;
  // Ids as the service makes them (timeOrderedId, UUID v7: creation milliseconds first), borrowers created in the order
  // of i over two years and their persons, points and records with them; --random-ids for random (v4-like) ids throughout.
  const stepMs = Math.max(1, Math.floor((730 * 86_400_000) / options.borrowers));
  const baseMs = options.now.getTime() - 760 * 86_400_000;
  const uuid = (tag: string) =>
    options.randomIds ? `md5('${tag}:${seed}:' || i)::uuid` : `bench_uuid7(${baseMs}::bigint + i::bigint * ${stepMs}, md5('${tag}:${seed}:' || i))`;

  await first.query(`DROP TABLE IF EXISTS bench_borrower`);
  await first.query(`
    CREATE OR REPLACE FUNCTION bench_uuid7(ms bigint, r text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT (substr(lpad(to_hex(ms), 12, '0'), 1, 8) || '-' || substr(lpad(to_hex(ms), 12, '0'), 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12))::uuid
    $$`);
  await first.query(`
    CREATE UNLOGGED TABLE bench_borrower AS
    SELECT i, ${uuid('b')} AS id, ${uuid('self')} AS self, ${uuid('c1')} AS c1, ${uuid('c2')} AS c2,
           ${uuid('p1')} AS p1, ${uuid('p2')} AS p2, ${uuid('p3')} AS p3, ${uuid('p4')} AS p4, ${uuid('p5')} AS p5, ${uuid('a1')} AS a1,
           ${uuid('r-app')} AS r_app, ${uuid('r-cs')} AS r_cs, ${uuid('r-log')} AS r_log, ${uuid('r-ec')} AS r_ec, ${uuid('r-cb')} AS r_cb,
           ${h(1)} < 9500 AS has_consent, ${h(2)} < 7000 AS ext, ${h(3)} < 6000 AS third_party,
           ${h(4)} < 600 AS changed, ${h(5)} < 1000 AS old_second, ${h(6)} < 800 AS invalid, ${h(7)} < 250 AS job_hopper,
           ${h(8)} AS u, ${h(9)} AS v, ${h(10)} AS w,
           CASE WHEN ${h(4)} < 600 THEN 3 ELSE ${deliveriesLow} + CASE WHEN ${h(11)} % 1000 < ${deliveriesHighShare} THEN 1 ELSE 0 END END AS deliveries
    FROM generate_series(1, $1::int) i`, [options.borrowers]);
  // The application: 30..760 days ago (a contact_changed borrower applied over 120 days ago).
  await first.query(`ALTER TABLE bench_borrower ADD COLUMN app_days int`);
  await first.query(`UPDATE bench_borrower SET app_days = CASE WHEN changed THEN 120 + u % 600 ELSE 30 + u % 731 END`);
  await first.query(`ALTER TABLE bench_borrower ADD PRIMARY KEY (i)`);
  await first.query(`ANALYZE bench_borrower`);
  step('borrower plan');

  await first.query(
    `INSERT INTO ingest_batch (id, source_key, actor_id, received_at, record_count, accepted, duplicates, rejected)
     SELECT md5('batch:' || key)::uuid, key, 'bench', $1::timestamptz, 0, 0, 0, 0 FROM source`,
    [now],
  );
  await both(`INSERT INTO borrower (id, ref, created_at) SELECT id, 'B' || lpad(i::text, 9, '0'), $1::timestamptz - app_days * interval '1 day' FROM bench_borrower WHERE i % 2 = $HALF`, [now]);
  await both(
    `INSERT INTO person (id, kind, name, created_at) SELECT x, 'individual', n, $1::timestamptz FROM bench_borrower,
       LATERAL (VALUES (self, '借款人' || i), (c1, '联系人甲' || i), (c2, '联系人乙' || i)) v(x, n) WHERE i % 2 = $HALF`,
    [now],
  );
  await both(
    `INSERT INTO borrower_person (borrower_id, person_id, relation, relation_labels, first_seen_at, last_seen_at)
     SELECT id, x, r, '{}'::text[], $1::timestamptz - app_days * interval '1 day', $1::timestamptz FROM bench_borrower,
       LATERAL (VALUES (self, 'self'), (c1, 'friend'), (c2, 'colleague')) v(x, r) WHERE i % 2 = $HALF`,
    [now],
  );
  await both(
    `INSERT INTO contact_point (id, kind, value_key, e164, subtype, first_seen_at, last_seen_at)
     SELECT x, CASE WHEN k = 6 THEN 'address' ELSE 'phone' END,
            CASE WHEN k = 6 THEN 'addr:' || i WHEN k = 3 THEN '+86755' || lpad(i::text, 8, '0') ELSE '+861' || (30 + k * 10 + i % 7) || lpad(i::text, 8, '0') END,
            CASE WHEN k = 6 THEN NULL WHEN k = 3 THEN '+86755' || lpad(i::text, 8, '0') ELSE '+861' || (30 + k * 10 + i % 7) || lpad(i::text, 8, '0') END,
            CASE WHEN k = 6 THEN 'home' WHEN k = 3 THEN 'landline' ELSE 'mobile' END,
            $1::timestamptz - app_days * interval '1 day', $1::timestamptz
     FROM bench_borrower, LATERAL (VALUES (p1, 1), (p2, 2), (p3, 3), (p4, 4), (p5, 5), (a1, 6)) v(x, k) WHERE i % 2 = $HALF`,
    [now],
  );
  await both(
    `INSERT INTO person_contact_point (person_id, contact_point_id, first_seen_at, last_seen_at)
     SELECT person, point, $1::timestamptz - app_days * interval '1 day', $1::timestamptz FROM bench_borrower,
       LATERAL (VALUES (self, p1), (self, p2), (self, p3), (self, a1), (c1, p4), (c2, p5)) v(person, point) WHERE i % 2 = $HALF`,
    [now],
  );
  step('borrowers, persons, links, contact points');

  // Source records: one per borrower and source; versions with explicit ids i * 16 + slot (observations point at them).
  await both(
    `INSERT INTO source_record (id, source_key, source_record_id, borrower_ref, current_version, content_hash, first_received_at, last_received_at)
     SELECT r, s, p || lpad(i::text, 9, '0'), 'B' || lpad(i::text, 9, '0'), n, md5(r::text) || md5(s), $1::timestamptz, $1::timestamptz
     FROM bench_borrower, LATERAL (VALUES (r_app, 'loan-application', 'LA', 1), (r_cs, 'customer-service', 'CS', 1), (r_log, 'logistics', 'LG', deliveries),
                                          (r_ec, '${ECOMMERCE.key}', 'EC', 1), (r_cb, 'credit-bureau', 'CB', CASE WHEN job_hopper THEN 5 ELSE 1 + v % 2 END)) x(r, s, p, n)
     WHERE i % 2 = $HALF`,
    [now],
  );
  // A version plan: (slot, record, source, version, days ago, employer) per borrower.
  await first.query(`DROP TABLE IF EXISTS bench_version`);
  await first.query(
    `CREATE UNLOGGED TABLE bench_version AS
     SELECT b.i, b.i * 16 + slot AS id, slot, record, source_key, version, days, employer
     FROM bench_borrower b, LATERAL (
       SELECT 0 AS slot, b.r_app AS record, 'loan-application' AS source_key, 1 AS version, b.app_days AS days, '公司' || (b.u % 5000) AS employer
       UNION ALL SELECT 1, b.r_cs, 'customer-service', 1,
              CASE WHEN b.old_second THEN 400 + b.w % 300 WHEN b.changed THEN 100 + b.w % 300 ELSE b.w % 730 END, NULL
       UNION ALL SELECT 2 + d, b.r_log, 'logistics', d + 1,
              CASE WHEN b.changed THEN 3 + (b.w * (d + 1) + d * 37) % 80 ELSE (b.v * (d + 3) + d * 211) % 730 END, NULL
         FROM generate_series(0, b.deliveries - 1) d
       UNION ALL SELECT 6, b.r_ec, '${ECOMMERCE.key}', 1, CASE WHEN b.changed THEN 10 + b.v % 70 ELSE 30 + b.v % 400 END, NULL
       UNION ALL SELECT 7 + e, b.r_cb, 'credit-bureau', e + 1,
              CASE WHEN b.job_hopper THEN 340 - e * 75 ELSE 500 - e * (200 + b.w % 250) END,
              CASE WHEN b.job_hopper THEN '公司' || ((b.u + e * 13) % 5000) WHEN e = 1 AND b.w % 10 < 3 THEN '公司' || ((b.u + 1) % 5000) ELSE '公司' || (b.u % 5000) END
         FROM generate_series(0, CASE WHEN b.job_hopper THEN 4 ELSE b.v % 2 END) e
     ) x`,
  );
  await first.query(`ANALYZE bench_version`);
  await both(
    `INSERT INTO source_record_version (id, source_record_uuid, version, content_hash, observed_at, received_at, batch_id, borrower_id, person_id, payload)
     SELECT v.id, v.record, v.version, md5(v.id::text) || md5(v.record::text), $1::timestamptz - v.days * interval '1 day' - (b.u % 86400) * interval '1 second',
            $1::timestamptz - v.days * interval '1 day', md5('batch:' || v.source_key)::uuid, b.id, b.self,
            CASE WHEN v.employer IS NULL THEN jsonb_build_object('subject', jsonb_build_object('role', 'borrower'))
                 ELSE jsonb_build_object('subject', jsonb_build_object('role', 'borrower'), 'employer', jsonb_build_object('name', v.employer)) END
     FROM bench_version v JOIN bench_borrower b USING (i) WHERE v.i % 2 = $HALF`,
    [now],
  );
  await first.query(`SELECT setval(pg_get_serial_sequence('source_record_version', 'id'), (SELECT max(id) FROM source_record_version))`);
  step('source records and versions');

  // Observations: the application (p1, p3, the address, the contacts' phones), customer service (p1, or p2), each delivery
  // (phone + address), the order (phone); a contact_changed borrower's deliveries and order name p2.
  await both(
    `INSERT INTO observation (source_record_version_id, source_key, field, position, part, raw, contact_point_id, borrower_id, person_id, observed_at)
     SELECT v.id, v.source_key, o.field, o.position, 0, o.raw, o.point, b.id, o.person, $1::timestamptz - v.days * interval '1 day' - (b.u % 86400) * interval '1 second'
     FROM bench_version v JOIN bench_borrower b USING (i),
     LATERAL (
       SELECT * FROM (VALUES ('phone', 0, b.p1, b.self, '138 ' || b.i), ('phone', 1, b.p3, b.self, '0755-' || b.i), ('address', 0, b.a1, b.self, '广东省深圳市南山区' || b.i || '号'),
                             ('phone', 2, b.p4, b.c1, '139' || b.i), ('phone', 3, b.p5, b.c2, '137' || b.i)) a(field, position, point, person, raw) WHERE v.slot = 0
       UNION ALL SELECT 'phone', 0, CASE WHEN b.old_second OR b.changed THEN b.p2 ELSE b.p1 END, b.self, '1' || b.i WHERE v.slot = 1
       UNION ALL SELECT * FROM (VALUES ('phone', 0, CASE WHEN b.changed OR (b.w + v.version * 7) % 100 < 15 THEN b.p2 ELSE b.p1 END, b.self, '1' || b.i),
                                       ('address', 0, b.a1, b.self, '深圳南山' || b.i)) d(field, position, point, person, raw) WHERE v.source_key = 'logistics'
       UNION ALL SELECT 'phone', 0, CASE WHEN b.changed THEN b.p2 ELSE b.p1 END, b.self, '+86 1' || b.i WHERE v.source_key = '${ECOMMERCE.key}'
     ) o
     WHERE v.i % 2 = $HALF`,
    [now],
  );
  step('observations');

  // Calls: an answered or unanswered call on p1 for most; an invalid outcome (no answer since) on p1 or p2 for ~8%;
  // a contact_changed borrower's p1 was last answered before the window; some calls reach a contact.
  await both(
    `INSERT INTO contact_attempt (id, borrower_id, contact_point_id, contacted_person_id, outcome, attempted_at, recorded_at, recorded_by)
     SELECT md5('attempt:' || b.i || ':' || k)::uuid, b.id, a.point, a.person, a.outcome, $1::timestamptz - a.days * interval '1 day', $1::timestamptz, 'bench'
     FROM bench_borrower b, LATERAL (VALUES
       (1, b.p1, NULL::uuid, CASE WHEN b.v % 4 = 0 THEN 'no_answer' ELSE 'answered' END, CASE WHEN b.changed THEN 120 + b.w % 200 ELSE 5 + b.w % 400 END, true),
       (2, CASE WHEN b.u % 2 = 0 THEN b.p1 ELSE b.p2 END, NULL::uuid, (ARRAY['disconnected', 'invalid_number', 'wrong_person'])[1 + b.v % 3], 1 + b.u % 60, b.invalid),
       (3, b.p4, b.c1, 'answered', 10 + b.w % 300, b.u % 10 = 0)
     ) a(k, point, person, outcome, days, present)
     WHERE a.present AND b.i % 2 = $HALF`,
    [now],
  );
  await both(
    `INSERT INTO consent (borrower_id, external_sources, third_party_contact, evidence_ref, granted_at, recorded_at, recorded_by)
     SELECT id, ext, third_party, 'contract:' || i, $1::timestamptz - app_days * interval '1 day', $1::timestamptz, 'bench' FROM bench_borrower WHERE has_consent AND i % 2 = $HALF`,
    [now],
  );
  step('contact attempts, consents');
  await first.query(`DROP TABLE bench_version`);
  await first.query(`DROP TABLE bench_borrower`);
  await first.query(`DROP FUNCTION bench_uuid7(bigint, text)`);
  // A database after its nightly maintenance: visibility map set, statistics current.
  await Promise.all([
    first.query(`VACUUM (ANALYZE) observation`),
    (async () => {
      for (const table of ['source_record_version', 'source_record', 'contact_attempt', 'consent', 'contact_point', 'person_contact_point', 'borrower_person', 'person', 'borrower']) {
        await clients[1].query(`VACUUM (ANALYZE) ${table}`);
      }
    })(),
  ]);
  await first.query('CHECKPOINT');
  step('vacuum analyze, checkpoint');
  for (const client of clients) await client.end();
  return { seconds: (performance.now() - started) / 1000, steps };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
