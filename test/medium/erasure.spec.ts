import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrphans } from '../../src/database/referential-integrity.js';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import { aSourceRecord } from '../support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from '../support/test-application.js';

/** Synthetic borrower to erase, and what identifies it or the persons reached only through it. */
const ERASED = 'ERASE-ME-7731';
const KEPT = 'KEEP-ME-4410';
const NAME = '欧阳明远';
const ID_NUMBER = '33010619850412771X';
const OWN_PHONE = '13712345011';
const OWN_ADDRESS = '浙江省杭州市西湖区文三路100号星光小区5栋1单元302室';
const SPOUSE = '司马丽华';
const SPOUSE_PHONE = '13712345012';
const LEAD_PHONE = '13712345014';
const EMPLOYER = '杭州星辰示例科技有限公司';
/** A friend both borrowers name: stays for KEEP-ME. */
const FRIEND = '诸葛大山';
const FRIEND_PHONE = '13712345013';

const SECRETS = [ERASED, NAME, ID_NUMBER, OWN_PHONE, OWN_ADDRESS, '星光小区', SPOUSE, SPOUSE_PHONE, LEAD_PHONE, EMPLOYER, 'EVIDENCE-7731'];

let context: TestApplication;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();
const admin = bearer('admin');

/** Every text, character, array and json(b) column of every table, searched for `value`: where it still occurs. */
async function occurrences(value: string): Promise<string[]> {
  const columns: { table_name: string; column_name: string }[] = await context.dataSource.query(
    `SELECT columns.table_name, columns.column_name FROM information_schema.columns columns
     JOIN information_schema.tables tables ON tables.table_schema = columns.table_schema AND tables.table_name = columns.table_name
     WHERE columns.table_schema = 'public' AND tables.table_type = 'BASE TABLE'
       AND (columns.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR columns.data_type = 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row]: { hits: number }[] = await context.dataSource.query(
      `SELECT count(*)::int AS hits FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`,
      [value],
    );
    if (row.hits > 0) found.push(`${table}.${column}`);
  }
  return found;
}

beforeAll(async () => {
  context = await createTestApplication();
  await request(context.http).put('/v1/sources/crm').set('Authorization', admin).send({ system: 'sales', kind: 'internal' }).expect(201);
  const ingest = async (records: unknown[]) => {
    const response = await request(context.http).post('/v1/sources/crm/records').set('Authorization', bearer('platform')).send({ records }).expect(200);
    await idle();
    return response.body;
  };
  const accepted = await ingest([
    aSourceRecord({
      sourceRecordId: 'erase-self',
      borrower: { ref: ERASED, name: NAME, idNumber: ID_NUMBER },
      phones: [OWN_PHONE],
      addresses: [{ text: OWN_ADDRESS, kind: 'home' }],
      employer: { name: EMPLOYER, phone: '0571-88001234' },
    }),
    aSourceRecord({ sourceRecordId: 'erase-spouse', borrower: { ref: ERASED }, subject: { role: 'contact', name: SPOUSE, relation: '老婆' }, phones: [SPOUSE_PHONE], addresses: [] }),
    aSourceRecord({ sourceRecordId: 'erase-friend', borrower: { ref: ERASED }, subject: { role: 'contact', name: FRIEND, relation: '朋友' }, phones: [FRIEND_PHONE], addresses: [] }),
    aSourceRecord({ sourceRecordId: 'keep-self', borrower: { ref: KEPT, name: '上官清风' }, phones: ['13712345021'], addresses: [] }),
    aSourceRecord({ sourceRecordId: 'keep-friend', borrower: { ref: KEPT }, subject: { role: 'contact', name: FRIEND, relation: '朋友' }, phones: [FRIEND_PHONE], addresses: [] }),
    // Rejected, so quarantined with its payload: a date that is not one.
    { ...aSourceRecord({ sourceRecordId: 'erase-broken', borrower: { ref: ERASED, name: NAME }, phones: [OWN_PHONE] }), observedAt: 'yesterday-ish' },
  ]);
  expect(accepted.rejected).toHaveLength(1);
  // A second version of the borrower's own record: two payloads.
  await ingest([aSourceRecord({ sourceRecordId: 'erase-self', borrower: { ref: ERASED, name: NAME, idNumber: ID_NUMBER }, phones: [OWN_PHONE], addresses: [{ text: OWN_ADDRESS }] })]);
  for (const ref of [ERASED, KEPT]) {
    await request(context.http)
      .put(`/v1/borrowers/${ref}/consents`)
      .set('Authorization', bearer('platform'))
      .send({ externalSources: false, thirdPartyContact: true, evidenceRef: `EVIDENCE-${ref.slice(-4)}`, grantedAt: '2026-01-01T00:00:00+08:00' })
      .expect(200);
  }
  // Reads that leave audit events naming the borrower, its spouse and what they said.
  const plan = (
    await request(context.http).get(`/v1/borrowers/${ERASED}/contact-plan`).query({ unmask: 'true', reason: `call ${NAME} about ${OWN_PHONE}` }).set('Authorization', bearer('operator')).expect(200)
  ).body;
  const spouse = plan.thirdParties.find((party: { name: string }) => party.name === SPOUSE);
  expect(spouse).toBeDefined();
  const attempts = await request(context.http)
    .post('/v1/contact-attempts')
    .set('Authorization', bearer('platform'))
    .send({
      attempts: [
        { borrowerRef: ERASED, phone: OWN_PHONE, outcome: 'disconnected', attemptedAt: new Date(Date.now() - 3_600_000).toISOString() },
        {
          borrowerRef: ERASED,
          phone: SPOUSE_PHONE,
          outcome: 'answered',
          attemptedAt: new Date(Date.now() - 1_800_000).toISOString(),
          contactedPerson: spouse.personId,
          newInformation: { note: `${SPOUSE}说${NAME}换了号码`, phones: [LEAD_PHONE] },
        },
      ],
    })
    .expect(200);
  expect(attempts.body).toMatchObject({ accepted: 2, rejected: [] });
  await idle();
  await request(context.http).put(`/v1/persons/${spouse.personId}/contact-preference`).set('Authorization', bearer('operator')).send({ doNotContact: true, reason: `${SPOUSE} asked` }).expect(200);
  await idle();
});
afterAll(() => context?.close());

describe('erasure (medium: the whole database searched)', () => {
  it('finds every identifying value before the erasure (the search works)', async () => {
    for (const value of SECRETS) expect(await occurrences(value), value).not.toEqual([]);
  });

  it('leaves none of the borrower or the persons reached only through it, and keeps the shared friend for the other borrower', async () => {
    const accepted = await request(context.http)
      .post(`/v1/borrowers/${ERASED}/erasure`)
      .set('Authorization', admin)
      .send({ reason: 'data subject request ticket 88', legalBasis: 'data_subject_request' })
      .expect(202);
    await idle();
    const status = (await request(context.http).get(`/v1/erasures/${accepted.body.id}`).set('Authorization', admin).expect(200)).body;
    expect(status).toMatchObject({ status: 'completed', error: null });
    expect(status.counts).toMatchObject({ borrowers: 1, consents: 1, consentProofsKept: 1, sharedContactPointsKept: 1 });
    expect(status.counts.persons).toBeGreaterThanOrEqual(2);
    expect(status.counts.quarantinedRecords).toBe(1);
    expect(status.counts.auditEventsPseudonymised).toBeGreaterThan(0);

    const leftovers = Object.fromEntries(await Promise.all(SECRETS.map(async (value) => [value, await occurrences(value)])));
    expect(leftovers).toEqual(Object.fromEntries(SECRETS.map((value) => [value, []])));

    // The other borrower still reaches the shared friend, now named only by it.
    const kept = (
      await request(context.http).get(`/v1/borrowers/${KEPT}/contact-plan`).query({ unmask: 'true', reason: 'erasure check' }).set('Authorization', bearer('operator')).expect(200)
    ).body;
    const friend = kept.thirdParties.find((party: { name: string }) => party.name === FRIEND);
    expect(friend).toMatchObject({ phones: [expect.objectContaining({ e164: `+86${FRIEND_PHONE}` })] });
    await idle();
    const [point] = await context.dataSource.query("SELECT borrower_count FROM contact_point WHERE kind = 'phone' AND e164 = $1", [`+86${FRIEND_PHONE}`]);
    expect(point.borrower_count).toBe(1);
    await request(context.http).get(`/v1/borrowers/${ERASED}/contact-plan`).set('Authorization', bearer('platform')).expect(404);
    expect((await findOrphans(context.dataSource)).filter((count) => count.orphans > 0)).toEqual([]);
  });

  it('keeps the audit events, pseudonymised, and a minimal proof of consent', async () => {
    const events = (await request(context.http).get('/v1/audit-events').query({ limit: 200 }).set('Authorization', bearer('auditor')).expect(200)).body.items;
    const erased = events.filter((event: { borrowerRef: string | null }) => event.borrowerRef?.startsWith('erased:'));
    expect(erased.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['consent.recorded', 'contact_plan.unmasked', 'erasure.requested', 'erasure.completed']));
    expect(new Set(erased.map((event: { borrowerRef: string }) => event.borrowerRef)).size).toBe(1);
    const [proof] = await context.dataSource.query('SELECT borrower_pseudonym, evidence_ref_hash, third_party_contact, granted_at FROM consent_proof');
    expect(`erased:${proof.borrower_pseudonym}`).toBe(erased[0].borrowerRef);
    expect(proof).toMatchObject({ third_party_contact: true, evidence_ref_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('leaves the audit log append-only outside an erasure', async () => {
    await expect(context.dataSource.query("UPDATE audit_event SET purpose = 'x'")).rejects.toThrow(/append-only/);
    await expect(context.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(
      context.dataSource.transaction(async (manager) => {
        await manager.query("SELECT set_config('contact_recovery.erasure', 'on', true)");
        await manager.query("UPDATE audit_event SET action = 'rewritten'");
      }),
    ).rejects.toThrow(/may only pseudonymise/);
  });
});
