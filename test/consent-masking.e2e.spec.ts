import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

// Issue 11 ("Trust"): consent and masking on every route that returns personal data.
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
  await (context.queue as InProcessQueueDriver).whenIdle();
  return response.body;
};
const consent = (ref: string, externalSources: boolean) =>
  request(context.http)
    .put(`/v1/borrowers/${ref}/consents`)
    .set('Authorization', bearer('platform'))
    .send({ externalSources, thirdPartyContact: true, evidenceRef: `${ref}/consent-${externalSources}`, grantedAt: '2026-01-01T00:00:00+08:00' })
    .expect(200);
const readRecord = (source: string, id: string, query: Record<string, string> = {}) =>
  request(context.http).get(`/v1/sources/${source}/records/${id}`).query(query).set('Authorization', bearer('operator'));
const readPoint = (id: string, query: Record<string, string> = {}, role: 'operator' | 'platform' | 'admin' = 'operator') =>
  request(context.http).get(`/v1/contact-points/${id}`).query(query).set('Authorization', bearer(role));
const auditEvents = async (query: Record<string, string>) =>
  (await request(context.http).get('/v1/audit-events').query(query).set('Authorization', bearer('auditor')).expect(200)).body.items as {
    borrowerRef: string | null;
    purpose: string | null;
    targetId: string | null;
  }[];
const UNMASK = { unmask: 'true', reason: 'trace case 11' };

describe('external-only data after a revocation of externalSources', () => {
  it('hides the contact point and the bureau record, masked or unmasked', async () => {
    await consent('TR-1', true);
    await ingest('crm', [aSourceRecord({ sourceRecordId: 'tr1-own', borrower: { ref: 'TR-1' }, phones: ['13700001111'] })]);
    await ingest('bureau', [aSourceRecord({ sourceRecordId: 'tr1-bureau', borrower: { ref: 'TR-1' }, phones: ['13700002222'] })]);
    const bureau = (await readRecord('bureau', 'tr1-bureau', UNMASK).expect(200)).body;
    const pointId = bureau.phones[0].contactPointId as string;
    await readPoint(pointId).expect(200);

    await consent('TR-1', false);
    await readPoint(pointId).expect(404);
    await readPoint(pointId, UNMASK).expect(404);
    await readPoint(pointId, {}, 'platform').expect(404);
    await readRecord('bureau', 'tr1-bureau').expect(404);
    await readRecord('bureau', 'tr1-bureau', UNMASK).expect(404);
    // The borrower's internal data stays readable.
    await readRecord('crm', 'tr1-own').expect(200);

    await consent('TR-1', true);
    await readRecord('bureau', 'tr1-bureau').expect(200);
  });

  it('shows a point shared with a borrower who allows it, with only the observations their consent covers', async () => {
    await consent('TR-2', true);
    await consent('TR-3', false);
    await ingest('bureau', [aSourceRecord({ sourceRecordId: 'tr2-bureau', borrower: { ref: 'TR-2' }, phones: ['13700003333'] })]);
    await ingest('bureau', [aSourceRecord({ sourceRecordId: 'tr3-bureau', borrower: { ref: 'TR-3' }, phones: ['13700003333'] })]);
    const pointId = (await readRecord('bureau', 'tr2-bureau', UNMASK).expect(200)).body.phones[0].contactPointId as string;
    await readRecord('bureau', 'tr3-bureau').expect(404);

    const point = (await readPoint(pointId, UNMASK).expect(200)).body;
    expect(point.observations.map((row: { sourceRecordId: string }) => row.sourceRecordId)).toEqual(['tr2-bureau']);
    expect(point.owners.flatMap((owner: { borrowerRefs: string[] }) => owner.borrowerRefs)).not.toContain('TR-3');

    await consent('TR-2', false);
    await readPoint(pointId).expect(404);
  });
});

