import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { MetricsServer } from '../src/metrics/metrics-server.service.js';
import { MetricsService } from '../src/metrics/metrics.service.js';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { QUEUE_NAMES } from '../src/queue/job-definitions.js';
import { LENDER_MAPPING, lenderRows } from './support/lender-tables.js';
import { parsePrometheusText, type Sample, sampleValue, samples } from './support/prometheus-text.js';
import { aMobile, aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, TEST_KEYS, type TestApplication } from './support/test-application.js';
import { createTestDatabase } from './support/test-database.js';

// Issue 13, monitoring: GET /metrics on a listener of its own, behind a bearer token, with the series a
// collection manager and an operator watch, and no personal data in any label.

const TOKEN = 'metrics-scrape-token-0123456789';
const CACHE_SECONDS = 1;
const drops = mkdtempSync(join(tmpdir(), 'contact-recovery-metrics-drops-'));
let context: TestApplication;
let metricsUrl: string;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();
const waitOutCache = () => new Promise((resolve) => setTimeout(resolve, CACHE_SECONDS * 1000 + 150));

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const response = await fetch(metricsUrl, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return { text, samples: parsePrometheusText(text) };
}

const ingest = (records: unknown[]) =>
  request(context.http).post('/v1/sources/metrics-crm/records').set('Authorization', bearer('platform')).send({ records }).expect(200);

beforeAll(async () => {
  context = await createTestApplication({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN, METRICS_CACHE_SECONDS: String(CACHE_SECONDS), CONNECTOR_FILE_ROOTS: drops });
  metricsUrl = `http://127.0.0.1:${context.app.get(MetricsServer).address().port}/metrics`;
  await request(context.http).put('/v1/sources/metrics-crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
});
afterAll(async () => {
  await context?.close();
  rmSync(drops, { recursive: true, force: true });
});

describe('the metrics listener', () => {
  it('listens on loopback only by default', () => {
    expect(context.app.get(MetricsServer).address().address).toBe('127.0.0.1');
  });

  it('refuses a scrape without the token, or with another one', async () => {
    const none = await fetch(metricsUrl);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toMatch(/contact_recovery_/);
    expect((await fetch(metricsUrl, { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { Authorization: TOKEN } })).status).toBe(401);
  });

  it('serves /metrics and nothing else, and only to GET and HEAD', async () => {
    const headers = { Authorization: `Bearer ${TOKEN}` };
    expect((await fetch(metricsUrl.replace('/metrics', '/health'), { headers })).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST', headers })).status).toBe(405);
    expect((await fetch(metricsUrl, { method: 'HEAD', headers })).status).toBe(200);
  });

  it('is not served on the API port', async () => {
    await request(context.http).get('/metrics').set('Authorization', bearer('admin')).expect(404);
  });

  it('has the default process metrics, labelled with the process role', async () => {
    const { samples: all } = await scrape();
    expect(sampleValue(all, 'process_cpu_user_seconds_total', { process_role: 'all' })).toBeGreaterThan(0);
    expect(sampleValue(all, 'nodejs_heap_size_used_bytes', { process_role: 'all' })).toBeGreaterThan(0);
    expect(all.filter((sample) => sample.labels.process_role !== 'all')).toEqual([]);
  });
});

describe('ingest, HTTP and job series', () => {
  const refs = ['MX-B-0001', 'MX-B-0002', 'MX-B-0003'];
  const records = refs.map((ref, index) => aSourceRecord({ sourceRecordId: `mx-${index}`, borrower: { ref, name: '赵六' }, phones: [aMobile(770_001 + index)] }));
  let before: Sample[];
  let after: { text: string; samples: Sample[] };
  /** How much a series grew over this block's requests (a missing series counts as 0). */
  const growth = (name: string, labels: Record<string, string>) => (sampleValue(after.samples, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);

  beforeAll(async () => {
    before = (await scrape()).samples;
    expect(sampleValue(before, 'contact_recovery_ingest_records_total', { source: 'metrics-crm' })).toBeUndefined();
    const first = await ingest([...records, { ...aSourceRecord(), borrower: { name: '王五' } }, 'not a record']);
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0 });
    const second = await ingest(records.slice(0, 2));
    expect(second.body).toMatchObject({ accepted: 0, duplicates: 2 });
    for (let index = 0; index < 2; index += 1) {
      await request(context.http).get(`/v1/borrowers/${refs[0]}/contact-plan`).set('Authorization', bearer('platform')).expect(200);
    }
    await request(context.http).get(`/v1/borrowers/${refs[1]}/contact-plan`).expect(401);
    await request(context.http).get(`/v1/no-such-route/${refs[2]}`).set('Authorization', bearer('admin')).expect(404);
    await idle();
    after = await scrape();
  });

  it('counts ingested records per source and outcome, exactly', () => {
    const count = (outcome: string) => sampleValue(after.samples, 'contact_recovery_ingest_records_total', { source: 'metrics-crm', outcome });
    expect([count('accepted'), count('duplicate'), count('rejected')]).toEqual([3, 2, 2]);
  });

  it('times requests per route pattern and status class, never per raw path', () => {
    const route = '/v1/borrowers/:ref/contact-plan';
    const histogram = 'contact_recovery_http_request_duration_seconds_count';
    expect(growth(histogram, { method: 'GET', route, status_class: '2xx' })).toBe(2);
    expect(growth(histogram, { method: 'GET', route, status_class: '4xx' })).toBe(1);
    expect(growth(histogram, { method: 'POST', route: '/v1/sources/:key/records', status_class: '2xx' })).toBe(2);
    expect(growth(histogram, { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    const buckets = samples(after.samples, 'contact_recovery_http_request_duration_seconds_bucket', { method: 'GET', route, status_class: '2xx' });
    expect(buckets.find((bucket) => bucket.labels.le === '+Inf')?.value).toBe(2);
    const routes = new Set(samples(after.samples, histogram).map((sample) => sample.labels.route));
    for (const label of routes) expect(label === 'unmatched' || label.startsWith('/')).toBe(true);
  });

  it('times jobs per queue, job and outcome', () => {
    const completed = sampleValue(after.samples, 'contact_recovery_job_duration_seconds_count', { queue: 'matching', job_name: 'matching.refresh-contact-point-sharing', outcome: 'completed' });
    expect(completed).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after.samples, 'contact_recovery_job_duration_seconds_count', { outcome: 'failed' })).toBeUndefined();
  });

  it('reads queue depth per queue and state at scrape', () => {
    for (const queue of QUEUE_NAMES) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(sampleValue(after.samples, 'contact_recovery_queue_jobs', { queue, state }), `${queue} ${state}`).toBe(0);
      }
    }
  });

  it('puts no personal data in any label: no borrower ref, phone, name or record id', () => {
    const phones = records.flatMap((record) => record.phones ?? []);
    for (const secret of [...refs, ...phones, ...phones.map((phone) => phone.slice(-8)), '赵六', '王五', 'mx-0']) {
      expect(after.text, secret).not.toContain(secret);
    }
    const labelValues = after.samples.flatMap((sample) => Object.values(sample.labels));
    expect(labelValues.filter((value) => /\d{7,}/.test(value))).toEqual([]);
  });
});

