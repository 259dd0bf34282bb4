import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import { aMobile, aSourceRecord } from '../support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from '../support/test-application.js';

// Issue 12: HTTP connectors against real servers on loopback: a feed read page by page, and
// per-borrower sources asked by repair runs, only about borrowers who consented.

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ server: Server; url: string; requests: { path: string; body: string; authorization?: string }[] }> {
  const requests: { path: string; body: string; authorization?: string }[] = [];
  const server = createServer((incoming, response) => {
    let body = '';
    incoming.on('data', (chunk) => (body += chunk));
    incoming.on('end', () => {
      requests.push({ path: incoming.url ?? '', body, authorization: incoming.headers.authorization });
      handler(incoming, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const FEED_ROWS = Array.from({ length: 23 }, (_, index) => ({
  id: `F-${index}`,
  updated: '2026-03-01 09:00:00',
  customer: `FEED-B${index % 4}`,
  name: '赵六',
  role: index < 4 ? 'borrower' : 'contact',
  contactName: index < 4 ? null : `联系人${index}`,
  phone: aMobile(70_000 + index),
}));

const BUREAU_PHONE = aMobile(88_001);
const DIRECTORY_PHONE = '075586668888';

let context: TestApplication;
let feed: Awaited<ReturnType<typeof serve>>;
let bureau: Awaited<ReturnType<typeof serve>>;
let directory: Awaited<ReturnType<typeof serve>>;
let broken: Awaited<ReturnType<typeof serve>>;
const admin = bearer('admin');
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();

beforeAll(async () => {
  feed = await serve((incoming, _body, response) => {
    const url = new URL(incoming.url ?? '/', 'http://feed');
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    const records = FEED_ROWS.slice(start, start + limit);
    json(response, 200, { records, nextCursor: start + limit < FEED_ROWS.length ? String(start + limit) : null });
  });
  bureau = await serve((_incoming, body, response) => {
    const question = JSON.parse(body) as { borrower: { ref: string } };
    if (question.borrower.ref === 'LOST-UNKNOWN') return json(response, 404, { error: 'not found' });
    json(response, 200, { records: [{ recordNo: `BU-${question.borrower.ref}`, at: '2026-04-02 10:00:00', role: 'borrower', mobile: BUREAU_PHONE }] });
  });
  directory = await serve((_incoming, body, response) => {
    const question = JSON.parse(body) as { employer?: { name: string } };
    json(response, 200, { records: question.employer ? [{ recordNo: `DIR-${question.employer.name}`, at: '2026-04-02 10:00:00', role: 'borrower', switchboard: DIRECTORY_PHONE }] : [] });
  });
  broken = await serve((_incoming, _body, response) => json(response, 403, { error: 'contract expired' }));
  context = await createTestApplication({
    PARTNER_FEED_URL: feed.url,
    PARTNER_FEED_TOKEN: 'feed-token-synthetic-000001',
    BUREAU_URL: bureau.url,
    DIRECTORY_URL: directory.url,
    BROKEN_URL: broken.url,
    CONNECTOR_BATCH_SIZE: '10',
  });
  for (const [key, system] of [['bureau', 'credit_bureau'], ['enterprise-directory', 'public_directory'], ['logistics', 'logistics']] as const) {
    await request(context.http).put(`/v1/sources/${key}`).set('Authorization', admin).send({ system, kind: 'external' }).expect(201);
  }
  const perBorrower = (source: string, urlEnv: string, phoneColumn: string) => ({
    source,
    kind: 'http',
    http: { baseUrlEnv: urlEnv, mode: 'per-borrower', legalBasis: 'contract BU-2026-01, consent clause 4', ratePerSecond: 50 },
    mapping: { sourceRecordId: 'recordNo', observedAt: 'at', 'borrower.ref': { const: 'asked' }, 'subject.role': 'role', phones: [phoneColumn] },
  });
  await request(context.http).put('/v1/connectors/bureau').set('Authorization', admin).send(perBorrower('bureau', 'BUREAU_URL', 'mobile')).expect(201);
  await request(context.http).put('/v1/connectors/directory').set('Authorization', admin).send(perBorrower('enterprise-directory', 'DIRECTORY_URL', 'switchboard')).expect(201);
}, 60_000);

afterAll(async () => {
  await context?.close();
  for (const peer of [feed, bureau, directory, broken]) peer?.server.close();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; tries < 400; tries += 1) {
    await idle();
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out');
}

async function borrowerOnFile(ref: string, consent: { externalSources: boolean } | undefined, employer?: string): Promise<void> {
  const record = aSourceRecord({ borrower: { ref, name: '孙七' }, phones: [aMobile(ref.length * 1_000 + 5)], employer: employer ? { name: employer } : undefined });
  await request(context.http).post('/v1/sources/sales-crm/records').set('Authorization', bearer('platform')).send({ records: [record] }).expect(200);
  if (consent) {
    await request(context.http)
      .put(`/v1/borrowers/${ref}/consents`)
      .set('Authorization', bearer('platform'))
      .send({ ...consent, thirdPartyContact: true, evidenceRef: `consent-${ref}`, grantedAt: '2026-01-01T00:00:00+08:00' })
      .expect(200);
  }
  await idle();
}

async function repair(ref: string): Promise<any> {
  const started = await request(context.http).post(`/v1/borrowers/${ref}/repair`).set('Authorization', bearer('operator')).expect(202);
  return until(
    async () => (await request(context.http).get(`/v1/borrowers/${ref}/repair-runs/${started.body.id}`).set('Authorization', bearer('operator')).expect(200)).body,
    (run) => run.status !== 'running',
  );
}

describe('an HTTP feed connector', () => {
  it('pages the feed to its end with the token, through ingest, and resumes from the page cursor', async () => {
    await request(context.http)
      .put('/v1/connectors/partner-feed')
      .set('Authorization', admin)
      .send({
        source: 'logistics',
        kind: 'http',
        http: { baseUrlEnv: 'PARTNER_FEED_URL', tokenEnv: 'PARTNER_FEED_TOKEN', mode: 'feed', legalBasis: 'logistics data agreement LG-7' },
        mapping: { sourceRecordId: 'id', observedAt: 'updated', 'borrower.ref': 'customer', 'borrower.name': 'name', 'subject.role': 'role', 'subject.name': 'contactName', phones: ['phone'] },
      })
      .expect(201);
    const started = await request(context.http).post('/v1/connectors/partner-feed/runs').set('Authorization', admin).expect(202);
    const run = await until(
      async () => (await request(context.http).get(`/v1/connectors/partner-feed/runs/${started.body.id}`).set('Authorization', admin)).body,
      (body) => body.state !== 'queued' && body.state !== 'running',
    );
    expect(run).toMatchObject({ state: 'completed', read: 23, accepted: 23, rejected: 0 });
    expect(feed.requests.every((sent) => sent.authorization === 'Bearer feed-token-synthetic-000001')).toBe(true);
    expect(feed.requests.map((sent) => new URL(sent.path, 'http://feed').searchParams.get('cursor'))).toEqual([null, '10', '20']);
    // The next run starts from the last page's cursor: nothing is read twice but that page.
    const again = await request(context.http).post('/v1/connectors/partner-feed/runs').set('Authorization', admin).expect(202);
    const second = await until(
      async () => (await request(context.http).get(`/v1/connectors/partner-feed/runs/${again.body.id}`).set('Authorization', admin)).body,
      (body) => body.state === 'completed',
    );
    expect(second).toMatchObject({ read: 3, accepted: 0, duplicates: 3 });
  });
});

describe('an HTTP feed that keeps failing', () => {
  it('fails its run visibly, with the reason, keeping nothing half-done', async () => {
    await request(context.http)
      .put('/v1/connectors/broken-feed')
      .set('Authorization', admin)
      .send({
        source: 'logistics',
        kind: 'http',
        http: { baseUrlEnv: 'BROKEN_URL', mode: 'feed', legalBasis: 'logistics data agreement LG-7' },
        mapping: { sourceRecordId: 'id', observedAt: 'updated', 'borrower.ref': 'customer', 'subject.role': 'role' },
      })
      .expect(201);
    const started = await request(context.http).post('/v1/connectors/broken-feed/runs').set('Authorization', admin).expect(202);
    const run = await until(
      async () => (await request(context.http).get(`/v1/connectors/broken-feed/runs/${started.body.id}`).set('Authorization', admin)).body,
      (body) => body.state === 'failed' || body.state === 'completed',
    );
    expect(run).toMatchObject({ state: 'failed', read: 0, accepted: 0, cursor: null });
    expect(run.error).toMatch(/403/);
  });
});

describe('repair runs', () => {
  it('ask every consented per-borrower source, report what each answered, and the plan shows the numbers found', async () => {
    await borrowerOnFile('LOST-1', { externalSources: true }, '深圳市测试科技有限公司');
    const run = await repair('LOST-1');
    expect(run.status).toBe('completed');
    expect(run.inquiries).toEqual(
      expect.arrayContaining([
        { connector: 'bureau', source: 'bureau', outcome: 'answered', records: 1 },
        { connector: 'directory', source: 'enterprise-directory', outcome: 'answered', records: 1 },
      ]),
    );
    expect(run.newContactPointIds).toHaveLength(2);
    // The directory was asked about the employer's switchboard; the bureau never learns of the debt, only the borrower.
    expect(JSON.parse(directory.requests.at(-1)!.body)).toMatchObject({ borrower: { ref: 'LOST-1', name: '孙七' }, employer: { name: '深圳市测试科技有限公司' } });
    expect(JSON.parse(bureau.requests.at(-1)!.body).legalBasis).toBe('contract BU-2026-01, consent clause 4');
    const plan = await request(context.http).get('/v1/borrowers/LOST-1/contact-plan').set('Authorization', bearer('platform')).expect(200);
    const planned = JSON.stringify(plan.body);
    for (const id of run.newContactPointIds) expect(planned).toContain(id);
    // Each call is on record for audit.
    const [inquiries] = await context.dataSource.query(`SELECT count(*)::int AS count FROM external_inquiry WHERE repair_run_id = $1 AND outcome = 'answered'`, [run.id]);
    expect(inquiries.count).toBe(2);
  });

  it('never name a borrower without consent to external sources to any source', async () => {
    await borrowerOnFile('LOST-NOCONSENT', undefined);
    await borrowerOnFile('LOST-REVOKED', { externalSources: false });
    for (const ref of ['LOST-NOCONSENT', 'LOST-REVOKED']) {
      const run = await repair(ref);
      expect(run).toMatchObject({ status: 'completed', inquiries: [], newContactPointIds: [] });
    }
    const named = [...bureau.requests, ...directory.requests].map((sent) => sent.body).join('\n');
    expect(named).not.toContain('LOST-NOCONSENT');
    expect(named).not.toContain('LOST-REVOKED');
  });

  it('are partial when a source fails, and record not-found answers', async () => {
    await request(context.http)
      .put('/v1/connectors/broken')
      .set('Authorization', admin)
      .send({
        source: 'bureau',
        kind: 'http',
        http: { baseUrlEnv: 'BROKEN_URL', mode: 'per-borrower', legalBasis: 'contract X-1' },
        mapping: { sourceRecordId: 'recordNo', observedAt: 'at', 'borrower.ref': { const: 'asked' }, 'subject.role': 'role', phones: ['mobile'] },
      })
      .expect(201);
    await borrowerOnFile('LOST-UNKNOWN', { externalSources: true });
    const run = await repair('LOST-UNKNOWN');
    expect(run.status).toBe('partial');
    expect(run.inquiries).toEqual(
      expect.arrayContaining([
        { connector: 'bureau', source: 'bureau', outcome: 'not_found', records: 0 },
        expect.objectContaining({ connector: 'broken', outcome: 'failed', error: expect.stringMatching(/403/) }),
      ]),
    );
  });

  it('are for the platform and operators; others read them', async () => {
    await request(context.http).post('/v1/borrowers/LOST-1/repair').set('Authorization', bearer('auditor')).expect(403);
    await request(context.http).post('/v1/borrowers/NOBODY/repair').set('Authorization', bearer('platform')).expect(404);
    const runs = await request(context.http).get('/v1/borrowers/LOST-1/repair-runs').set('Authorization', bearer('auditor')).expect(200);
    expect(runs.body.length).toBeGreaterThan(0);
  });
});
