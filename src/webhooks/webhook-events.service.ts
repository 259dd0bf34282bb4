import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { timeOrderedId } from '../common/time-ordered-id.js';
import type { Queryable } from '../database/queryable.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { type WebhookEventPayloads, type WebhookEventType, webhookPayloadProblems } from './webhook-events.js';
import { WebhookRepository } from './webhook.repository.js';

/**
 * What other folders call to tell the platform: inside the caller's transaction, one delivery row
 * per subscribed webhook and one outbox row per delivery, so the event exists exactly when the
 * change does. The caller calls OutboxDispatcher.handOver() after its commit.
 */
@Injectable()
export class WebhookEvents {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Returns how many deliveries were written (0 when nobody subscribes). A payload that fails the
   * personal-data check is withheld and logged (field and rule, never the value): the caller's change
   * still commits, and nothing unmasked is stored or sent.
   */
  async emit<T extends WebhookEventType>(
    type: T,
    payload: WebhookEventPayloads[T],
    transaction: Queryable,
    options: { eventId?: string; occurredAt?: Date } = {},
  ): Promise<number> {
    const problems = webhookPayloadProblems(type, payload);
    if (problems.length > 0) {
      this.logger.error(`webhook event ${type} withheld: ${problems.join('; ')}`);
      return 0;
    }
    const subscribers = await this.webhooks.findSubscribers(type, transaction);
    if (subscribers.length === 0) return 0;
    const eventId = options.eventId ?? randomUUID();
    const occurredAt = options.occurredAt ?? new Date();
    const inserted = await this.deliveries.insert(
      subscribers.map((webhook) => ({ id: timeOrderedId(), webhookKey: webhook.key, eventId, eventType: type, payload, occurredAt })),
      transaction,
    );
    for (const deliveryId of inserted) await this.outbox.add('webhooks.deliver', { deliveryId }, `webhook-delivery-${deliveryId}`, transaction);
    return inserted.length;
  }

  /**
   * Many events of one type in one go (a scan's batch): one subscriber query, and the payloads are
   * built only when someone subscribes. Returns how many deliveries were written.
   */
  async emitMany<T extends WebhookEventType>(
    type: T,
    build: () => Promise<{ payload: WebhookEventPayloads[T]; eventId: string; occurredAt?: Date }[]>,
    transaction: Queryable,
  ): Promise<number> {
    const subscribers = await this.webhooks.findSubscribers(type, transaction);
    if (subscribers.length === 0) return 0;
    let written = 0;
    for (const event of await build()) written += await this.emit(type, event.payload, transaction, { eventId: event.eventId, occurredAt: event.occurredAt });
    return written;
  }
}
