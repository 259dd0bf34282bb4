import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

// Issue 11: the sharing counts beside a contact point count only what the caller may see.
let context: TestApplication;

beforeAll(async () => {
  context = await createTestApplication();
  await request(context.http).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
  await request(context.http).put('/v1/sources/bureau').set('Authorization', bearer('admin')).send({ system: 'credit_bureau', kind: 'external' }).expect(201);
});
afterAll(() => context?.close());

const ingest = async (source: string, records: unknown[]) => {
  const response = await request(context.http).post(`/v1/sources/${source}/records`).set('Authorization', bearer('platform')).send({ records }).expect(200);
  expect(response.body.rejected).toEqual([]);
  // The sharing job has stored its counts (every borrower, every source) before the reads below.
  await (context.queue as InProcessQueueDriver).whenIdle();
  return response.body;
};
const consent = (ref: string, externalSources: boolean) =>
  request(context.http)
    .put(`/v1/borrowers/${ref}/consents`)
    .set('Authorization', bearer('platform'))
    .send({ externalSources, thirdPartyContact: true, evidenceRef: `${ref}/consent-${externalSources}`, grantedAt: '2026-01-01T00:00:00+08:00' })
    .expect(200);
const counts = async (id: string) => {
  const body = (await request(context.http).get(`/v1/contact-points/${id}`).set('Authorization', bearer('operator')).expect(200)).body;
  return { borrowerCount: body.borrowerCount, sourceCount: body.sourceCount };
};

describe('contact point sharing counts', () => {
  it('leave out the borrowers and sources whose observations consent hides, and follow the consent in force', async () => {
    await consent('CNT-1', true);
    await consent('CNT-2', false);
    await ingest('crm', [aSourceRecord({ sourceRecordId: 'cnt1-own', borrower: { ref: 'CNT-1' }, phones: ['13700005555'] })]);
    await ingest('bureau', [
      aSourceRecord({ sourceRecordId: 'cnt1-bureau', borrower: { ref: 'CNT-1' }, phones: ['13700005555'] }),
      aSourceRecord({ sourceRecordId: 'cnt2-bureau', borrower: { ref: 'CNT-2' }, phones: ['13700005555'] }),
    ]);
    const pointId = (await request(context.http).get('/v1/sources/crm/records/cnt1-own').set('Authorization', bearer('operator')).expect(200)).body.phones[0]
      .contactPointId as string;
    // Stored: two borrowers, two sources. CNT-2 saw it only in a bureau record it did not consent to.
    const [{ borrower_count, source_count }]: { borrower_count: number; source_count: number }[] = await context.dataSource.query(
      'SELECT borrower_count, source_count FROM contact_point WHERE id = $1',
      [pointId],
    );
    expect({ borrower_count, source_count }).toEqual({ borrower_count: 2, source_count: 2 });
    expect(await counts(pointId)).toEqual({ borrowerCount: 1, sourceCount: 2 });

    // CNT-1 revokes: its own CRM record still shows the point, the bureau no longer counts.
    await consent('CNT-1', false);
    expect(await counts(pointId)).toEqual({ borrowerCount: 1, sourceCount: 1 });

    await consent('CNT-1', true);
    await consent('CNT-2', true);
    expect(await counts(pointId)).toEqual({ borrowerCount: 2, sourceCount: 2 });
  });
});
