import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMobile, aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication, TEST_KEYS } from './support/test-application.js';

// Issue 12, "Source yield" over HTTP: who may ask, an unknown source, a bad window. Exact counts: test/medium/source-yield.spec.ts.

let test: TestApplication;

beforeAll(async () => {
  test = await createTestApplication();
  await request(test.http).put('/v1/sources/bureau').set('Authorization', bearer('admin')).send({ system: 'credit_bureau', kind: 'external' }).expect(201);
  const ingest = await request(test.http)
    .post('/v1/sources/bureau/records')
    .set('Authorization', bearer('platform'))
    .send({ records: [aSourceRecord({ sourceRecordId: 'yield-1', borrower: { ref: 'YIELD-E2E' }, phones: [aMobile(8801)], addresses: [] })] });
  expect(ingest.status).toBe(200);
});
afterAll(() => test?.close());

const get = (path: string, role: keyof typeof TEST_KEYS = 'admin') => request(test.http).get(path).set('Authorization', bearer(role));

describe('GET /v1/sources/{key}/yield', () => {
  it('answers admin and operator with the last 30 days by default', async () => {
    for (const role of ['admin', 'operator'] as const) {
      const response = await get('/v1/sources/bureau/yield', role);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ source: 'bureau', recordsReceived: 1, newRecords: 1, contributedFirst: 1, confirmed: 0, share: 0 });
      expect(response.body.byKind).toEqual({ phone: { contributedFirst: 1, confirmed: 0, share: 0 }, address: { contributedFirst: 0, confirmed: 0, share: null } });
      expect(Date.parse(response.body.to) - Date.parse(response.body.from)).toBe(30 * 24 * 60 * 60 * 1000);
    }
  });

  it('refuses platform and auditor', async () => {
    expect((await get('/v1/sources/bureau/yield', 'platform')).status).toBe(403);
    expect((await get('/v1/sources/bureau/yield', 'auditor')).status).toBe(403);
  });

  it('answers 404 for a source that is not registered', async () => {
    const response = await get('/v1/sources/nobody/yield');
    expect(response.status).toBe(404);
    expect(response.body.message).toContain('nobody');
  });

  it('reads dates without an offset as China Standard Time, and answers a window with nothing in it', async () => {
    const response = await get('/v1/sources/bureau/yield?from=2025-01-01&to=2025-02-01');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: '2024-12-31T16:00:00.000Z', to: '2025-01-31T16:00:00.000Z', recordsReceived: 0, contributedFirst: 0, share: null });
  });

  it('refuses a window that ends before it starts, spans more than three years, or is not a date', async () => {
    expect((await get('/v1/sources/bureau/yield?from=2026-02-01&to=2026-01-01')).body.message).toEqual(['to: must be later than from']);
    expect((await get('/v1/sources/bureau/yield?from=2020-01-01&to=2026-01-01')).body.message).toEqual(['from: the window spans more than 1098 days']);
    const bad = await get('/v1/sources/bureau/yield?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual([expect.stringMatching(/^from: "yesterday" is not an ISO-8601 date-time/)]);
    expect((await get('/v1/sources/bureau/yield?days=7')).body.message).toEqual(['days: is not an accepted field']);
  });
});
