import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_OUTCOMES } from '../src/contact-attempts/attempt-outcome.js';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { RECORD_LIMITS, SUBJECT_ROLES } from '../src/records/source-record.js';
import { aBatch, aMobile, aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

let context: TestApplication;

beforeAll(async () => {
  context = await createTestApplication();
  await request(context.http).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
});
afterAll(() => context?.close());

const post = (records: unknown[], source = 'crm') =>
  request(context.http).post(`/v1/sources/${source}/records`).set('Authorization', bearer('platform')).send({ records });

/** Full values need an operator and a reason (masked otherwise): for tests about what a record resolved to. */
const readUnmasked = (sourceRecordId: string) =>
  request(context.http).get(`/v1/sources/crm/records/${sourceRecordId}`).query({ unmask: 'true', reason: 'e2e check' }).set('Authorization', bearer('operator')).expect(200);

const count = async (table: string): Promise<number> => Number((await context.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);

describe('POST /v1/sources/:key/records', () => {
  it('stores records and resolves every phone and address in the record order', async () => {
    const record = aSourceRecord({
      sourceRecordId: 'order-1',
      phones: ['138-1234-5678', '010-62345678转123', '138****5678', '+86 138 1234 5678'],
      addresses: [{ text: '北京市海淀区中关村大街27号3栋2单元501室', kind: 'home' }],
    });
    const response = await post([record]).expect(200);
    expect(response.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });
    expect(response.body.unusablePhones).toEqual([
      expect.objectContaining({ index: 0, sourceRecordId: 'order-1', raw: '138****5678', reason: expect.stringMatching(/mask/i) }),
    ]);

    const read = await readUnmasked('order-1');
    expect(read.body.record.sourceRecordId).toBe('order-1');
    expect(read.body.phones.map((phone: { raw: string }) => phone.raw)).toEqual(record.phones);
    const [first, landline, masked, same] = read.body.phones;
    expect(first).toMatchObject({ e164: '+8613812345678', contactPointId: expect.any(String) });
    expect(landline).toMatchObject({ e164: '+861062345678', extension: '123' });
    expect(masked).toMatchObject({ contactPointId: null, error: expect.any(String) });
    expect(same.contactPointId).toBe(first.contactPointId);
    expect(read.body.addresses).toEqual([{ raw: record.addresses[0].text, contactPointId: expect.any(String) }]);
    expect(read.body.personId).toEqual(expect.any(String));
  });

  it('rejects each bad record with a reason and keeps the good ones', async () => {
    const good = aSourceRecord({ sourceRecordId: 'good-1' });
    const bad: unknown[] = [
      { ...aSourceRecord(), sourceRecordId: undefined },
      { ...aSourceRecord(), sourceRecordId: 42 },
      { ...aSourceRecord(), borrower: { name: '王五' } },
      { ...aSourceRecord(), observedAt: 'yesterday' },
      { ...aSourceRecord(), observedAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
      { ...aSourceRecord(), phones: '13812345678' },
      { ...aSourceRecord(), subject: { role: 'neighbour' } },
      { ...aSourceRecord(), addresses: [{ text: '深'.repeat(501) }] },
      'not an object',
    ];
    const response = await post([good, ...bad]).expect(200);
    expect(response.body.accepted).toBe(1);
    const errors = response.body.rejected.map((entry: { index: number; errors: string[] }) => [entry.index, entry.errors.join('; ')]);
    expect(errors).toEqual([
      [1, expect.stringMatching(/^sourceRecordId: is required/)],
      [2, expect.stringMatching(/^sourceRecordId: must be a string/)],
      [3, expect.stringMatching(/^borrower\.ref: is required/)],
      [4, expect.stringMatching(/^observedAt: .* not an ISO-8601/)],
      [5, expect.stringMatching(/^observedAt: is more than a day in the future/)],
      [6, expect.stringMatching(/^phones: must be an array/)],
      [7, expect.stringMatching(/^subject\.role: "neighbour" is not one of/)],
      [8, expect.stringMatching(/^addresses\[0\]\.text: is 501 characters/)],
      [9, 'record: must be a JSON object'],
    ]);
    const quarantined = await context.dataSource.query('SELECT batch_index, errors FROM quarantined_record WHERE batch_id = $1 ORDER BY batch_index', [response.body.batchId]);
    expect(quarantined.map((row: { batch_index: number }) => row.batch_index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await request(context.http).get('/v1/sources/crm/records/good-1').set('Authorization', bearer('admin')).expect(200);
  });

  it('answers 404 for an unknown source, 400 for a body without records or not JSON, 413 above 1000 records', async () => {
    await post([aSourceRecord()], 'nope').expect(404);
    await request(context.http).post('/v1/sources/crm/records').set('Authorization', bearer('platform')).send({ rows: [] }).expect(400);
    await request(context.http).post('/v1/sources/crm/records').set('Authorization', bearer('platform')).send([]).expect(400);
    await request(context.http)
      .post('/v1/sources/crm/records')
      .set('Authorization', bearer('platform'))
      .set('Content-Type', 'application/json')
      .send('{"records": [')
      .expect(400);
    const tooMany = await post(Array.from({ length: 1001 }, () => ({}))).expect(413);
    expect(tooMany.body.message).toMatch(/at most 1000/);
  });

  it('is idempotent: the same 1000-record batch twice adds no rows', async () => {
    const batch = aBatch(1000, { borrowers: 300, prefix: 'idem' });
    const first = await post(batch).expect(200);
    expect(first.body).toMatchObject({ accepted: 1000, duplicates: 0, rejected: [] });
    const tables = ['source_record', 'source_record_version', 'observation', 'contact_point', 'person', 'borrower', 'borrower_person', 'person_contact_point'];
    const before = await Promise.all(tables.map(count));
    const second = await post(batch).expect(200);
    expect(second.body).toMatchObject({ accepted: 0, duplicates: 1000, rejected: [] });
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('keeps history: changed content is a new version, the old one stays', async () => {
    const original = aSourceRecord({ sourceRecordId: 'versioned', phones: ['13900000001'] });
    await post([original]).expect(200);
    const changed = { ...original, phones: ['13900000002'] };
    const response = await post([changed, changed]).expect(200);
    expect(response.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const read = await readUnmasked('versioned');
    expect(read.body.version).toBe(2);
    expect(read.body.phones[0].e164).toBe('+8613900000002');
    expect(read.body.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    await expect(context.dataSource.query("UPDATE source_record_version SET content_hash = 'x'")).rejects.toThrow(/append-only/);
  });

  it('links the same contact named by two borrowers to one person', async () => {
    const shared = '13700001111';
    await post([
      aSourceRecord({ sourceRecordId: 'share-a', borrower: { ref: 'SHARE-A' }, subject: { role: 'contact', name: '李四', relation: '朋友' }, phones: [shared] }),
      aSourceRecord({ sourceRecordId: 'share-b', borrower: { ref: 'SHARE-B' }, subject: { role: 'contact', name: '李四', relation: '同事' }, phones: [shared] }),
    ]).expect(200);
    const read = async (id: string) =>
      (await request(context.http).get(`/v1/sources/crm/records/${id}`).set('Authorization', bearer('operator')).expect(200)).body;
    const [a, b] = await Promise.all([read('share-a'), read('share-b')]);
    expect(a.personId).toBe(b.personId);
    expect(a.borrowerId).not.toBe(b.borrowerId);
    // The deferred job counts the sharing: a number two borrowers name is a fraud-ring signal.
    await (context.queue as InProcessQueueDriver).whenIdle();
    const [point] = await context.dataSource.query('SELECT borrower_count, source_count FROM contact_point WHERE id = $1', [a.phones[0].contactPointId]);
    expect(point).toEqual({ borrower_count: 2, source_count: 1 });
  });
});

describe('auth', () => {
  it('refuses a missing or unknown key with 401 and a wrong role with 403', async () => {
    await request(context.http).post('/v1/sources/crm/records').send({ records: [] }).expect(401);
    await request(context.http).post('/v1/sources/crm/records').set('Authorization', 'Bearer not-a-key').send({ records: [] }).expect(401);
    await request(context.http).post('/v1/sources/crm/records').set('Authorization', bearer('operator')).send({ records: [] }).expect(403);
    await request(context.http).get('/v1/sources/crm/records/x').set('Authorization', bearer('platform')).expect(403);
    await request(context.http).put('/v1/sources/new').set('Authorization', bearer('platform')).send({ system: 'sales', kind: 'internal' }).expect(403);
    await request(context.http).get('/v1/audit-events').set('Authorization', bearer('operator')).expect(403);
    await request(context.http).get('/v1/sources').expect(401);
  });

  it('leaves health and the OpenAPI document public', async () => {
    const health = await request(context.http).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'up' } });
    const docs = await request(context.http).get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/sources/{key}/records', '/v1/sources/{key}/records/{sourceRecordId}', '/v1/audit-events']));
  });

  it('documents bodies and query parameters with the limits and enums they are validated against', async () => {
    const { paths, components } = (await request(context.http).get('/docs-json').expect(200)).body;
    const schema = (ref: string) => components.schemas[ref.replace('#/components/schemas/', '')];
    const parameter = (path: string, name: string) => paths[path].get.parameters.find((candidate: { name: string }) => candidate.name === name);

    const batch = schema(paths['/v1/sources/{key}/records'].post.requestBody.content['application/json'].schema.$ref);
    expect(batch.properties.records).toMatchObject({ type: 'array', maxItems: 1000 });
    const record = batch.properties.records.items;
    expect(record.required).toEqual(['sourceRecordId', 'observedAt', 'borrower', 'subject']);
    expect(record.properties.sourceRecordId.maxLength).toBe(RECORD_LIMITS.sourceRecordId);
    expect(record.properties.subject.properties.role.enum).toEqual([...SUBJECT_ROLES]);
    expect(record.properties.addresses.items.properties.text.maxLength).toBe(RECORD_LIMITS.address);
    const attempts = schema(paths['/v1/contact-attempts'].post.requestBody.content['application/json'].schema.$ref);
    expect(attempts.properties.attempts.items.properties.outcome.enum).toEqual([...ATTEMPT_OUTCOMES]);

    expect(parameter('/v1/audit-events', 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 100 });
    expect(parameter('/v1/audit-events', 'action').schema).toMatchObject({ type: 'string', maxLength: 64 });
    expect(parameter('/v1/match-suggestions', 'status').schema).toMatchObject({ enum: ['pending', 'accepted', 'rejected', 'split'], default: 'pending' });
    expect(parameter('/v1/borrowers/{ref}/contact-plan', 'reason')).toMatchObject({ required: false, schema: { type: 'string', maxLength: 500 } });
    const source = paths['/v1/sources/{key}'].put.requestBody.content['application/json'].schema;
    expect(source.properties.trust).toMatchObject({ minimum: 0, maximum: 1 });
    expect(source.properties.kind.enum).toEqual(['internal', 'external']);
  });
});

describe('sources', () => {
  it('registers, updates and lists sources, including those declared in config', async () => {
    const created = await request(context.http)
      .put('/v1/sources/bureau')
      .set('Authorization', bearer('admin'))
      .send({ system: 'credit_bureau', kind: 'external', displayName: 'Credit bureau' })
      .expect(201);
    expect(created.body).toMatchObject({ key: 'bureau', kind: 'external', trust: 0.6, declaredIn: 'api' });
    const updated = await request(context.http).put('/v1/sources/bureau').set('Authorization', bearer('admin')).send({ system: 'credit_bureau', kind: 'external', trust: 0.9 }).expect(200);
    expect(updated.body.trust).toBe(0.9);
    await request(context.http).put('/v1/sources/bureau').set('Authorization', bearer('admin')).send({ system: 'mainframe', kind: 'external' }).expect(400);
    await request(context.http).put('/v1/sources/Bad%20Key').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(400);
    const list = await request(context.http).get('/v1/sources').set('Authorization', bearer('operator')).expect(200);
    const keys = list.body.map((source: { key: string }) => source.key);
    expect(keys).toEqual(expect.arrayContaining(['bureau', 'crm', 'loan-application', 'sales-crm']));
  });
});

describe('GET /v1/audit-events', () => {
  it('shows ingest batches, source changes and record reads, filtered and paged', async () => {
    const agent = () => request(context.http).get('/v1/audit-events').set('Authorization', bearer('auditor'));
    const batches = await agent().query({ action: 'ingest.batch', limit: 2 }).expect(200);
    expect(batches.body.items).toHaveLength(2);
    expect(batches.body.items[0]).toMatchObject({ action: 'ingest.batch', actorRole: 'platform', targetType: 'ingest_batch' });
    const next = await agent().query({ action: 'ingest.batch', limit: 2, before: batches.body.nextCursor }).expect(200);
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(batches.body.items[1].id));
    const sources = await agent().query({ action: 'source.updated', targetId: 'bureau' }).expect(200);
    expect(sources.body.items[0].details).toMatchObject({ before: { trust: 0.6 }, after: { trust: 0.9 } });
    await request(context.http).get('/v1/sources/crm/records/good-1').query({ reason: 'complaint 123' }).set('Authorization', bearer('operator')).expect(200);
    const reads = await agent().query({ action: 'source_record.read', targetId: 'crm/good-1' }).expect(200);
    expect(reads.body.items[0]).toMatchObject({ actorRole: 'operator', purpose: 'complaint 123' });
    await agent().query({ limit: 501 }).expect(400);
    await expect(context.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
  });
});

describe('GET /v1/sources/:key/records/:sourceRecordId masking', () => {
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const MOBILE = /1[3-9]\d{9}/;
  const personal = aSourceRecord({
    sourceRecordId: 'pii-1',
    borrower: { ref: 'PII-1', name: '张三', idNumber: '110101199003071234' },
    subject: { role: 'contact', name: '王小明', relation: '配偶' },
    phones: ['13912345678', '010-62345678转123', '无'],
    employer: { name: '样例科技有限公司', phone: '13987654321' },
  });
  const read = (role: 'operator' | 'admin', query: Record<string, string> = {}) =>
    request(context.http).get('/v1/sources/crm/records/pii-1').query(query).set('Authorization', bearer(role));

  beforeAll(async () => {
    await post([personal]).expect(200);
  });

  it.each(['operator', 'admin'] as const)('masks every personal value for %s by default', async (role) => {
    const { body } = await read(role).expect(200);
    expect(body.record).toEqual({
      sourceRecordId: 'pii-1',
      observedAt: expect.any(String),
      borrower: { ref: 'PII-1', name: '张*', idNumber: '110101********1234' },
      subject: { role: 'contact', name: '王*明', relation: 'spouse' },
      phones: ['139****5678', '010****5678-***', '****'],
      addresses: [{ text: '广东省深圳市南山区****', kind: 'home' }],
      employer: { name: '样******司', phone: '139****4321' },
    });
    expect(body.phones).toEqual([
      { raw: '139****5678', contactPointId: expect.any(String), type: 'mobile', field: 'phone' },
      { raw: '010****5678-***', contactPointId: expect.any(String), type: 'fixed_line', field: 'phone' },
      { raw: '****', contactPointId: null, error: expect.any(String), field: 'phone' },
      { raw: '139****4321', contactPointId: expect.any(String), type: 'mobile', field: 'employer_phone' },
    ]);
    expect(body.addresses).toEqual([{ raw: '广东省深圳市南山区****', contactPointId: expect.any(String) }]);
    expect(body.versions).toEqual([expect.not.objectContaining({ contentHash: expect.anything() })]);
    // Ids are UUIDs: take them out so only personal values are searched for digits.
    const json = JSON.stringify(body).replace(UUID, '<id>');
    expect(json).not.toMatch(MOBILE);
    for (const secret of ['张三', '王小明', '19900307', '62345678', '科技南十二路', '阳光花园']) expect(json).not.toContain(secret);
  });

  it('unmasks only for an operator with a reason, and audits it', async () => {
    await read('admin', { unmask: 'true', reason: 'case 42 call-back' }).expect(403);
    await read('operator', { unmask: 'true' }).expect(400);
    await read('operator', { unmask: 'true', reason: ' ab ' }).expect(400);
    const { body } = await read('operator', { unmask: 'true', reason: 'case 42 call-back' }).expect(200);
    expect(body.record).toEqual({ ...personal, observedAt: expect.any(String) });
    expect(body.phones.map((phone: { raw: string; e164?: string }) => [phone.raw, phone.e164])).toEqual([
      ['13912345678', '+8613912345678'],
      ['010-62345678转123', '+861062345678'],
      ['无', undefined],
      ['13987654321', '+8613987654321'],
    ]);
    expect(body.phones[1].extension).toBe('123');
    expect(body.addresses[0].raw).toBe(personal.addresses[0].text);
    expect(body.versions[0].contentHash).toMatch(/^[0-9a-f]{64}$/);

    const events = (action: string) =>
      request(context.http).get('/v1/audit-events').query({ action, targetId: 'crm/pii-1' }).set('Authorization', bearer('auditor')).expect(200);
    const unmasked = await events('source_record.unmasked');
    expect(unmasked.body.items).toEqual([expect.objectContaining({ actorRole: 'operator', borrowerRef: 'PII-1', targetType: 'source_record', purpose: 'case 42 call-back' })]);
    // Every read is in the log, masked ones included; refused requests read nothing.
    const reads = await events('source_record.read');
    expect(reads.body.items.map((item: { actorRole: string; purpose: string | null }) => [item.actorRole, item.purpose])).toEqual([
      ['operator', 'case 42 call-back'],
      ['admin', null],
      ['operator', null],
    ]);
  });
});

describe('GET /v1/contact-points/:id', () => {
  it('shows a phone masked with its type, sharing and observations, and unmasks only for an operator with a reason', async () => {
    await post([
      aSourceRecord({ sourceRecordId: 'prov-1', borrower: { ref: 'PROV-1' }, phones: ['手机:139-8888-7777'], addresses: [{ text: '北京市海淀区中关村大街27号' }] }),
      aSourceRecord({ sourceRecordId: 'prov-2', borrower: { ref: 'PROV-2' }, phones: ['+86 139 8888 7777', '62345678'], addresses: [{ text: '北京市朝阳区建国路88号SOHO现代城5号楼1201' }] }),
    ]).expect(200);
    await (context.queue as InProcessQueueDriver).whenIdle();
    const record = (await readUnmasked('prov-2')).body;
    // A landline without area code takes the area code of the city in the same record.
    expect(record.phones[1]).toMatchObject({ raw: '62345678', e164: '+861062345678', type: 'fixed_line' });
    const id = record.phones[0].contactPointId;

    const masked = await request(context.http).get(`/v1/contact-points/${id}`).set('Authorization', bearer('platform')).expect(200);
    expect(masked.body).toMatchObject({ kind: 'phone', masked: '139****7777', subtype: 'mobile', carrierGroup: 'china_mobile', borrowerCount: 2, sourceCount: 1 });
    expect(masked.body.e164).toBeUndefined();
    expect(masked.body.observations.map((row: { sourceRecordId: string }) => row.sourceRecordId).sort()).toEqual(['prov-1', 'prov-2']);
    expect(JSON.stringify(masked.body)).not.toContain('8888');

    await request(context.http).get(`/v1/contact-points/${id}`).query({ unmask: 'true', reason: 'call back' }).set('Authorization', bearer('platform')).expect(403);
    await request(context.http).get(`/v1/contact-points/${id}`).query({ unmask: 'true' }).set('Authorization', bearer('operator')).expect(400);
    const unmasked = await request(context.http).get(`/v1/contact-points/${id}`).query({ unmask: 'true', reason: 'verify source' }).set('Authorization', bearer('operator')).expect(200);
    expect(unmasked.body.e164).toBe('+8613988887777');
    expect(unmasked.body.observations.map((row: { raw: string }) => row.raw).sort()).toEqual(['+86 139 8888 7777', '手机:139-8888-7777']);
    const audit = await request(context.http).get('/v1/audit-events').query({ action: 'contact_point.unmasked', targetId: id }).set('Authorization', bearer('auditor')).expect(200);
    // A shared point's unmask is audited once per borrower it touches (it was one event without a borrower).
    expect(audit.body.items).toHaveLength(2);
    expect(audit.body.items.map((item: { borrowerRef: string }) => item.borrowerRef).sort()).toEqual(['PROV-1', 'PROV-2']);
    for (const item of audit.body.items) expect(item).toMatchObject({ actorRole: 'operator', purpose: 'verify source' });
    await request(context.http).get('/v1/contact-points/00000000-0000-4000-8000-000000000000').set('Authorization', bearer('operator')).expect(404);
  });
});

describe('concurrent batches about the same borrowers', () => {
  it('agree on one borrower person and one person per contact, without waiting for the deferred search', async () => {
    await request(context.http).put('/v1/sources/service-desk').set('Authorization', bearer('admin')).send({ system: 'customer_service', kind: 'internal' }).expect(201);
    const borrowers = Array.from({ length: 8 }, (_, index) => ({ ref: `CONC-B${index}`, own: aMobile(700_000 + index), spouse: aMobile(800_000 + index) }));
    // Both sources know the borrower (one person: the one-self rule) and the spouse by her mobile (one person: nothing enforces it but resolution).
    const batchFor = (source: string, copy: number, withSelf: boolean) =>
      borrowers.flatMap(({ ref, own, spouse }) => [
        ...(withSelf ? [aSourceRecord({ sourceRecordId: `${source}-${ref}-self-${copy}`, borrower: { ref, name: '赵六' }, subject: { role: 'borrower' }, phones: [own] })] : []),
        aSourceRecord({ sourceRecordId: `${source}-${ref}-spouse-${copy}`, borrower: { ref, name: '赵六' }, subject: { role: 'contact', name: '钱七', relation: source === 'crm' ? '配偶' : '老婆' }, phones: [spouse] }),
      ]);
    const answers = await Promise.all([
      post(batchFor('crm', 1, true)),
      post(batchFor('service-desk', 1, false), 'service-desk'),
      post(batchFor('crm', 2, false)),
      post(batchFor('service-desk', 2, true), 'service-desk'),
      post(batchFor('service-desk', 3, false), 'service-desk'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.reduce((sum, answer) => sum + answer.body.accepted, 0)).toBe(borrowers.length * 7);

    const links: { ref: string; relation: string; persons: number }[] = await context.dataSource.query(
      `SELECT borrower.ref, link.relation, count(DISTINCT link.person_id)::int AS persons
       FROM borrower JOIN borrower_person link ON link.borrower_id = borrower.id
       WHERE borrower.ref LIKE 'CONC-B%' GROUP BY borrower.ref, link.relation ORDER BY 1, 2`,
    );
    expect(links).toEqual(borrowers.flatMap(({ ref }) => [{ ref, relation: 'self', persons: 1 }, { ref, relation: 'spouse', persons: 1 }]));
    await (context.queue as InProcessQueueDriver).whenIdle();
    expect(await count(`merge WHERE origin = 'automatic' AND merged_id IN (SELECT person_id FROM borrower_person JOIN borrower ON borrower.id = borrower_id WHERE ref LIKE 'CONC-B%')`)).toBe(0);
  });
});