describe('unmasking a contact point', () => {
  it('refuses a reason that says nothing', async () => {
    await ingest('crm', [aSourceRecord({ sourceRecordId: 'tr-reason', borrower: { ref: 'TR-R' }, phones: ['13700004444'] })]);
    const pointId = (await readRecord('crm', 'tr-reason', UNMASK).expect(200)).body.phones[0].contactPointId as string;
    for (const reason of ['....', '\u200b\u200b\u200b\u200b\u200b', 'a\u200bb\u200bc\u200b.']) {
      await readPoint(pointId, { unmask: 'true', reason }).expect(400);
      await readRecord('crm', 'tr-reason', { unmask: 'true', reason }).expect(400);
    }
    await readPoint(pointId, { unmask: 'true', reason: 'call back 12' }).expect(200);
  });

  it('audits the unmask of a shared point once per borrower', async () => {
    await ingest('crm', [
      aSourceRecord({ sourceRecordId: 'tr-share-a', borrower: { ref: 'TR-SA' }, phones: ['13700005555'] }),
      aSourceRecord({ sourceRecordId: 'tr-share-b', borrower: { ref: 'TR-SB' }, phones: ['13700005555'] }),
    ]);
    const pointId = (await readRecord('crm', 'tr-share-a', UNMASK).expect(200)).body.phones[0].contactPointId as string;
    await readPoint(pointId, { unmask: 'true', reason: 'shared number check' }).expect(200);
    for (const borrowerRef of ['TR-SA', 'TR-SB']) {
      const events = await auditEvents({ action: 'contact_point.unmasked', borrowerRef });
      expect(events).toEqual([expect.objectContaining({ targetId: pointId, purpose: 'shared number check', borrowerRef })]);
    }
  });
});

describe('masking of phones', () => {
  it('echoes unusable phones masked in the ingest answer', async () => {
    const answer = await ingest('crm', [aSourceRecord({ sourceRecordId: 'tr-14', borrower: { ref: 'TR-14' }, phones: ['13812345678901'] })]);
    expect(answer.unusablePhones).toEqual([expect.objectContaining({ sourceRecordId: 'tr-14', raw: '**********8901' })]);
  });

  it('masks an 8-digit number starting 96 in the masked record read', async () => {
    await ingest('crm', [aSourceRecord({ sourceRecordId: 'tr-96', borrower: { ref: 'TR-96' }, phones: ['9612 3456'] })]);
    const text = JSON.stringify((await readRecord('crm', 'tr-96').expect(200)).body);
    expect(text).not.toContain('9612 3456');
    expect(text).not.toContain('96123456');
    expect(text).toContain('****3456');
  });
});

