import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/configuration.js';
import { openDataSource } from '../../src/database/data-source-options.js';
import { Transactions } from '../../src/database/transactions.service.js';
import { OutboxRepository } from '../../src/queue/outbox.repository.js';
import { DeliveryAttemptFailed, WebhookDeliveryService } from '../../src/webhooks/webhook-delivery.service.js';
import { WebhookDeliveryRepository } from '../../src/webhooks/webhook-delivery.repository.js';
import { WebhookEvents } from '../../src/webhooks/webhook-events.service.js';
import { aStaleFlagRaised, aStatusChange } from '../../src/webhooks/webhook-events.test-builders.js';
import { WebhookHttpClient } from '../../src/webhooks/webhook-http.client.js';
import { WebhookRepository } from '../../src/webhooks/webhook.repository.js';
import { createTestDatabase } from '../support/test-database.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'medium-webhook-secret-7b3e9f1a2c5d48e0';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;
let transactions: Transactions;
let webhooks: WebhookRepository;
let deliveries: WebhookDeliveryRepository;
let events: WebhookEvents;
let service: WebhookDeliveryService;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await openDataSource({ url: database.url, poolSize: 4 });
  transactions = new Transactions(dataSource);
  webhooks = new WebhookRepository(dataSource);
  deliveries = new WebhookDeliveryRepository(dataSource);
  events = new WebhookEvents(webhooks, deliveries, new OutboxRepository(dataSource));
  const config = { connectors: { secrets: new Map([['HOOK_SECRET', SECRET]]) } } as unknown as AppConfig;
  service = new WebhookDeliveryService(webhooks, deliveries, new WebhookHttpClient(), config);
});
afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});
beforeEach(async () => {
  await dataSource.query('DELETE FROM webhook_delivery');
  await dataSource.query('DELETE FROM webhook');
  await dataSource.query('DELETE FROM outbox');
});

const declare = (key: string, url: string, events: ('borrower.status_changed' | 'stale_flag.raised')[] = ['borrower.status_changed'], enabled = true) =>
  webhooks.upsert(key, { url, events, secretEnv: 'HOOK_SECRET', enabled });
const emitOne = async () => {
  await transactions.run((transaction) => events.emit('borrower.status_changed', aStatusChange(), transaction));
  const [row]: { id: string }[] = await dataSource.query('SELECT id FROM webhook_delivery');
  return row.id;
};

describe('WebhookEvents.emit', () => {
  it('writes one delivery and one outbox row per subscribed, enabled webhook, with the caller’s transaction', async () => {
    await declare('a', 'http://127.0.0.1:9/a');
    await declare('b', 'http://127.0.0.1:9/b', ['borrower.status_changed', 'stale_flag.raised']);
    await declare('c', 'http://127.0.0.1:9/c', ['stale_flag.raised']);
    await declare('off', 'http://127.0.0.1:9/off', ['borrower.status_changed'], false);
    await expect(
      transactions.run(async (transaction) => {
        await events.emit('borrower.status_changed', aStatusChange(), transaction);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await dataSource.query('SELECT count(*)::int AS n FROM webhook_delivery')).toEqual([{ n: 0 }]);

    const eventId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b00';
    expect(await transactions.run((transaction) => events.emit('borrower.status_changed', aStatusChange(), transaction, { eventId }))).toBe(2);
    // The same event again (a job run twice) adds nothing.
    expect(await transactions.run((transaction) => events.emit('borrower.status_changed', aStatusChange(), transaction, { eventId }))).toBe(0);
    const rows: { webhook_key: string; outcome: string; job_id: string }[] = await dataSource.query(
      `SELECT d.webhook_key, d.outcome, o.job_id FROM webhook_delivery d JOIN outbox o ON o.job_id = 'webhook-delivery-' || d.id ORDER BY d.webhook_key`,
    );
    expect(rows.map((row) => [row.webhook_key, row.outcome])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
  });

  it('withholds a payload that fails the personal-data check: nothing is stored', async () => {
    await declare('a', 'http://127.0.0.1:9/a', ['stale_flag.raised']);
    const leaking = aStaleFlagRaised({ contactPoint: { contactPointId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60', kind: 'phone', masked: '13812345678' } });
    expect(await transactions.run((transaction) => events.emit('stale_flag.raised', leaking, transaction))).toBe(0);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM webhook_delivery')).toEqual([{ n: 0 }]);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
  });
});

describe('WebhookDeliveryService.deliver', () => {
  it('records each failed attempt and throws for the queue to retry; delivered when the receiver answers 2xx', async () => {
    const receiver = await startWebhookReceiver(SECRET, [500, 503]);
    try {
      await declare('flaky', receiver.url);
      const id = await emitOne();
      await expect(service.deliver(id, 1)).rejects.toBeInstanceOf(DeliveryAttemptFailed);
      expect(await deliveries.findById(id)).toMatchObject({ outcome: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500', finishedAt: null });
      await expect(service.deliver(id, 2)).rejects.toThrow(/HTTP 503/);
      await service.deliver(id, 3);
      expect(await deliveries.findById(id)).toMatchObject({ outcome: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null, finishedAt: expect.any(Date) });
      expect(receiver.received.map((request) => [request.check.valid, request.status])).toEqual([
        [true, 500],
        [true, 503],
        [true, 200],
      ]);
      expect(new Set(receiver.received.map((request) => request.headers['x-webhook-id'])).size).toBe(1);
      // Run again (a crash before the queue heard of it): nothing is sent twice.
      await service.deliver(id, 3);
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it('marks the delivery failed after the last attempt', async () => {
    const receiver = await startWebhookReceiver(SECRET, [500, 500, 500]);
    try {
      await declare('down', receiver.url);
      const id = await emitOne();
      for (let attempt = 1; attempt <= 3; attempt += 1) await expect(service.deliver(id, attempt, 3)).rejects.toBeInstanceOf(DeliveryAttemptFailed);
      expect(await deliveries.findById(id)).toMatchObject({ outcome: 'failed', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', finishedAt: expect.any(Date) });
      await service.deliver(id, 4, 3);
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it('records a refused connection, and sends nothing for a webhook disabled since', async () => {
    const receiver = await startWebhookReceiver(SECRET);
    const closedUrl = receiver.url;
    await receiver.close();
    await declare('gone', closedUrl);
    const id = await emitOne();
    await expect(service.deliver(id, 1)).rejects.toThrow(/network error ECONNREFUSED/);
    expect(await deliveries.findById(id)).toMatchObject({ outcome: 'pending', attempts: 1, lastStatusCode: null, lastError: 'network error ECONNREFUSED' });
    await declare('gone', closedUrl, ['borrower.status_changed'], false);
    await service.deliver(id, 2);
    expect(await deliveries.findById(id)).toMatchObject({ outcome: 'failed', attempts: 2, lastError: 'webhook disabled before delivery; not sent' });
  });
});
