import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import { LENDER_MAPPING, lenderRows, mysqlLenderTable, postgresLenderDatabase } from '../support/lender-tables.js';
import { bearer, createTestApplication, type TestApplication } from '../support/test-application.js';

// Issue 12: database-table connectors over real PostgreSQL and MariaDB tables, through the API.

let context: TestApplication;
let lenderPostgres: Awaited<ReturnType<typeof postgresLenderDatabase>>;
let lenderMysql: Awaited<ReturnType<typeof mysqlLenderTable>>;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();

beforeAll(async () => {
  lenderPostgres = await postgresLenderDatabase();
  lenderMysql = await mysqlLenderTable();
  context = await createTestApplication({
    APPROVAL_DATABASE_URL: lenderPostgres.url,
    CRM_DATABASE_URL: lenderMysql.url,
    CONNECTOR_BATCH_SIZE: '200',
  });
});
afterAll(async () => {
  await context?.close();
  await lenderPostgres?.drop();
  await lenderMysql?.drop();
});

const admin = bearer('admin');

function postgresConnector(overrides: Record<string, unknown> = {}) {
  return {
    source: 'loan-application',
    kind: 'database',
    database: {
      urlEnv: 'APPROVAL_DATABASE_URL',
      query: 'SELECT * FROM v_contacts WHERE gmt_modified > :cursor ORDER BY gmt_modified, id',
      cursor: { column: 'gmt_modified', initial: '1970-01-01' },
    },
    mapping: LENDER_MAPPING,
    ...overrides,
  };
}

async function runToEnd(key: string): Promise<any> {
  const accepted = await request(context.http).post(`/v1/connectors/${key}/runs`).set('Authorization', admin).expect(202);
  for (let tries = 0; tries < 600; tries += 1) {
    await idle();
    const run = await request(context.http).get(`/v1/connectors/${key}/runs/${accepted.body.id}`).set('Authorization', admin).expect(200);
    if (run.body.state === 'completed' || run.body.state === 'failed') return run.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('run did not finish');
}

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const [row] = await context.dataSource.query(sql, parameters);
  return Number(row.count);
}

describe('declaring connectors', () => {
  it('refuses a bad definition with the field named, and saves nothing', async () => {
    const cases: [object, RegExp][] = [
      [{ ...postgresConnector(), kind: 'file' }, /file/],
      [postgresConnector({ source: 'no-such-source' }), /source/],
      [postgresConnector({ database: { ...postgresConnector().database, urlEnv: 'NOT_SET_ANYWHERE' } }), /database\.urlEnv/],
      [postgresConnector({ database: { ...postgresConnector().database, urlEnv: 'DATABASE_URL' } }), /database\.urlEnv/],
      [postgresConnector({ database: { ...postgresConnector().database, query: 'SELECT * FROM v_contacts' } }), /:cursor/],
      [postgresConnector({ schedule: 'every night' }), /schedule/],
      [postgresConnector({ mapping: { ...LENDER_MAPPING, sourceRecordId: undefined } }), /sourceRecordId/],
      [{ ...postgresConnector(), kind: 'file', database: undefined, file: { directory: '/etc', format: 'csv' } }, /file\.directory/],
    ];
    for (const [body, field] of cases) {
      const response = await request(context.http).put('/v1/connectors/bad').set('Authorization', admin).send(body).expect(400);
      expect(JSON.stringify(response.body)).toMatch(field);
    }
    await request(context.http).get('/v1/connectors/bad').set('Authorization', admin).expect(404);
  });

  it('is for admins; auditors read; each change is audited with before and after', async () => {
    await request(context.http).put('/v1/connectors/approval').set('Authorization', bearer('operator')).send(postgresConnector()).expect(403);
    await request(context.http).put('/v1/connectors/approval').set('Authorization', admin).send(postgresConnector()).expect(201);
    await request(context.http).put('/v1/connectors/approval').set('Authorization', admin).send(postgresConnector({ schedule: '0 2 * * *' })).expect(200);
    const listed = await request(context.http).get('/v1/connectors').set('Authorization', bearer('auditor')).expect(200);
    expect(listed.body.map((connector: { key: string }) => connector.key)).toContain('approval');
    const events = await request(context.http).get('/v1/audit-events?action=connector.updated').set('Authorization', bearer('auditor')).expect(200);
    const event = events.body.items.find((item: { targetId: string }) => item.targetId === 'approval');
    expect(event.details.before.definition.schedule).toBeUndefined();
    expect(event.details.after.definition.schedule).toBe('0 2 * * *');
    // The secret's name is kept, never its value.
    expect(JSON.stringify(listed.body)).not.toContain(lenderPostgres.url);
  });

  it('puts the schedule in the queue and takes it out when the schedule is removed', async () => {
    const schedules = async () => (await context.queue.schedules('connectors')).map((schedule) => schedule.id);
    expect(await schedules()).toContain('connector:approval');
    await request(context.http).put('/v1/connectors/approval').set('Authorization', admin).send(postgresConnector()).expect(200);
    expect(await schedules()).not.toContain('connector:approval');
  });
});

