import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrphans, UNENFORCED_REFERENCES } from '../../src/database/referential-integrity.js';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import { aBatch, aSourceRecord } from '../support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from '../support/test-application.js';

let context: TestApplication;

beforeAll(async () => {
  context = await createTestApplication();
  await request(context.http).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
});
afterAll(() => context?.close());

const post = (records: unknown[]) => request(context.http).post('/v1/sources/crm/records').set('Authorization', bearer('platform')).send({ records });

describe('references without foreign keys', () => {
  it('point somewhere after concurrent ingest, new versions and the deferred jobs', async () => {
    const batches = [aBatch(300, { prefix: 'ri-a', borrowers: 60 }), aBatch(300, { prefix: 'ri-b', borrowers: 60 })];
    await Promise.all(batches.map((batch) => post(batch).expect(200)));
    // A changed record is a new version with observations of its own.
    const changed = { ...batches[0][0], phones: ['139-0000-1111', '0755-86001234转88'] };
    await post([changed]).expect(200);
    await post([aSourceRecord({ borrower: { ref: 'ri-a-B0' }, subject: { role: 'contact', name: '联系人0', relation: '朋友' } })]).expect(200);
    await (context.queue as InProcessQueueDriver).whenIdle();

    expect(Number((await context.dataSource.query('SELECT count(*) FROM observation'))[0].count)).toBeGreaterThan(600);
    expect(await findOrphans(context.dataSource)).toEqual(UNENFORCED_REFERENCES.map(({ table, column, parent }) => ({ reference: `${table}.${column} -> ${parent}`, orphans: 0 })));
  });

  it('finds a row that points nowhere', async () => {
    const [link]: { person_id: string }[] = await context.dataSource.query('SELECT person_id FROM person_contact_point LIMIT 1');
    await context.dataSource.query(
      "INSERT INTO person_contact_point (person_id, contact_point_id, first_seen_at, last_seen_at) VALUES ($1, '00000000-0000-7000-8000-000000000001', now(), now())",
      [link.person_id],
    );
    const answer = await request(context.http).get('/v1/pipeline/integrity').set('Authorization', bearer('admin')).expect(200);
    await request(context.http).get('/v1/pipeline/integrity').set('Authorization', bearer('operator')).expect(403);
    const counts: { reference: string; orphans: number }[] = answer.body.references;
    expect(counts.find((count) => count.reference === 'person_contact_point.contact_point_id -> contact_point')?.orphans).toBe(1);
    expect(counts.filter((count) => count.orphans > 0)).toHaveLength(1);
  });
});