describe('GET /v1/match-suggestions', () => {
  it('masks names unless an operator unmasks with a reason, and audits the listing with its borrowers', async () => {
    await ingest('crm', [
      aSourceRecord({ sourceRecordId: 'tr-sug-1', borrower: { ref: 'TR-S1' }, subject: { role: 'contact', name: '欧阳明华', relation: '朋友' }, phones: ['13966661111'] }),
      aSourceRecord({ sourceRecordId: 'tr-sug-2', borrower: { ref: 'TR-S1' }, subject: { role: 'contact', name: '欧阳明化', relation: 'friend' }, phones: ['13966662222'] }),
    ]);
    for (const role of ['operator', 'admin'] as const) {
      const page = (await request(context.http).get('/v1/match-suggestions').query({ kind: 'person' }).set('Authorization', bearer(role)).expect(200)).body;
      expect(page.items).toHaveLength(1);
      const text = JSON.stringify(page);
      expect(text).not.toContain('欧阳明华');
      expect(text).not.toContain('欧阳明化');
      expect([page.items[0].left.name, page.items[0].right.name].sort()).toEqual(['欧**化', '欧**华'].sort());
    }
    const listed = await auditEvents({ action: 'match_suggestion.list', borrowerRef: 'TR-S1' });
    expect(listed.length).toBeGreaterThanOrEqual(2);

    await request(context.http).get('/v1/match-suggestions').query({ kind: 'person', ...UNMASK }).set('Authorization', bearer('admin')).expect(403);
    await request(context.http).get('/v1/match-suggestions').query({ kind: 'person', unmask: 'true', reason: '....' }).set('Authorization', bearer('operator')).expect(400);
    const unmasked = (await request(context.http).get('/v1/match-suggestions').query({ kind: 'person', ...UNMASK }).set('Authorization', bearer('operator')).expect(200)).body;
    expect([unmasked.items[0].left.name, unmasked.items[0].right.name].sort()).toEqual(['欧阳明化', '欧阳明华'].sort());
    expect(await auditEvents({ action: 'match_suggestion.unmasked', borrowerRef: 'TR-S1' })).toEqual([expect.objectContaining({ purpose: 'trace case 11', borrowerRef: 'TR-S1' })]);
  });

  it('shows addresses only to the district unless unmasked', async () => {
    await ingest('crm', [
      aSourceRecord({ sourceRecordId: 'tr-adr-1', borrower: { ref: 'TR-A1' }, addresses: [{ text: '广东省深圳市福田区彩田花园3栋2单元501室' }] }),
      aSourceRecord({ sourceRecordId: 'tr-adr-2', borrower: { ref: 'TR-A2' }, addresses: [{ text: '深圳福田区彩田花圆小区3-2-501' }] }),
    ]);
    const page = (await request(context.http).get('/v1/match-suggestions').query({ kind: 'address' }).set('Authorization', bearer('operator')).expect(200)).body;
    expect(page.items.length).toBeGreaterThan(0);
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/彩田花/);
    expect(text).not.toContain('501');
    for (const borrowerRef of ['TR-A1', 'TR-A2']) expect((await auditEvents({ action: 'match_suggestion.list', borrowerRef })).length).toBeGreaterThan(0);
    const unmasked = (await request(context.http).get('/v1/match-suggestions').query({ kind: 'address', ...UNMASK }).set('Authorization', bearer('operator')).expect(200)).body;
    expect(JSON.stringify(unmasked)).toMatch(/彩田花/);
  });
});

describe('match suggestions after a revocation', () => {
  it('leaves out a side seen only in external records the borrower no longer consents to', async () => {
    await consent('TR-V', true);
    await ingest('bureau', [
      aSourceRecord({ sourceRecordId: 'tr-v-1', borrower: { ref: 'TR-V' }, subject: { role: 'contact', name: '慕容云海', relation: '朋友' }, phones: ['13944441111'] }),
      aSourceRecord({ sourceRecordId: 'tr-v-2', borrower: { ref: 'TR-V' }, subject: { role: 'contact', name: '慕容云每', relation: 'friend' }, phones: ['13944442222'] }),
    ]);
    const mine = async () =>
      ((await request(context.http).get('/v1/match-suggestions').query({ kind: 'person', limit: '200', ...UNMASK }).set('Authorization', bearer('operator')).expect(200)).body.items as {
        borrowerRef: string | null;
        left: { name?: string };
        right: { name?: string };
        fields: { left?: string; right?: string }[];
      }[]).filter((item) => item.borrowerRef === 'TR-V');
    expect((await mine()).map((item) => [item.left.name, item.right.name].sort())).toEqual([['慕容云每', '慕容云海']]);

    await consent('TR-V', false);
    const [hidden] = await mine();
    expect(hidden).toBeDefined();
    expect(JSON.stringify(hidden)).not.toMatch(/慕容/);
    expect(hidden.left.name).toBeUndefined();
    expect(hidden.fields.every((field) => field.left === undefined && field.right === undefined)).toBe(true);
  });
});

