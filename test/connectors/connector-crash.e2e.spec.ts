import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LENDER_MAPPING, type LenderRow, lenderRows, postgresLenderDatabase } from '../support/lender-tables.js';
import { aServiceHome, cleanUpServiceProcesses, type ServiceHome, type ServiceProcess, startServiceProcess, stopServiceProcess } from '../support/service-process.js';

// Issue 12: nothing lost, nothing twice. The service (API and worker in one process, its own embedded
// PostgreSQL, the in-process queue) is killed with -9 in the middle of a database connector run and
// started again on the same data directory: the run resumes from its last committed batch, and the
// end state equals that of an uninterrupted run of the same rows in a fresh service.
//
// The lender's database lives on the test PostgreSQL server, outside the child's process group, so it
// survives the kill as a lender's system would.

const TOTAL_ROWS = 6_000;
const BATCH_SIZE = 250;
const KILL_AFTER_READ = 1_500;

let lender: Awaited<ReturnType<typeof postgresLenderDatabase>>;
let rows: LenderRow[];

beforeAll(async () => {
  lender = await postgresLenderDatabase();
  rows = lenderRows(TOTAL_ROWS, { invalidEvery: 97 });
  await lender.insert(rows);
});

afterAll(async () => {
  await cleanUpServiceProcesses();
  await lender?.drop();
});

