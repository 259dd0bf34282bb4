import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aMobile, aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';
import { seededRandom } from './support/seeded-random.js';

// Issue 11 ("Trust"): every string the service takes is checked at the boundary; nothing a request
// holds answers 500, fails a batch, or leaves rows behind that nothing names.

let context: TestApplication;

const NUL = '\u0000';
const HIGH = '\uD83D'; // first half of a surrogate pair, alone
const LOW = '\uDE00'; // second half, alone

beforeAll(async () => {
  context = await createTestApplication();
  for (const key of ['crm', 'fuzz']) {
    await request(context.http).put(`/v1/sources/${key}`).set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
  }
});
afterAll(() => context?.close());

const idle = () => (context.queue as InProcessQueueDriver).whenIdle();

/** JSON text built by hand: supertest's JSON.stringify keeps lone surrogates as escapes, which is what a source sends. */
const postRaw = (json: string, path = '/v1/sources/crm/records', role: 'platform' | 'admin' = 'platform') =>
  request(context.http).post(path).set('Authorization', bearer(role)).set('Content-Type', 'application/json').send(json);
const post = (records: unknown[], source = 'crm') => postRaw(JSON.stringify({ records }), `/v1/sources/${source}/records`);

const query = <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> => context.dataSource.query(sql, parameters);
const count = async (sql: string, parameters: unknown[] = []): Promise<number> => Number((await query<{ count: string }>(sql, parameters))[0].count);

/** Borrowers and contact points that no stored record, observation or consent names. */
const orphans = async () => ({
  borrowers: await count(
    `SELECT count(*) FROM borrower b
     WHERE NOT EXISTS (SELECT 1 FROM source_record_version v WHERE v.borrower_id = b.id)
       AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.borrower_id = b.id)`,
  ),
  contactPoints: await count('SELECT count(*) FROM contact_point p WHERE NOT EXISTS (SELECT 1 FROM observation o WHERE o.contact_point_id = p.id)'),
});