describe('connector series', () => {
  it('counts a run by its final state and the rows it read', async () => {
    const rows = lenderRows(6, { prefix: 'MXC' });
    const lines = rows.map((row) => JSON.stringify(row));
    lines.splice(2, 0, '{"id": 77, "customer_no": ');
    writeFileSync(join(drops, 'partner.ndjson'), `${lines.join('\n')}\n`);
    await request(context.http)
      .put('/v1/connectors/metrics-drop')
      .set('Authorization', bearer('admin'))
      .send({ source: 'telemarketing', kind: 'file', file: { directory: drops, pattern: '*.ndjson', format: 'ndjson' }, mapping: LENDER_MAPPING })
      .expect(201);
    const accepted = await request(context.http).post('/v1/connectors/metrics-drop/runs').set('Authorization', bearer('admin')).expect(202);
    let run: { state: string } = { state: 'queued' };
    for (let tries = 0; tries < 200 && run.state !== 'completed' && run.state !== 'failed'; tries += 1) {
      await idle();
      run = (await request(context.http).get(`/v1/connectors/metrics-drop/runs/${accepted.body.id}`).set('Authorization', bearer('admin')).expect(200)).body;
    }
    expect(run).toMatchObject({ state: 'completed', read: 7, accepted: 6, rejected: 1 });
    await idle();

    const { text, samples: all } = await scrape();
    expect(sampleValue(all, 'contact_recovery_connector_runs_total', { connector: 'metrics-drop', state: 'completed' })).toBe(1);
    expect(sampleValue(all, 'contact_recovery_connector_runs_total', { connector: 'metrics-drop', state: 'failed' })).toBeUndefined();
    expect(sampleValue(all, 'contact_recovery_connector_rows_read_total', { connector: 'metrics-drop' })).toBe(7);
    expect(sampleValue(all, 'contact_recovery_ingest_records_total', { source: 'telemarketing', outcome: 'accepted' })).toBe(6);
    expect(sampleValue(all, 'contact_recovery_ingest_records_total', { source: 'telemarketing', outcome: 'rejected' })).toBe(1);
    expect(sampleValue(all, 'contact_recovery_job_duration_seconds_count', { queue: 'connectors', job_name: 'connectors.run', outcome: 'completed' })).toBe(1);
    expect(text).not.toContain('MXC-C0');
    expect(text).not.toContain(rows[0].mobile);
  });
});