describe('matching across borrowers', () => {
  const personOf = async (sourceRecordId: string) => {
    const [row]: { person_id: string }[] = await context.dataSource.query(
      `SELECT canonical_person(version.person_id) AS person_id FROM source_record_version version JOIN source_record record ON record.id = version.source_record_uuid
       WHERE record.source_record_id = $1 ORDER BY version.version DESC LIMIT 1`,
      [sourceRecordId],
    );
    return row?.person_id;
  };
  const shareThroughBureau = async (prefix: string, name: string, mobile: string) => {
    await ingest('crm', [aSourceRecord({ sourceRecordId: `${prefix}-1`, borrower: { ref: `${prefix}-A` }, subject: { role: 'contact', name, relation: '朋友' }, phones: [mobile] })]);
    await ingest('bureau', [aSourceRecord({ sourceRecordId: `${prefix}-2`, borrower: { ref: `${prefix}-B` }, subject: { role: 'contact', name, relation: '朋友' }, phones: ['无'] })]);
    await ingest('bureau', [aSourceRecord({ sourceRecordId: `${prefix}-3`, borrower: { ref: `${prefix}-B` }, subject: { role: 'contact', name, relation: '朋友' }, phones: [mobile] })]);
    return { internal: await personOf(`${prefix}-1`), external: await personOf(`${prefix}-3`) };
  };

  it('never links a person seen only in a bureau record of a borrower without externalSources consent', async () => {
    const { internal, external } = await shareThroughBureau('TR-M', '孙立新', '13677770001');
    expect(internal).toEqual(expect.any(String));
    expect(external).not.toBe(internal);
    const merges = await request(context.http).get('/v1/merges').query({ kind: 'person', id: internal }).set('Authorization', bearer('operator')).expect(200);
    expect(merges.body).toEqual([]);
  });

  it('links them when that borrower consented to external sources', async () => {
    await consent('TR-N-B', true);
    const { internal, external } = await shareThroughBureau('TR-N', '钱卫东', '13677770002');
    expect(external).toBe(internal);
  });
});

describe('GET /v1/borrowers/:ref/contact-plan without third-party consent', () => {
  it('masks the names of every excluded third party unless unmasked', async () => {
    await ingest('crm', [
      aSourceRecord({ sourceRecordId: 'tr-plan-self', borrower: { ref: 'TR-P' }, phones: ['13500001111'] }),
      aSourceRecord({ sourceRecordId: 'tr-plan-1', borrower: { ref: 'TR-P' }, subject: { role: 'contact', name: '诸葛孔明', relation: '朋友' }, phones: ['13500002222'] }),
      aSourceRecord({ sourceRecordId: 'tr-plan-2', borrower: { ref: 'TR-P' }, subject: { role: 'contact', name: '司马懿', relation: '同事' }, phones: ['13500003333'] }),
    ]);
    const plan = (await request(context.http).get('/v1/borrowers/TR-P/contact-plan').set('Authorization', bearer('operator')).expect(200)).body;
    const excluded = plan.excluded.map((entry: { name: string; reason: string }) => [entry.name, entry.reason]);
    expect(excluded).toEqual(expect.arrayContaining([['司*懿', 'no_consent'], ['诸**明', 'no_consent']]));
    for (const [name] of excluded) expect(name).toContain('*');
    expect(JSON.stringify(plan)).not.toMatch(/诸葛孔明|司马懿/);
    const unmasked = (await request(context.http).get('/v1/borrowers/TR-P/contact-plan').query(UNMASK).set('Authorization', bearer('operator')).expect(200)).body;
    expect(unmasked.excluded.map((entry: { name: string }) => entry.name)).toEqual(expect.arrayContaining(['司马懿', '诸葛孔明']));
  });
});

const counts = async (id: string) => {
  const body = (await request(context.http).get(`/v1/contact-points/${id}`).set('Authorization', bearer('operator')).expect(200)).body;
  return { borrowerCount: body.borrowerCount, sourceCount: body.sourceCount };
};

// Issue 11: the sharing counts beside a contact point count only what the caller may see.
describe('contact point sharing counts', () => {
  it('leave out the borrowers and sources whose observations consent hides, and follow the consent in force', async () => {
    await consent('CNT-1', true);
    await consent('CNT-2', false);
    await ingest('crm', [aSourceRecord({ sourceRecordId: 'cnt1-own', borrower: { ref: 'CNT-1' }, phones: ['13700006666'] })]);
    await ingest('bureau', [
      aSourceRecord({ sourceRecordId: 'cnt1-bureau', borrower: { ref: 'CNT-1' }, phones: ['13700006666'] }),
      aSourceRecord({ sourceRecordId: 'cnt2-bureau', borrower: { ref: 'CNT-2' }, phones: ['13700006666'] }),
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