describe('ingest: bad text in one record', () => {
  it('rejects each record with a NUL or a lone surrogate, stores the good ones beside them, and creates nothing for the bad', async () => {
    const good = [aSourceRecord({ sourceRecordId: 'text-good-1' }), aSourceRecord({ sourceRecordId: 'text-good-2', borrower: { name: '表情😀' } })];
    const bad = [
      aSourceRecord({ sourceRecordId: 'text-bad-name', borrower: { ref: 'TB-1', name: `张${NUL}三` }, phones: [aMobile(9_100_001)] }),
      aSourceRecord({ sourceRecordId: 'text-bad-ref', borrower: { ref: `TB-2${HIGH}` }, phones: [aMobile(9_100_002)] }),
      aSourceRecord({ sourceRecordId: 'text-bad-address', borrower: { ref: 'TB-3' }, addresses: [{ text: `北京市海淀区${LOW}中关村大街27号` }], phones: [aMobile(9_100_003)] }),
      aSourceRecord({ sourceRecordId: 'text-bad-phone', borrower: { ref: 'TB-4' }, phones: [`${aMobile(9_100_004)}${NUL}`] }),
      aSourceRecord({ sourceRecordId: 'text-bad-relation', borrower: { ref: 'TB-5' }, subject: { role: 'contact', relation: `配偶${HIGH}` }, phones: [aMobile(9_100_005)] }),
      // Rejected for its date, and carrying NUL and a lone surrogate in fields nobody reads.
      { ...aSourceRecord({ sourceRecordId: 'text-bad-unknown', borrower: { ref: 'TB-6' }, phones: [aMobile(9_100_006)] }), observedAt: 'soon', extra: `x${NUL}${LOW}`, [`key${HIGH}`]: 1 },
      { ...aSourceRecord({ sourceRecordId: 'text-bad-unknown-2', borrower: { ref: 'TB-7' }, phones: [aMobile(9_100_007)] }), note: `fine${NUL}` },
    ];
    const borrowersBefore = await count('SELECT count(*) FROM borrower');
    const response = await post([good[0], ...bad, good[1]]).expect(200);
    expect(response.body).toMatchObject({ accepted: 2, duplicates: 0 });
    const rejected = response.body.rejected as { index: number; errors: string[] }[];
    expect(rejected.map((entry) => entry.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rejected.map((entry) => entry.errors.join('; '))).toEqual([
      expect.stringMatching(/^borrower\.name: contains a NUL character/),
      expect.stringMatching(/^borrower\.ref: contains an unpaired UTF-16 surrogate/),
      expect.stringMatching(/^addresses\[0\]\.text: contains an unpaired UTF-16 surrogate/),
      expect.stringMatching(/^phones\[0\]: contains a NUL character/),
      expect.stringMatching(/^subject\.relation: contains an unpaired UTF-16 surrogate/),
      expect.stringMatching(/observedAt: .*not an ISO-8601/),
      expect.stringMatching(/^note: contains a NUL character/),
    ]);
    for (const record of good) {
      await request(context.http).get(`/v1/sources/crm/records/${record.sourceRecordId}`).set('Authorization', bearer('admin')).expect(200);
    }
    const quarantined = await query<{ batch_index: number }>('SELECT batch_index FROM quarantined_record WHERE batch_id = $1 ORDER BY batch_index', [response.body.batchId]);
    expect(quarantined.map((row) => row.batch_index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Nothing was created for the rejected records: only the two good borrowers are new.
    expect(await count('SELECT count(*) FROM borrower')).toBe(borrowersBefore + 2);
    expect(await count("SELECT count(*) FROM borrower WHERE ref LIKE 'TB-%'")).toBe(0);
    expect(await orphans()).toEqual({ borrowers: 0, contactPoints: 0 });
  });

  it('never counts a record with a lone surrogate in its sourceRecordId a duplicate: it is rejected, every time', async () => {
    const record = aSourceRecord({ sourceRecordId: `surrogate-id-${HIGH}` });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await post([record]).expect(200);
      expect(response.body).toMatchObject({ accepted: 0, duplicates: 0 });
      expect(response.body.rejected).toEqual([{ index: 0, sourceRecordId: 'surrogate-id-\uFFFD', errors: [expect.stringMatching(/^sourceRecordId: contains an unpaired UTF-16 surrogate/)] }]);
    }
    // No head row without a version.
    expect(await count("SELECT count(*) FROM source_record WHERE source_record_id LIKE 'surrogate-id-%'")).toBe(0);
    expect(await count('SELECT count(*) FROM source_record r WHERE NOT EXISTS (SELECT 1 FROM source_record_version v WHERE v.source_record_uuid = r.id)')).toBe(0);
  });
});

describe('ingest: deep and huge records', () => {
  it('quarantines a record nested 5,000 deep and keeps the batch', async () => {
    const depth = 5_000;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const good = aSourceRecord({ sourceRecordId: 'deep-good' });
    const json = `{"records":[${JSON.stringify(good)},{"sourceRecordId":"deep-bad","nested":${deep}}]}`;
    const response = await postRaw(json).expect(200);
    expect(response.body).toMatchObject({ accepted: 1, rejected: [{ index: 1, sourceRecordId: 'deep-bad', errors: [expect.stringMatching(/nested more than 32 levels deep/)] }] });
    const [row] = await query<{ payload: { $quarantinedAsText?: { reason: string }; text?: string }; size: number }>(
      'SELECT payload, octet_length(payload::text) AS size FROM quarantined_record WHERE batch_id = $1',
      [response.body.batchId],
    );
    expect(row.payload.$quarantinedAsText?.reason).toMatch(/nested more than 32 levels deep/);
    expect(row.size).toBeLessThanOrEqual(70 * 1024);
  });

  it('keeps at most 64 KB of a quarantined record, as text with a marker', async () => {
    const huge = { ...aSourceRecord({ sourceRecordId: 'huge-bad' }), observedAt: 'never', blob: '大'.repeat(1_500_000) };
    const response = await post([huge, aSourceRecord({ sourceRecordId: 'huge-good' })]).expect(200);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected[0].errors).toEqual(expect.arrayContaining([expect.stringMatching(/^blob: is 1500000 characters/)]));
    const [row] = await query<{ payload: { $quarantinedAsText: { reason: string; bytes: number }; text: string }; size: number }>(
      'SELECT payload, octet_length(payload::text) AS size FROM quarantined_record WHERE batch_id = $1',
      [response.body.batchId],
    );
    expect(row.payload.$quarantinedAsText.bytes).toBeGreaterThan(4_000_000);
    expect(row.payload.text.startsWith('{"sourceRecordId":"huge-bad"')).toBe(true);
    expect(row.size).toBeLessThanOrEqual(70 * 1024);
  });
});

describe('parameters: 400 naming the parameter, never 500', () => {
  it('refuses a consent body of 100,000 nested objects', async () => {
    const depth = 100_000;
    const body = `{"externalSources":true,"thirdPartyContact":true,"evidenceRef":"c-1","grantedAt":"2026-01-01T00:00:00Z","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const response = await request(context.http).put('/v1/borrowers/NEST-1/consents').set('Authorization', bearer('platform')).set('Content-Type', 'application/json').send(body);
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual([expect.stringMatching(/^x(\.a)+: is nested more than 32 levels deep/)]);
  });

  it('refuses a 10,000-character ref in the path', async () => {
    const ref = 'R'.repeat(10_000);
    const consent = { externalSources: true, thirdPartyContact: true, evidenceRef: 'c-1', grantedAt: '2026-01-01T00:00:00Z' };
    const put = await request(context.http).put(`/v1/borrowers/${ref}/consents`).set('Authorization', bearer('platform')).send(consent);
    expect(put.status).toBe(400);
    expect(put.body.message).toEqual(['ref: is 10000 characters, at most 1000 allowed']);
    expect((await request(context.http).get(`/v1/borrowers/${ref}/consents`).set('Authorization', bearer('admin'))).status).toBe(400);
    expect((await request(context.http).get(`/v1/borrowers/${ref}/contact-plan`).set('Authorization', bearer('operator'))).status).toBe(400);
    // Under the parameter limit but over the column: the database's refusal is the request's fault too.
    const longer = await request(context.http).put(`/v1/borrowers/${'R'.repeat(500)}/consents`).set('Authorization', bearer('platform')).send(consent);
    expect(longer.status).toBe(400);
    expect(longer.body.message).toMatch(/too long/);
  });

  it('refuses NUL and lone surrogates in path and query parameters', async () => {
    const read = await request(context.http).get('/v1/sources/crm/records/a%00b').set('Authorization', bearer('admin'));
    expect(read.status).toBe(400);
    expect(read.body.message).toEqual(['sourceRecordId: contains a NUL character']);
    const consent = await request(context.http).get('/v1/borrowers/B%00/consents').set('Authorization', bearer('admin'));
    expect(consent.status).toBe(400);
    expect(consent.body.message).toEqual(['ref: contains a NUL character']);
    // %ED%A0%80 is a lone high surrogate encoded as UTF-8 (not valid UTF-8): decodes to U+FFFD or fails; never 500.
    expect((await request(context.http).get('/v1/borrowers/B%ED%A0%80/consents').set('Authorization', bearer('admin'))).status).not.toBe(500);
    const audit = await request(context.http).get('/v1/audit-events?action=a%00b').set('Authorization', bearer('auditor'));
    expect(audit.status).toBe(400);
    expect(audit.body.message).toEqual(['action: contains a NUL character']);
    const unmask = await request(context.http).get('/v1/sources/crm/records/text-good-1?unmask=true&reason=x%00').set('Authorization', bearer('operator'));
    expect(unmask.status).toBe(400);
    expect(unmask.body.message).toEqual(['reason: contains a NUL character']);
  });

  it('refuses malformed cursors and ids', async () => {
    const cursor = (text: string) => Buffer.from(text).toString('base64url');
    const suggestions = (after: string) => request(context.http).get('/v1/match-suggestions').query({ after }).set('Authorization', bearer('operator'));
    for (const after of ['not-a-cursor', cursor(`2024-01-01T00:00:00.000Z|${'-'.repeat(36)}`), cursor('+275760-09-13T00:00:00.000Z|00000000-0000-0000-0000-000000000000'), cursor('garbage|x')]) {
      const response = await suggestions(after);
      expect(response.status, after).toBe(400);
    }
    const merges = await request(context.http).get('/v1/merges').query({ id: '-'.repeat(36) }).set('Authorization', bearer('operator'));
    expect(merges.status).toBe(400);
    expect(merges.body.message).toEqual(['id: must be a UUID']);
    for (const before of ['9'.repeat(19), '9223372036854775808']) {
      const response = await request(context.http).get('/v1/audit-events').query({ before }).set('Authorization', bearer('auditor'));
      expect(response.status, before).toBe(400);
      expect(response.body.message).toEqual(['before: must be the nextCursor of the previous page']);
    }
    expect((await request(context.http).get('/v1/audit-events').query({ before: '9223372036854775807' }).set('Authorization', bearer('auditor'))).status).toBe(200);
    // Dates at the edges of what either side can hold: an answer, never a 500.
    for (const range of [{ from: '0000-01-01' }, { to: '9999-12-31T23:59:59-14:00' }, { from: '0001-01-01T00:00:00+14:00' }]) {
      const response = await request(context.http).get('/v1/audit-events').query(range).set('Authorization', bearer('auditor'));
      expect([200, 400], JSON.stringify(range)).toContain(response.status);
    }
  });
});

describe('contact attempts', () => {
  it('rejects an attempt whose note holds a NUL before anything is stored, every time it is sent', async () => {
    await post([aSourceRecord({ sourceRecordId: 'attempt-self', borrower: { ref: 'ATT-1' }, phones: [aMobile(7_700_001)] })]).expect(200);
    await idle();
    const attemptsBefore = await count('SELECT count(*) FROM contact_attempt');
    const attempt = {
      borrowerRef: 'ATT-1',
      phone: aMobile(7_700_001),
      outcome: 'wrong_person',
      attemptedAt: new Date(Date.now() - 60_000).toISOString(),
      newInformation: { note: `new number${NUL}`, phones: [aMobile(7_700_002)] },
    };
    for (let attemptNumber = 0; attemptNumber < 2; attemptNumber += 1) {
      const response = await request(context.http).post('/v1/contact-attempts').set('Authorization', bearer('platform')).send({ attempts: [attempt] });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ accepted: 0, leads: 0, rejected: [{ index: 0, errors: ['newInformation.note: contains a NUL character'] }] });
      await idle();
    }
    expect(await count('SELECT count(*) FROM contact_attempt')).toBe(attemptsBefore);
    // A lone surrogate anywhere in an attempt, a field nobody reads included, rejects that attempt alone.
    const mixed = await request(context.http)
      .post('/v1/contact-attempts')
      .set('Authorization', bearer('platform'))
      .set('Content-Type', 'application/json')
      .send(`{"attempts":[${JSON.stringify({ ...attempt, newInformation: undefined, extra: `x${HIGH}` })},${JSON.stringify({ ...attempt, newInformation: undefined })}]}`);
    expect(mixed.status).toBe(200);
    expect(mixed.body).toMatchObject({ accepted: 1, rejected: [{ index: 0, errors: [expect.stringMatching(/^extra: contains an unpaired UTF-16 surrogate/)] }] });
  });
});

const random = seededRandom;

describe('ingest fuzz', () => {
  it('answers every seeded batch of good records mixed with NUL, lone surrogates, deep nesting and huge fields without a 500, and loses no good record', async () => {
    const next = random(20_261_203);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const goodText = () => pick(['张三', '李四', 'Wang Wu', '王芳😀', '赵 敏', 'O’Brien', '阿卜杜拉·买买提', '𠀋𠀌']);
    const poison = () => pick([NUL, HIGH, LOW, `${LOW}${HIGH}`, `a${NUL}b`, `\uDBFF`, `x${HIGH}y`]);
    const inject = (value: string) => {
      const at = Math.floor(next() * (value.length + 1));
      return `${value.slice(0, at)}${poison()}${value.slice(at)}`;
    };
    type Mutation = (record: Record<string, unknown>) => string | void;
    const mutations: Mutation[] = [
      (record) => void ((record.borrower as Record<string, unknown>).name = inject(goodText())),
      (record) => void ((record.borrower as Record<string, unknown>).ref = inject(String((record.borrower as Record<string, unknown>).ref))),
      (record) => void (record.sourceRecordId = inject(String(record.sourceRecordId))),
      (record) => void ((record.phones as string[])[0] = inject((record.phones as string[])[0])),
      (record) => void ((record.addresses as { text: string }[])[0].text = inject('广东省深圳市南山区科技南十二路18号')),
      (record) => void (record.subject = { role: 'contact', relation: inject('同事') }),
      (record) => void (record[inject('unknown')] = 1),
      (record) => void (record.extra = inject('z'.repeat(Math.floor(next() * 50)))),
      (record) => {
        let nested: unknown = 'leaf';
        for (let level = 0; level < 40 + Math.floor(next() * 3_000); level += 1) nested = [nested];
        record.nested = nested;
      },
      (record) => void (record.blob = 'x'.repeat(70_000 + Math.floor(next() * 200_000))),
      (record) => void ((record.borrower as Record<string, unknown>).name = goodText().repeat(200)),
    ];

    let stored = 0;
    const goodIds: string[] = [];
    for (let batch = 0; batch < 6; batch += 1) {
      const records: unknown[] = [];
      const goodIndexes: number[] = [];
      for (let index = 0; index < 30; index += 1) {
        const record = aSourceRecord({
          sourceRecordId: `fuzz-${batch}-${index}`,
          borrower: { ref: `FZ-${batch}-${index % 7}`, name: goodText() },
          phones: [aMobile(5_000_000 + batch * 100 + index)],
        }) as unknown as Record<string, unknown>;
        if (next() < 0.5) {
          goodIndexes.push(index);
          goodIds.push(String(record.sourceRecordId));
        } else {
          pick(mutations)(record);
        }
        records.push(record);
      }
      // JSON.stringify writes lone surrogates as \\u escapes, which JSON.parse turns back into lone surrogates.
      const response = await postRaw(`{"records":${JSON.stringify(records)}}`, '/v1/sources/fuzz/records');
      expect(response.status, `batch ${batch}`).toBe(200);
      expect(response.body.accepted, `batch ${batch}`).toBe(goodIndexes.length);
      expect(response.body.duplicates).toBe(0);
      expect(response.body.rejected.map((entry: { index: number }) => entry.index)).toEqual(records.map((_, index) => index).filter((index) => !goodIndexes.includes(index)));
      stored += goodIndexes.length;
      // A resend is all duplicates for the good records, and the same rejections.
      const again = await postRaw(`{"records":${JSON.stringify(records)}}`, '/v1/sources/fuzz/records');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ accepted: 0, duplicates: goodIndexes.length });
      expect(again.body.rejected).toHaveLength(records.length - goodIndexes.length);
    }
    await idle();
    // Read back: every good record has its head and exactly one version; nothing else of the fuzz source is stored.
    expect(await count("SELECT count(*) FROM source_record WHERE source_key = 'fuzz'")).toBe(stored);
    expect(
      await count(
        `SELECT count(*) FROM source_record r JOIN source_record_version v ON v.source_record_uuid = r.id
         WHERE r.source_key = 'fuzz' AND r.source_record_id = ANY($1) AND r.current_version = 1`,
        [goodIds],
      ),
    ).toBe(goodIds.length);
    expect(await count("SELECT count(*) FROM quarantined_record WHERE source_key = 'fuzz' AND octet_length(payload::text) > 70 * 1024")).toBe(0);
    expect(await orphans()).toEqual({ borrowers: 0, contactPoints: 0 });
  });
});