describe('a PostgreSQL table connector', () => {
  it('reads every row through ingest, quarantines the bad ones and goes on', async () => {
    const rows = lenderRows(1_000, { invalidEvery: 97 });
    await lenderPostgres.insert(rows);
    const run = await runToEnd('approval');
    const invalid = rows.filter((row) => row.customer_no === '').length;
    expect(run).toMatchObject({ state: 'completed', read: 1_000, accepted: 1_000 - invalid, duplicates: 0, rejected: invalid });
    expect(run.rate).toBeGreaterThan(0);
    expect(run.cursor).toEqual({ kind: 'database', cursor: rows.at(-1)!.gmt_modified });
    expect(await count(`SELECT count(*) FROM source_record WHERE source_key = 'loan-application'`)).toBe(1_000 - invalid);
    expect(await count(`SELECT count(*) FROM quarantined_record WHERE source_key = 'loan-application'`)).toBe(invalid);
    // The mapped record is the one push ingest takes: the borrower, the contact, the phones and the address.
    const [stored] = await context.dataSource.query(
      `SELECT version.payload FROM source_record record JOIN source_record_version version ON version.source_record_uuid = record.id
       WHERE record.source_key = 'loan-application' AND record.source_record_id = $1`,
      [String(rows[400].id)],
    );
    expect(stored.payload).toMatchObject({
      borrower: { ref: rows[400].customer_no, name: '王五' },
      subject: { role: 'contact', name: rows[400].contact_name, relation: rows[400].relation },
      phones: [rows[400].mobile, rows[400].tel].filter(Boolean),
      addresses: [{ text: rows[400].addr, kind: 'home' }],
    });
  });

  it('reads only what changed since the last committed checkpoint', async () => {
    expect(await runToEnd('approval')).toMatchObject({ state: 'completed', read: 0, accepted: 0 });
    const newer = lenderRows(30, { start: 5_000 });
    await lenderPostgres.insert(newer);
    expect(await runToEnd('approval')).toMatchObject({ state: 'completed', read: 30, accepted: 30 });
  });

  it('never runs twice at once: a second request gets the run already queued', async () => {
    await lenderPostgres.insert(lenderRows(300, { start: 9_000 }));
    const first = await request(context.http).post('/v1/connectors/approval/runs').set('Authorization', admin).expect(202);
    const second = await request(context.http).post('/v1/connectors/approval/runs').set('Authorization', admin).expect(202);
    expect(second.body).toEqual({ id: first.body.id, created: false });
    await idle();
    const runs = await request(context.http).get('/v1/connectors/approval/runs?limit=2').set('Authorization', bearer('auditor')).expect(200);
    expect(runs.body[0]).toMatchObject({ id: first.body.id, state: 'completed', read: 300 });
  });

  it('fails visibly when the lender database refuses the query', async () => {
    await request(context.http)
      .put('/v1/connectors/approval-broken')
      .set('Authorization', admin)
      .send(postgresConnector({ database: { ...postgresConnector().database, query: 'SELECT * FROM no_such_table WHERE gmt_modified > :cursor' } }))
      .expect(201);
    const run = await runToEnd('approval-broken');
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/no_such_table/);
  });
});

