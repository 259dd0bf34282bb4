import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactPlanRepository } from '../../src/contact-plan/contact-plan.repository.js';
import type { PlanData } from '../../src/contact-plan/plan-data.js';
import type { SourceRecordPayload } from '../../src/records/source-record.js';
import { aMobile, aSourceRecord } from '../support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from '../support/test-application.js';

// The plan read (contact_plan_facts and its decoder) over rows the ingest pipeline stored.

let test: TestApplication;
let plans: ContactPlanRepository;

const SWITCHBOARD = '4008001234';
const own = aMobile(501);
const friendPhone = aMobile(502);
const sharedFriendPhone = aMobile(503);
const home = '广东省深圳市南山区科技南十二路18号阳光花园3栋2单元501室';

async function ingest(source: string, records: SourceRecordPayload[]): Promise<void> {
  const response = await request(test.http).post(`/v1/sources/${source}/records`).set('Authorization', bearer('platform')).send({ records });
  expect(response.status).toBe(200);
  expect(response.body.rejected).toEqual([]);
}

async function consent(ref: string, externalSources: boolean, thirdPartyContact: boolean): Promise<void> {
  const response = await request(test.http)
    .put(`/v1/borrowers/${ref}/consents`)
    .set('Authorization', bearer('platform'))
    .send({ externalSources, thirdPartyContact, evidenceRef: `consent-${ref}-${externalSources}-${thirdPartyContact}`, grantedAt: '2026-04-01T00:00:00Z' });
  expect(response.status).toBe(200);
}

const personNamed = (data: PlanData, name: string) => data.persons.find((person) => person.name === name);

beforeAll(async () => {
  test = await createTestApplication();
  plans = test.app.get(ContactPlanRepository);
  await ingest('loan-application', [
    aSourceRecord({ sourceRecordId: 'app-A', borrower: { ref: 'PLAN-A', name: '李明' }, subject: { role: 'borrower', name: '李明' }, phones: [own], addresses: [{ text: home, kind: 'home' }], employer: { name: '深圳市甲科技有限公司', phone: SWITCHBOARD } }),
    aSourceRecord({ sourceRecordId: 'app-A-friend', borrower: { ref: 'PLAN-A' }, subject: { role: 'contact', name: '王强', relation: '朋友' }, phones: [friendPhone], addresses: [] }),
    aSourceRecord({ sourceRecordId: 'app-A-friend-2', borrower: { ref: 'PLAN-A' }, subject: { role: 'contact', name: '赵敏', relation: '同事' }, phones: [sharedFriendPhone], addresses: [] }),
    // Another borrower: an employer on the same switchboard, and a contact on the same mobile as A's colleague.
    aSourceRecord({ sourceRecordId: 'app-B', borrower: { ref: 'PLAN-B', name: '陈刚' }, subject: { role: 'borrower', name: '陈刚' }, phones: [aMobile(504)], addresses: [], employer: { name: '深圳市乙贸易有限公司', phone: SWITCHBOARD } }),
    aSourceRecord({ sourceRecordId: 'app-B-friend', borrower: { ref: 'PLAN-B' }, subject: { role: 'contact', name: '赵小敏', relation: '朋友' }, phones: [sharedFriendPhone], addresses: [] }),
  ]);
});
afterAll(async () => {
  await test?.close();
});

describe('the contact plan read', () => {
  it("finds the borrower's own person, its points with their observations, and the third parties without the borrower among them", async () => {
    const data = await plans.load('PLAN-A');
    expect(data.borrowerRef).toBe('PLAN-A');
    expect(data.selfPersonId).toBeDefined();
    expect(data.persons.map((person) => person.id)).not.toContain(data.selfPersonId);
    const ownPhone = data.points.find((point) => point.e164 === `+86${own}`)!;
    expect(ownPhone.observations).toEqual([{ sourceKey: 'loan-application', sourceRecordId: 'app-A', observedAt: expect.any(Date) }]);
    expect(ownPhone.sources.map((source) => source.key)).toEqual(['loan-application']);
    // A friend's number is listed, but its observations are not the borrower's to show.
    const friend = data.points.find((point) => point.e164 === `+86${friendPhone}`)!;
    expect(friend.observations).toEqual([]);
    expect(personNamed(data, '王强')?.relationLabels).toEqual(['朋友']);
    // The newest raw address text is read for an unmasked plan only, the one plan that shows it.
    expect(data.points.find((point) => point.kind === 'address')?.address).toEqual({ province: '广东省', city: '深圳市', district: '南山区', text: undefined });
    const unmasked = await plans.load('PLAN-A', { unmasked: true });
    expect(unmasked.points.find((point) => point.kind === 'address')?.address).toMatchObject({ text: home });
  });

  it('reaches a stranger through a shared mobile, but not through a shared switchboard', async () => {
    const data = await plans.load('PLAN-A');
    const switchboard = data.points.find((point) => point.e164 === `+86${SWITCHBOARD}`);
    expect(switchboard?.subtype).toBe('organisation');
    expect(personNamed(data, '深圳市甲科技有限公司')).toBeDefined();
    expect(personNamed(data, '深圳市乙贸易有限公司')).toBeUndefined();
    expect(personNamed(data, '赵小敏')?.otherBorrowers).toHaveLength(1);
  });

  it('takes the latest consent record as the one in force, a revocation included', async () => {
    expect((await plans.load('PLAN-A')).consent).toEqual({ externalSources: false, thirdPartyContact: false });
    await consent('PLAN-A', true, true);
    expect((await plans.load('PLAN-A')).consent).toEqual({ externalSources: true, thirdPartyContact: true });
    await consent('PLAN-A', false, true);
    expect((await plans.load('PLAN-A')).consent).toEqual({ externalSources: false, thirdPartyContact: true });
  });

  it('answers a borrower nobody named with not found', async () => {
    await expect(plans.load('PLAN-NOBODY')).rejects.toThrow(/not known/);
  });
});