describe('business indicators', () => {
  const borrowerIds = async (prefix: string): Promise<string[]> =>
    (await context.dataSource.query(`SELECT id FROM borrower WHERE ref LIKE $1 ORDER BY ref`, [`${prefix}%`])).map((row: { id: string }) => row.id);

  beforeAll(async () => {
    await ingest(Array.from({ length: 6 }, (_, index) => aSourceRecord({ sourceRecordId: `bi-${index}`, borrower: { ref: `BI-${index}` }, phones: [aMobile(880_001 + index)] })));
    await idle();
  });

  it('reports borrowers by contact status and the lost-contact rate as the database holds them, cached between scrapes', async () => {
    const ids = await borrowerIds('BI-');
    const statuses = ['reachable', 'reachable', 'subjective_lost', 'objective_lost', 'unknown'];
    await context.dataSource.query(
      `INSERT INTO borrower_status (borrower_id, status, reason, since, assessed_at) SELECT id, status, 'test', now(), now() FROM unnest($1::uuid[], $2::text[]) AS t(id, status)`,
      [ids.slice(0, 5), statuses],
    );
    await waitOutCache();
    const first = (await scrape()).samples;
    const database: { status: string; count: string }[] = await context.dataSource.query('SELECT status, count(*) FROM borrower_status GROUP BY status');
    const expected = Object.fromEntries(['reachable', 'subjective_lost', 'objective_lost', 'unknown'].map((status) => [status, Number(database.find((row) => row.status === status)?.count ?? 0)]));
    expect(expected).toEqual({ reachable: 2, subjective_lost: 1, objective_lost: 1, unknown: 1 });
    for (const [status, count] of Object.entries(expected)) {
      expect(sampleValue(first, 'contact_recovery_borrowers_by_contact_status', { status }), status).toBe(count);
    }
    expect(sampleValue(first, 'contact_recovery_lost_contact_rate')).toBe(0.5);

    // Within the cache time the indicators are not read again; after it, they are.
    await context.dataSource.query(`INSERT INTO borrower_status (borrower_id, status, reason, since, assessed_at) VALUES ($1, 'objective_lost', 'test', now(), now())`, [ids[5]]);
    expect(sampleValue((await scrape()).samples, 'contact_recovery_borrowers_by_contact_status', { status: 'objective_lost' })).toBe(1);
    await waitOutCache();
    const refreshed = (await scrape()).samples;
    expect(sampleValue(refreshed, 'contact_recovery_borrowers_by_contact_status', { status: 'objective_lost' })).toBe(2);
    expect(sampleValue(refreshed, 'contact_recovery_lost_contact_rate')).toBe(0.6);
  });

  it('reports repair runs started and the share answered within 30 days', async () => {
    const [answered, unanswered, recent] = await borrowerIds('BI-');
    const [point] = await context.dataSource.query('SELECT id FROM contact_point LIMIT 1');
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await context.dataSource.query(
      `INSERT INTO repair_run (id, borrower_id, reason, status, started_at) SELECT gen_random_uuid(), borrower, 'test', 'completed', started FROM unnest($1::uuid[], $2::timestamptz[]) AS t(borrower, started)`,
      [[answered, unanswered, recent], [daysAgo(40), daysAgo(40), daysAgo(5)]],
    );
    // answered 10 days after its run: a success; the other answered 35 days after: too late; the recent run: not decided yet.
    await context.dataSource.query(
      `INSERT INTO contact_attempt (id, borrower_id, contact_point_id, outcome, attempted_at, recorded_by) SELECT gen_random_uuid(), borrower, $3, outcome, attempted, 'test'
         FROM unnest($1::uuid[], $2::timestamptz[], $4::text[]) AS t(borrower, attempted, outcome)`,
      [[answered, unanswered, recent], [daysAgo(30), daysAgo(5), daysAgo(2)], point.id, ['answered', 'answered', 'no_answer']],
    );
    await waitOutCache();
    const all = (await scrape()).samples;
    expect(sampleValue(all, 'contact_recovery_repair_runs_started')).toBe(3);
    expect(sampleValue(all, 'contact_recovery_repair_runs_decided')).toBe(2);
    expect(sampleValue(all, 'contact_recovery_repair_runs_succeeded')).toBe(1);
    expect(sampleValue(all, 'contact_recovery_repair_success_rate')).toBe(0.5);
  });

  it('reports open stale flags by type, and nothing (not an error) while the table does not exist', async () => {
    const [table] = await context.dataSource.query(`SELECT to_regclass('stale_flag') IS NOT NULL AS present`);
    const flags = { types: ['contact_changed', 'contact_changed', 'contact_changed', 'invalid_feedback'], statuses: ['open', 'open', 'closed', 'open'] };
    let seeded = true;
    if (!table.present) {
      await waitOutCache();
      expect(samples((await scrape()).samples, 'contact_recovery_stale_flags_open')).toEqual([]);
      await context.dataSource.query(`CREATE TABLE stale_flag (id serial PRIMARY KEY, type varchar(32) NOT NULL, status varchar(16) NOT NULL)`);
      await context.dataSource.query(`INSERT INTO stale_flag (type, status) SELECT * FROM unnest($1::text[], $2::text[])`, [flags.types, flags.statuses]);
    } else {
      // The stale scan's own table: seeded with its columns as they stand; should they change, the gauge is still compared with the table.
      // One borrower a flag: the scan keeps one open flag per borrower, contact point and type.
      const borrowers = (await borrowerIds('BI-')).slice(0, flags.types.length);
      seeded = await context.dataSource
        .query(
          `INSERT INTO stale_flag (id, borrower_id, type, status, evidence, detected_at)
           SELECT gen_random_uuid(), borrower, type, status, '[]'::jsonb, now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(borrower, type, status)`,
          [borrowers, flags.types, flags.statuses],
        )
        .then(() => true, () => false);
    }
    const database: { type: string; count: string }[] = await context.dataSource.query(`SELECT type, count(*) FROM stale_flag WHERE status = 'open' GROUP BY type`);
    await waitOutCache();
    const all = (await scrape()).samples;
    expect(Object.fromEntries(samples(all, 'contact_recovery_stale_flags_open').map((sample) => [sample.labels.type, sample.value]))).toEqual(
      Object.fromEntries(database.map((row) => [row.type, Number(row.count)])),
    );
    if (seeded) {
      expect(sampleValue(all, 'contact_recovery_stale_flags_open', { type: 'contact_changed' })).toBe(2);
      expect(sampleValue(all, 'contact_recovery_stale_flags_open', { type: 'invalid_feedback' })).toBe(1);
    }
  });
});

