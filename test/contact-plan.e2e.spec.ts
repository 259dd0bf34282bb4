import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

let context: TestApplication;
const BORROWER = 'CP-1';
const OWN = '13800000001';
const OWN_EXTERNAL = '13800000002';
const SPOUSE = '13900000001';
const FATHER = '13900000002';
const FRIEND = '13900000003';
const COLLEAGUE = '13900000004';
const FRIEND_BROTHER = '13900000005';

const idle = () => (context.queue as InProcessQueueDriver).whenIdle();
const ingest = async (source: string, records: unknown[]) => {
  const response = await request(context.http).post(`/v1/sources/${source}/records`).set('Authorization', bearer('platform')).send({ records }).expect(200);
  expect(response.body.rejected).toEqual([]);
  await idle();
};
const plan = async (query: Record<string, string> = {}, role: 'platform' | 'operator' = 'platform') =>
  (await request(context.http).get(`/v1/borrowers/${BORROWER}/contact-plan`).query(query).set('Authorization', bearer(role)).expect(200)).body;
const consent = (externalSources: boolean, thirdPartyContact: boolean) =>
  request(context.http)
    .put(`/v1/borrowers/${BORROWER}/consents`)
    .set('Authorization', bearer('platform'))
    .send({ externalSources, thirdPartyContact, evidenceRef: 'contract-001/consent', grantedAt: '2026-01-01T00:00:00+08:00' })
    .expect(200);
const attempts = async (list: unknown[]) => {
  const response = await request(context.http).post('/v1/contact-attempts').set('Authorization', bearer('platform')).send({ attempts: list }).expect(200);
  await idle();
  return response.body;
};
const recently = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

beforeAll(async () => {
  context = await createTestApplication();
  const admin = (key: string, kind: string, system: string) =>
    request(context.http).put(`/v1/sources/${key}`).set('Authorization', bearer('admin')).send({ system, kind }).expect(201);
  await admin('crm', 'internal', 'sales');
  await admin('bureau', 'external', 'credit_bureau');
  const contact = (id: string, name: string, relation: string, phone: string) =>
    aSourceRecord({ sourceRecordId: id, borrower: { ref: BORROWER }, subject: { role: 'contact', name, relation }, phones: [phone], addresses: [] });
  await ingest('crm', [
    aSourceRecord({
      sourceRecordId: 'self',
      borrower: { ref: BORROWER, name: '张伟' },
      phones: [OWN],
      addresses: [{ text: '广东省深圳市南山区阳光花园3栋2单元501室' }],
      employer: { name: '深圳某某科技有限公司', phone: '0755-86001234' },
    }),
    contact('spouse', '王芳', '老婆', SPOUSE),
    contact('father', '张建国', '父亲', FATHER),
    contact('friend', '李强', '朋友', FRIEND),
    contact('colleague', '赵敏', '同事', COLLEAGUE),
    // The friend is a borrower too; his own contact is two hops from CP-1.
    aSourceRecord({ sourceRecordId: 'friend-loan', borrower: { ref: 'CP-2', name: '李强' }, phones: [FRIEND], addresses: [] }),
    aSourceRecord({ sourceRecordId: 'friend-brother', borrower: { ref: 'CP-2' }, subject: { role: 'contact', name: '李明', relation: '哥哥' }, phones: [FRIEND_BROTHER], addresses: [] }),
  ]);
  await ingest('bureau', [aSourceRecord({ sourceRecordId: 'bureau-1', borrower: { ref: BORROWER }, phones: [OWN_EXTERNAL], addresses: [] })]);
});
afterAll(() => context?.close());