describe('previewing a connector', () => {
  it('shows the first rows as the records they become, masked, with what the matcher makes of them, and stores nothing', async () => {
    const before = await count(`SELECT count(*) FROM source_record`);
    const response = await request(context.http).post('/v1/connectors/approval/preview').set('Authorization', admin).send({ limit: 5 }).expect(200);
    expect(response.body.items).toHaveLength(5);
    const [first] = response.body.items;
    expect(first.valid).toBe(true);
    expect(first.record.phones[0]).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(first.normalised.phones[0]).toMatchObject({ usable: true, kind: 'mobile' });
    expect(first.normalised.phones[0].e164).toContain('****');
    expect(first.normalised.addresses[0]).toMatchObject({ province: { code: '44' }, city: { code: '4403' }, estate: '****' });
    expect(JSON.stringify(response.body)).not.toContain(lenderRows(1)[0].mobile);
    expect(await count(`SELECT count(*) FROM source_record`)).toBe(before);
  });

  it('shows values unmasked only with a reason, audited', async () => {
    await request(context.http).post('/v1/connectors/approval/preview').set('Authorization', admin).send({ limit: 1, unmaskReason: '..' }).expect(400);
    await request(context.http).post('/v1/connectors/approval/preview').set('Authorization', bearer('operator')).send({ limit: 1 }).expect(403);
    const response = await request(context.http)
      .post('/v1/connectors/approval/preview')
      .set('Authorization', admin)
      .send({ limit: 1, unmaskReason: 'checking the mapping, ticket 7' })
      .expect(200);
    expect(response.body.items[0].record.phones[0]).toBe(lenderRows(1)[0].mobile);
    const events = await request(context.http).get('/v1/audit-events?action=connector.previewed_unmasked').set('Authorization', bearer('auditor')).expect(200);
    expect(events.body.items[0]).toMatchObject({ targetId: 'approval', purpose: 'checking the mapping, ticket 7' });
  });

  it('shows why a row would be quarantined', async () => {
    const response = await request(context.http).post('/v1/connectors/approval/preview').set('Authorization', admin).send({ limit: 100 }).expect(200);
    const invalid = response.body.items.find((item: { valid: boolean }) => !item.valid);
    expect(invalid.errors.join(' ')).toMatch(/borrower/);
    expect(invalid.record.borrower.name).toBe('****');
  });
});

describe('a MariaDB table connector', () => {
  it('reads in keyset order, resumes from its checkpoint, and stores what the PostgreSQL one would', async () => {
    await request(context.http)
      .put('/v1/connectors/crm-mysql')
      .set('Authorization', admin)
      .send({
        source: 'sales-crm',
        kind: 'database',
        database: {
          urlEnv: 'CRM_DATABASE_URL',
          query: `SELECT * FROM ${lenderMysql.table} WHERE gmt_modified > :cursor ORDER BY gmt_modified, id`,
          cursor: { column: 'gmt_modified', initial: '1970-01-01' },
        },
        mapping: LENDER_MAPPING,
      })
      .expect(201);
    const rows = lenderRows(600, { prefix: 'M' });
    await lenderMysql.insert(rows);
    const run = await runToEnd('crm-mysql');
    expect(run).toMatchObject({ state: 'completed', read: 600, accepted: 600, rejected: 0 });
    expect(run.cursor).toEqual({ kind: 'database', cursor: rows.at(-1)!.gmt_modified });
    expect(await count(`SELECT count(*) FROM source_record WHERE source_key = 'sales-crm' AND source_record_id ~ '^[0-9]+$'`)).toBe(600);
    await lenderMysql.insert(lenderRows(9, { start: 7_000, prefix: 'M' }));
    expect(await runToEnd('crm-mysql')).toMatchObject({ read: 9, accepted: 9 });
  });
});