/** The service with the connector's secret, by the name its definition gives (database.urlEnv). */
function start(home: ServiceHome): Promise<ServiceProcess> {
  return startServiceProcess(home, {
    APPROVAL_DATABASE_URL: lender.url,
    CONNECTOR_BATCH_SIZE: String(BATCH_SIZE),
    // Owed outbox rows are looked for often, so the resumed run is handed over soon after the start.
    OUTBOX_POLL_MS: '200',
  });
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Polls `probe` until `done` holds of its value; fails with the last value after `timeoutMilliseconds`. */
async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMilliseconds: number, pollMilliseconds = 100): Promise<T> {
  const deadline = Date.now() + timeoutMilliseconds;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: gave up after ${timeoutMilliseconds} ms; last seen ${JSON.stringify(value)}`);
    await sleep(pollMilliseconds);
  }
}

const APPROVAL_CONNECTOR = {
  source: 'loan-application',
  kind: 'database',
  database: {
    urlEnv: 'APPROVAL_DATABASE_URL',
    query: 'SELECT * FROM v_contacts WHERE gmt_modified > :cursor ORDER BY gmt_modified, id',
    cursor: { column: 'gmt_modified', initial: '1970-01-01' },
  },
  mapping: LENDER_MAPPING,
};

async function declareAndStartRun(service: ServiceProcess): Promise<string> {
  expect((await service.call('PUT', '/v1/connectors/approval', 'admin', APPROVAL_CONNECTOR)).status).toBe(201);
  const accepted = await service.call('POST', '/v1/connectors/approval/runs', 'admin');
  expect(accepted).toMatchObject({ status: 202, body: { created: true } });
  return accepted.body.id as string;
}

const getRun = async (service: ServiceProcess, id: string) => (await service.call('GET', `/v1/connectors/approval/runs/${id}`, 'admin')).body;

async function settled(service: ServiceProcess, runId: string): Promise<any> {
  const run = await until('the run finishes', () => getRun(service, runId), (value) => value?.state === 'completed' || value?.state === 'failed', 120_000);
  // The batches' deferred work (contact point sharing, match candidates) done, and the run's job settled.
  const status = await until('the deferred work is done', async () => (await service.call('GET', '/v1/pipeline/status', 'platform')).body, (value) => value?.pending === 0, 60_000);
  expect(status).toMatchObject({ pending: 0, failed: 0, queue: 'in-process' });
  return run;
}

/**
 * Every table of the service's database is counted, and none is left out of the comparison: even
 * the tables one might expect to differ after a crash must not.
 * - audit_event: the ingest.batch event is written in the batch's transaction, so a batch killed
 *   before its commit leaves none; starting the service again audits nothing (config sources unchanged).
 * - ingest_batch, quarantined_record: in the batch's transaction as well; and a batch is the rows after
 *   the previous checkpoint up to the tie group that crosses the batch size, so a run resumed from its
 *   last committed checkpoint cuts exactly the batches an uninterrupted run cuts.
 * - outbox: one row per job, written in the transaction that owes it (a batch's deferred work, the
 *   run's job); a job handed over again after the restart reuses its row; done rows are only deleted
 *   days later.
 * - connector_run: one row; the killed run is resumed under its id, never started anew.
 * What does depend on the wall clock or on generated ids (uuids, bigserial ids, received_at,
 * created_at, queued_at, audit targets naming batch ids, outbox payloads naming contact point ids)
 * is left out of the fingerprints below, not out of the counts.
 */
/** Fingerprints of the data tables that depend on neither generated ids nor the wall clock. */
const FINGERPRINTS: Record<string, string> = {
  source_record: `SELECT concat_ws('|', r.source_key, r.source_record_id, r.borrower_ref, r.content_hash, r.current_version,
      (SELECT count(*) FROM source_record_version v WHERE v.source_record_uuid = r.id)) AS line FROM source_record r`,
  source_record_version: `SELECT concat_ws('|', r.source_key, r.source_record_id, v.version, v.content_hash, v.observed_at, b.ref, p.kind, p.name, md5(v.payload::text)) AS line
    FROM source_record_version v JOIN source_record r ON r.id = v.source_record_uuid JOIN borrower b ON b.id = v.borrower_id JOIN person p ON p.id = v.person_id`,
  observation: `SELECT concat_ws('|', r.source_record_id, o.source_key, o.field, o.position, o.part, o.raw, coalesce(c.value_key, '-'), coalesce(o.error, '-'), b.ref, p.name, o.observed_at) AS line
    FROM observation o JOIN source_record_version v ON v.id = o.source_record_version_id JOIN source_record r ON r.id = v.source_record_uuid
    JOIN borrower b ON b.id = o.borrower_id JOIN person p ON p.id = o.person_id LEFT JOIN contact_point c ON c.id = o.contact_point_id`,
  // The counts are the sharing job's work: one lost or run twice shows here.
  contact_point: `SELECT concat_ws('|', c.kind, c.value_key, c.e164, c.extension, c.subtype, c.carrier_group, c.address::text, c.district_code,
      c.merged_into_id IS NULL, c.borrower_count, c.source_count, c.first_seen_at, c.last_seen_at) AS line FROM contact_point c`,
  contact_point_block: `SELECT concat_ws('|', k.block_key, c.value_key) AS line FROM contact_point_block k JOIN contact_point c ON c.id = k.contact_point_id`,
  estate_location: `SELECT concat_ws('|', district_code, community, road, road_number) AS line FROM estate_location`,
  borrower: `SELECT ref AS line FROM borrower`,
  person: `SELECT concat_ws('|', p.kind, p.name, p.normalized_name, p.name_key, p.merged_into_id IS NULL,
      (SELECT string_agg(b.ref || ':' || bp.relation, ',' ORDER BY b.ref) FROM borrower_person bp JOIN borrower b ON b.id = bp.borrower_id WHERE bp.person_id = p.id)) AS line FROM person p`,
  borrower_person: `SELECT concat_ws('|', b.ref, p.kind, p.name, bp.relation, bp.relation_labels::text, bp.first_seen_at, bp.last_seen_at) AS line
    FROM borrower_person bp JOIN borrower b ON b.id = bp.borrower_id JOIN person p ON p.id = bp.person_id`,
  person_contact_point: `SELECT concat_ws('|', p.kind, p.name, c.value_key, pc.first_seen_at, pc.last_seen_at) AS line
    FROM person_contact_point pc JOIN person p ON p.id = pc.person_id JOIN contact_point c ON c.id = pc.contact_point_id`,
  quarantined_record: `SELECT concat_ws('|', source_key, source_record_id, batch_index, errors::text, md5(payload::text)) AS line FROM quarantined_record`,
  // A batch is the rows after the previous checkpoint up to the tie group that crosses the batch size,
  // so a run resumed from its last committed checkpoint cuts the same batches as an uninterrupted one.
  ingest_batch: `SELECT concat_ws('|', source_key, actor_id, record_count, accepted, duplicates, rejected) AS line FROM ingest_batch`,
  match_suggestion: `SELECT concat_ws('|', kind, status, score, fields::text) AS line FROM match_suggestion`,
  // The batch's audit event carries its counts; its target is the batch's generated id, left out.
  audit_event: `SELECT concat_ws('|', actor_id, actor_role, action, target_type, details::text) AS line FROM audit_event WHERE action = 'ingest.batch'`,
  outbox: `SELECT concat_ws('|', job_name, dispatched_at IS NOT NULL, done_at IS NOT NULL, failed_at IS NULL) AS line FROM outbox`,
  connector: `SELECT concat_ws('|', key, source_key, kind, declared_in, checkpoint::text) AS line FROM connector`,
};

interface DatabaseState {
  counts: Map<string, number>;
  fingerprints: Map<string, string[]>;
}

async function databaseState(url: string): Promise<DatabaseState> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const counts = new Map<string, number>();
    for (const { name } of tables.rows) {
      const [row] = (await client.query<{ count: string }>(`SELECT count(*) FROM "${name}"`)).rows;
      counts.set(name, Number(row.count));
    }
    const fingerprints = new Map<string, string[]>();
    for (const [table, sql] of Object.entries(FINGERPRINTS)) {
      const result = await client.query<{ line: string }>(`SELECT line FROM (${sql}) lines ORDER BY line COLLATE "C"`);
      fingerprints.set(table, result.rows.map((row) => row.line));
    }
    return { counts, fingerprints };
  } finally {
    await client.end();
  }
}

/** The lines one multiset has and the other lacks (a few of each), for a readable failure. */
function difference(actual: string[], expected: string[]): { missing: string[]; extra: string[] } {
  const remaining = new Map<string, number>();
  for (const line of expected) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const extra: string[] = [];
  for (const line of actual) {
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else extra.push(line);
  }
  const missing = [...remaining].flatMap(([line, times]) => Array<string>(times).fill(line));
  return { missing: missing.slice(0, 5), extra: extra.slice(0, 5) };
}

describe('a connector run killed (-9) in the middle', () => {
  it('resumes from its last committed batch and ends with what an uninterrupted run stores', async () => {
    const invalid = rows.filter((row) => row.customer_no === '').length;
    const valid = TOTAL_ROWS - invalid;
    expect(invalid).toBeGreaterThan(0);

    // Two services: A is killed part-way through its run and started again on the same data directory;
    // B, the reference, runs the same rows uninterrupted. They start and run side by side (B's run
    // does not depend on A's, and most of the test's time is waiting for starts and runs).
    const crashed = await aServiceHome();
    const [first, reference] = await Promise.all([start(crashed), start(await aServiceHome())]);
    const referenceRunId = await declareAndStartRun(reference);
    const referenceRun = settled(reference, referenceRunId);
    referenceRun.catch(() => undefined);

    const runId = await declareAndStartRun(first);
    const atKill = await until(
      'the run reads past the kill point',
      () => getRun(first, runId),
      (run) => run?.state === 'failed' || run?.state === 'completed' || run?.read >= KILL_AFTER_READ,
      60_000,
      20,
    );
    await stopServiceProcess(first.child, 'SIGKILL');
    // Killed in the middle: some batches committed, the rest still to read.
    expect(atKill).toMatchObject({ state: 'running' });
    expect(atKill.read).toBeGreaterThanOrEqual(KILL_AFTER_READ);
    expect(atKill.read).toBeLessThan(TOTAL_ROWS);

    const second = await start(crashed);
    const afterRestart = await getRun(second, runId);
    // What the killed process committed is there (a commit may have landed between the last poll and the kill).
    expect(afterRestart.read).toBeGreaterThanOrEqual(atKill.read);
    expect(afterRestart.read).toBeLessThan(TOTAL_ROWS);
    // The committed counters and checkpoint agree: the checkpoint is the last row counted as read.
    expect(afterRestart.cursor).toEqual({ kind: 'database', cursor: rows[afterRestart.read - 1].gmt_modified });
    // The same run is handed over again and resumes; no second run is created.
    const resumed = await settled(second, runId);
    const runsA = (await second.call('GET', '/v1/connectors/approval/runs?limit=10', 'admin')).body;
    expect(runsA.map((run: { id: string }) => run.id)).toEqual([runId]);
    const uninterrupted = await referenceRun;

    {
      // The run's counters commit with each batch and its checkpoint, so a batch read but not
      // committed before the kill is counted once, when it is read again and committed.
      const expectedRun = { state: 'completed', read: TOTAL_ROWS, accepted: valid, duplicates: 0, rejected: invalid };
      expect(uninterrupted).toMatchObject(expectedRun);
      expect(resumed).toMatchObject(expectedRun);
      expect(resumed.cursor).toEqual({ kind: 'database', cursor: rows.at(-1)!.gmt_modified });
      expect(resumed.cursor).toEqual(uninterrupted.cursor);

      const [a, b] = await Promise.all([databaseState(second.databaseUrl), databaseState(reference.databaseUrl)]);

      // Nothing lost, nothing twice: every valid row stored once, every invalid one quarantined once.
      const sourceRecords = a.fingerprints.get('source_record')!;
      expect(sourceRecords).toHaveLength(valid);
      expect(new Set(sourceRecords.map((line) => line.split('|')[1])).size).toBe(valid);
      expect(sourceRecords.every((line) => line.endsWith('|1|1'))).toBe(true);
      const validIds = rows.filter((row) => row.customer_no !== '').map((row) => String(row.id));
      expect(sourceRecords.map((line) => line.split('|')[1]).sort()).toEqual(validIds.sort());
      expect(a.counts.get('source_record_version')).toBe(valid);
      const quarantined = a.fingerprints.get('quarantined_record')!;
      expect(quarantined).toHaveLength(invalid);
      const invalidIds = rows.filter((row) => row.customer_no === '').map((row) => String(row.id));
      expect(quarantined.map((line) => line.split('|')[1]).sort()).toEqual(invalidIds.sort());

      // Every table as often as in the uninterrupted run.
      expect(a.counts.size).toBeGreaterThan(20);
      expect(Object.fromEntries(a.counts)).toEqual(Object.fromEntries(b.counts));
      for (const table of Object.keys(FINGERPRINTS)) {
        const [lineA, lineB] = [a.fingerprints.get(table)!, b.fingerprints.get(table)!];
        expect({ table, lines: lineA.length, ...difference(lineA, lineB) }).toEqual({ table, lines: lineB.length, missing: [], extra: [] });
      }
    }
    // Gracefully; on a failure above, afterAll kills both.
    await Promise.all([stopServiceProcess(second.child, 'SIGTERM'), stopServiceProcess(reference.child, 'SIGTERM')]);
  }, 240_000);
});