describe('GET /v1/borrowers/:ref/contact-plan', () => {
  it('without consent lists no third party and hides what only external sources saw', async () => {
    const body = await plan();
    expect(body.consent).toEqual({ externalSources: false, thirdPartyContact: false });
    expect(body.thirdParties).toEqual([]);
    expect(body.excluded.length).toBeGreaterThanOrEqual(5);
    expect(new Set(body.excluded.map((entry: { reason: string }) => entry.reason))).toEqual(new Set(['no_consent']));
    expect(body.borrowerContacts.phones.map((phone: { masked: string }) => phone.masked)).toEqual(['138****0001']);
    expect(JSON.stringify(body)).not.toContain('bureau');
    expect(body.status).toBe('unknown');
  });

  it('orders third parties far to near once consent is on record, masked by default', async () => {
    await consent(false, true);
    const body = await plan();
    const relations = body.thirdParties.map((party: { relation: string }) => party.relation);
    // The friend's brother (two hops, 8.5), the employer's switchboard (8), friend and colleague (5), then family (1).
    expect(relations.slice(0, 2)).toEqual(['other', 'employer']);
    expect(relations.slice(2, 4).sort()).toEqual(['colleague', 'friend']);
    expect(relations.slice(4).sort()).toEqual(['parent', 'spouse']);
    const distances = body.thirdParties.map((party: { distance: number }) => party.distance);
    expect(distances).toEqual([...distances].sort((left, right) => right - left));
    const brother = body.thirdParties.find((party: { hops: number }) => party.hops === 2);
    const friend = body.thirdParties.find((party: { relation: string }) => party.relation === 'friend');
    expect(brother.distance).toBeGreaterThan(friend.distance);
    expect(brother).toMatchObject({ relation: 'other', distanceExplanation: 'sibling (1.5) of the friend (5) + 2 for the extra hop = 8.5' });
    expect(body.thirdParties.every((party: { purpose: string }) => party.purpose === 'location_inquiry')).toBe(true);
    const spouse = body.thirdParties.find((party: { relation: string }) => party.relation === 'spouse');
    expect(spouse).toMatchObject({ name: '王*', phones: [{ masked: '139****0001', validity: 'unknown' }] });
    expect(spouse.phones[0].e164).toBeUndefined();
    expect(body.borrowerContacts.addresses[0].masked).toBe('广东省深圳市南山区****');
    const text = JSON.stringify(body);
    for (const secret of [OWN, SPOUSE, FATHER, FRIEND, COLLEAGUE, FRIEND_BROTHER, '王芳', '张建国', '阳光花园']) expect(text).not.toContain(secret);
  });

  it('unmasks for an operator with a reason, audited, and never for the platform', async () => {
    await request(context.http).get(`/v1/borrowers/${BORROWER}/contact-plan`).query({ unmask: 'true', reason: 'because' }).set('Authorization', bearer('platform')).expect(403);
    await request(context.http).get(`/v1/borrowers/${BORROWER}/contact-plan`).query({ unmask: 'true' }).set('Authorization', bearer('operator')).expect(400);
    const body = await plan({ unmask: 'true', reason: 'skip trace case 42' }, 'operator');
    expect(body.masked).toBe(false);
    const spouse = body.thirdParties.find((party: { relation: string }) => party.relation === 'spouse');
    expect(spouse).toMatchObject({ name: '王芳', phones: [{ e164: '+8613900000001' }] });
    expect(body.borrowerContacts.addresses[0].text).toContain('阳光花园');
    const audit = await request(context.http).get('/v1/audit-events').query({ action: 'contact_plan.unmasked', borrowerRef: BORROWER }).set('Authorization', bearer('auditor')).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actorRole: 'operator', purpose: 'skip trace case 42', targetId: BORROWER });
  });

  it('answers concurrent requests read in one statement each with its own borrower and masking', async () => {
    const get = (ref: string, role: 'platform' | 'operator', query: Record<string, string> = {}) =>
      request(context.http).get(`/v1/borrowers/${ref}/contact-plan`).query(query).set('Authorization', bearer(role));
    // Sent together, so the repository gathers them into one read (unknown, masked and unmasked mixed).
    const [masked, unknown, friend, unmasked] = await Promise.all([
      get(BORROWER, 'platform'),
      get('NOBODY-CONCURRENT', 'platform'),
      get('CP-2', 'platform'),
      get(BORROWER, 'operator', { unmask: 'true', reason: 'concurrent check' }),
    ]);
    expect(unknown.status).toBe(404);
    expect(masked.body).toMatchObject({ borrowerRef: BORROWER, masked: true });
    // Personal data: never kept by a browser or proxy, and no body hashed into an ETag.
    expect(masked.headers['cache-control']).toBe('no-store');
    expect(masked.headers.etag).toBeUndefined();
    expect(masked.body.borrowerContacts.addresses[0].text).toBeUndefined();
    expect(friend.body.borrowerRef).toBe('CP-2');
    expect(friend.body.borrowerContacts.phones.map((phone: { masked: string }) => phone.masked)).toEqual(['139****0003']);
    expect(unmasked.body).toMatchObject({ borrowerRef: BORROWER, masked: false });
    expect(unmasked.body.borrowerContacts.addresses[0].text).toContain('阳光花园');
  });

  it('shows external-only data with consent and hides it again on revocation', async () => {
    await consent(true, true);
    expect((await plan()).borrowerContacts.phones.map((phone: { masked: string }) => phone.masked).sort()).toEqual(['138****0001', '138****0002']);
    await consent(true, false);
    const revoked = await plan();
    expect(revoked.thirdParties).toEqual([]);
    await consent(false, true);
    expect((await plan()).borrowerContacts.phones).toHaveLength(1);
  });

  it('honours do-not-contact and the one location inquiry per third party, unless they asked for a call back', async () => {
    const before = await plan();
    const colleague = before.thirdParties.find((party: { relation: string }) => party.relation === 'colleague');
    const friend = before.thirdParties.find((party: { relation: string }) => party.relation === 'friend');
    await request(context.http).put(`/v1/persons/${colleague.personId}/contact-preference`).set('Authorization', bearer('operator')).send({ doNotContact: true, reason: 'asked not to be called' }).expect(200);
    const result = await attempts([{ borrowerRef: BORROWER, phone: FRIEND, outcome: 'answered', attemptedAt: recently(30), contactedPerson: friend.personId }]);
    expect(result).toMatchObject({ accepted: 1, rejected: [] });
    const after = await plan();
    const reasons = Object.fromEntries(after.excluded.map((entry: { personId: string; reason: string }) => [entry.personId, entry.reason]));
    expect(reasons[colleague.personId]).toBe('do_not_contact');
    expect(reasons[friend.personId]).toBe('contact_limit');
    const callbackAt = new Date(Date.now() + 2 * 86_400_000);
    callbackAt.setUTCHours(3, 0, 0, 0); // 11:00 in Shanghai
    await attempts([{ borrowerRef: BORROWER, phone: FRIEND, outcome: 'answered', attemptedAt: recently(10), contactedPerson: friend.personId, callbackRequestedAt: callbackAt.toISOString() }]);
    const again = (await plan()).thirdParties.find((party: { personId: string }) => party.personId === friend.personId);
    expect(new Date(again.nextAllowedAt).getTime()).toBe(callbackAt.getTime());
  });

  it('moves the status from reachable to objective lost and starts a repair run', async () => {
    await attempts([{ borrowerRef: BORROWER, phone: `+86 ${OWN}`, outcome: 'answered', attemptedAt: recently(120) }]);
    expect((await plan()).status).toBe('reachable');
    await attempts([{ borrowerRef: BORROWER, phone: OWN, outcome: 'disconnected', attemptedAt: recently(5) }]);
    const lost = await plan();
    expect(lost.status).toBe('objective_lost');
    expect(lost.borrowerContacts.phones[0]).toMatchObject({ validity: 'invalid', score: 0, nextAllowedAt: null });
    expect(lost.repair).toMatchObject({ status: 'completed', sources: expect.arrayContaining(['crm']) });
    expect(lost.repair.sources).not.toContain('bureau');
    expect(lost.guidance.join(' ')).toMatch(/repair/);
  });

  it('turns what contacts say into leads and flags a near relative who contradicts distant contacts', async () => {
    const body = await plan();
    const spouse = body.thirdParties.find((party: { relation: string }) => party.relation === 'spouse');
    const brother = body.thirdParties.find((party: { hops: number }) => party.hops === 2);
    const calls = [
      { borrowerRef: BORROWER, phone: SPOUSE, outcome: 'answered', attemptedAt: recently(3), contactedPerson: spouse.personId, newInformation: { phones: ['13766660001'], note: 'moved away' } },
      { borrowerRef: BORROWER, phone: FRIEND_BROTHER, outcome: 'answered', attemptedAt: recently(2), contactedPerson: brother.personId, newInformation: { phones: ['13766660002'] } },
    ];
    const result = await attempts(calls);
    expect(result).toMatchObject({ accepted: 2, leads: 2 });
    // Resending the same batch (a timeout on the platform's side) stores nothing twice.
    const count = async (table: string) => Number((await context.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);
    const before = [await count('contact_attempt'), await count('lead'), await count('source_record_version')];
    await attempts(calls);
    expect([await count('contact_attempt'), await count('lead'), await count('source_record_version')]).toEqual(before);
    const after = await plan();
    expect(after.conflicts).toEqual([
      expect.objectContaining({ nearInformant: { personId: spouse.personId, relation: 'spouse' }, near: ['137****0001'], far: ['137****0002'] }),
    ]);
    expect(after.borrowerContacts.phones.map((phone: { masked: string }) => phone.masked)).toEqual(expect.arrayContaining(['137****0001', '137****0002']));
  });

  it('rejects bad attempts one by one', async () => {
    const result = await attempts([
      { borrowerRef: 'NOBODY', phone: OWN, outcome: 'answered', attemptedAt: recently(1) },
      { borrowerRef: BORROWER, phone: '138****0001', outcome: 'answered', attemptedAt: recently(1) },
      { borrowerRef: BORROWER, phone: OWN, outcome: 'hung_up', attemptedAt: recently(1) },
      { borrowerRef: BORROWER, phone: OWN, outcome: 'busy', attemptedAt: recently(1), contactedPerson: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(result.accepted).toBe(0);
    expect(result.rejected.map((entry: { errors: string[] }) => entry.errors.join('; '))).toEqual([
      expect.stringMatching(/^borrowerRef: borrower "NOBODY" is not known/),
      expect.stringMatching(/^phone: .*mask/i),
      expect.stringMatching(/^outcome: "hung_up" is not one of/),
      expect.stringMatching(/^contactedPerson: no such person/),
    ]);
    await request(context.http).get('/v1/borrowers/NOBODY/contact-plan').set('Authorization', bearer('platform')).expect(404);
    await request(context.http).get(`/v1/borrowers/${BORROWER}/contact-plan`).set('Authorization', bearer('auditor')).expect(403);
  });
});