describe('without METRICS_PORT', () => {
  let plain: TestApplication;
  beforeAll(async () => {
    plain = await createTestApplication();
  });
  afterAll(() => plain?.close());

  it('has no metrics endpoint at all: no listener, no collection, no route', async () => {
    expect(plain.config.metrics).toBeUndefined();
    expect(() => plain.app.get(MetricsServer)).toThrow();
    expect(() => plain.app.get(MetricsService)).toThrow();
    await request(plain.http).get('/metrics').set('Authorization', bearer('admin')).expect(404);
  });
});

describe('a worker process (no HTTP server)', () => {
  let worker: INestApplicationContext;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfiguration({
      NODE_ENV: 'test',
      DATA_DIR: drops,
      CONFIG_DIR: join(process.cwd(), 'config'),
      LOG_LEVEL: 'error',
      API_KEYS: `admin:${TEST_KEYS.admin}`,
      METRICS_PORT: '0',
      METRICS_TOKEN: TOKEN,
    });
    worker = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: database.url, role: 'worker' }), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await database?.drop();
  });

  it('serves its metrics on its own listener, labelled process_role="worker"', async () => {
    const response = await fetch(`http://127.0.0.1:${worker.get(MetricsServer).address().port}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const all = parsePrometheusText(await response.text());
    expect(sampleValue(all, 'process_resident_memory_bytes', { process_role: 'worker' })).toBeGreaterThan(0);
    expect(sampleValue(all, 'contact_recovery_queue_jobs', { queue: 'matching', state: 'waiting', process_role: 'worker' })).toBe(0);
    expect(sampleValue(all, 'contact_recovery_borrowers_by_contact_status', { status: 'reachable', process_role: 'worker' })).toBe(0);
    expect(samples(all, 'contact_recovery_http_request_duration_seconds_count')).toEqual([]);
  });
});
