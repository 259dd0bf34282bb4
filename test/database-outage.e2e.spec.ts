import { type INestApplication, Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpApplication } from '../src/bootstrap/http-application.js';
import { loadConfiguration } from '../src/config/configuration.js';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { QUEUE_DRIVER } from '../src/queue/queue-driver.interface.js';
import { aSourceRecord } from './support/record-factory.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { bearer, TEST_KEYS } from './support/test-application.js';
import { createTestDatabase } from './support/test-database.js';
import { expectSharedPhoneCountedAndNothingOwed } from './support/deferred-work-assertions.js';

// Issue 11, part 3: PostgreSQL away is a temporary state, for requests (503) and for jobs (retry).

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let proxy: TcpProxy;
let app: INestApplication;
let dataDirectory: string;

beforeAll(async () => {
  database = await createTestDatabase();
  proxy = await startTcpProxy(database.url);
  dataDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-outage-'));
  const config = loadConfiguration({
    NODE_ENV: 'test',
    DATA_DIR: dataDirectory,
    CONFIG_DIR: join(process.cwd(), 'config'),
    LOG_LEVEL: 'error',
    // Jobs start a little after they are queued, so the test can take the database away first.
    TEST_JOB_START_DELAY_MS: '300',
    QUEUE_OUTAGE_RETRY_MAX_MS: '100',
    API_KEYS: Object.entries(TEST_KEYS).map(([role, key]) => `${role}:${key}`).join(','),
  });
  app = await createHttpApplication({ config, databaseUrl: proxy.url, role: 'all' });
  await app.init();
  await request(app.getHttpServer()).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
});
afterAll(async () => {
  await proxy?.restore().catch(() => undefined);
  await app?.close();
  await proxy?.close();
  await database?.drop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

describe('database unavailable', () => {
  it('answers 503 with Retry-After on every route while it is away, and serves again once it is back', async () => {
    const http = app.getHttpServer();
    await proxy.cut();
    try {
      for (const call of [
        () => request(http).get('/v1/sources').set('Authorization', bearer('admin')),
        () => request(http).get('/v1/pipeline/status').set('Authorization', bearer('platform')),
        () => request(http).post('/v1/sources/crm/records').set('Authorization', bearer('platform')).send({ records: [aSourceRecord({ phones: ['13812345678'] })] }),
      ]) {
        const response = await call();
        expect(response.status).toBe(503);
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    } finally {
      await proxy.restore();
    }
    await request(http).get('/v1/sources').set('Authorization', bearer('admin')).expect(200);
  });
});

const until = async (condition: () => boolean | Promise<boolean>, timeoutMilliseconds = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('a job while the database is away', () => {
  it('keeps trying, more often than its five attempts, and completes once the database is back', async () => {
    const http = app.getHttpServer();
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const error = vi.spyOn(Logger.prototype, 'error');
    const outageTries = () => warn.mock.calls.filter(([message]) => /matching\.refresh-contact-point-sharing .*database unavailable/.test(String(message))).length;
    const shared = '13911112222';
    await request(http)
      .post('/v1/sources/crm/records')
      .set('Authorization', bearer('platform'))
      .send({
        records: [
          aSourceRecord({ sourceRecordId: 'outage-a', borrower: { ref: 'OUTAGE-A' }, subject: { role: 'contact', name: '赵六', relation: '朋友' }, phones: [shared] }),
          aSourceRecord({ sourceRecordId: 'outage-b', borrower: { ref: 'OUTAGE-B' }, subject: { role: 'contact', name: '赵六', relation: '同事' }, phones: [shared] }),
        ],
      })
      .expect(200);
    await proxy.cut();
    try {
      await until(() => outageTries() > 6);
    } finally {
      await proxy.restore();
    }
    await app.get<InProcessQueueDriver>(QUEUE_DRIVER).whenIdle();
    // No attempt was used up: nothing failed for good, and the sharing is counted.
    expect(error.mock.calls.filter(([message]) => /failed for good/.test(String(message)))).toEqual([]);
    // The only phone two borrowers name in this database.
    await expectSharedPhoneCountedAndNothingOwed(database.url);
    const status = await request(http).get('/v1/pipeline/status').set('Authorization', bearer('platform')).expect(200);
    expect(status.body).toMatchObject({ pending: 0, failed: 0 });
    warn.mockRestore();
    error.mockRestore();
  });
});
