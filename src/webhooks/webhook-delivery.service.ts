import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { JOB_DEFINITIONS } from '../queue/job-definitions.js';
import { attemptOutcome, describeFailure } from './delivery-attempt.js';
import { webhookSecretProblem } from './webhook-definition.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { webhookBody } from './webhook-events.js';
import { WebhookHttpClient } from './webhook-http.client.js';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';
import { WebhookRepository } from './webhook.repository.js';

const TIMEOUT_MILLISECONDS = 10_000;

/** Thrown so the queue retries the delivery with its backoff. */
export class DeliveryAttemptFailed extends Error {
  override name = 'DeliveryAttemptFailed';
}

/** Sends one delivery attempt, signed, and records its result on the delivery row. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly http: WebhookHttpClient,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * One attempt. 2xx: delivered. Otherwise the row keeps the status or error and this throws, so the
   * queue tries again after its backoff; after the last attempt the row is marked failed (and this
   * still throws, so the queue counts the job as failed for good).
   */
  async deliver(deliveryId: string, queueAttempt: number, maxAttempts: number = JOB_DEFINITIONS['webhooks.deliver'].attempts): Promise<void> {
    const delivery = await this.deliveries.findById(deliveryId);
    // Finished already (a job run again after a crash): nothing to send twice.
    if (!delivery || delivery.outcome !== 'pending') return;
    const webhook = await this.webhooks.findByKey(delivery.webhookKey);
    if (!webhook || !webhook.enabled) {
      await this.deliveries.recordAttempt(deliveryId, { outcome: 'failed', statusCode: null, error: 'webhook disabled before delivery; not sent' });
      return;
    }
    let statusCode: number | null = null;
    let error: unknown;
    const secretProblem = webhookSecretProblem(webhook.secretEnv, this.config.connectors.secrets);
    if (secretProblem) error = new Error(`not sent: ${secretProblem}`);
    else {
      const body = webhookBody(delivery.eventId, delivery.eventType, delivery.occurredAt, delivery.payload as never);
      // The time of this attempt, not of the event: a retry hours later must still pass the receiver's replay window.
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        [WEBHOOK_HEADERS.id]: delivery.eventId,
        [WEBHOOK_HEADERS.event]: delivery.eventType,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(this.config.connectors.secrets.get(webhook.secretEnv)!, timestamp, body),
      };
      try {
        statusCode = (await this.http.post(webhook.url, headers, body, TIMEOUT_MILLISECONDS)).status;
      } catch (caught) {
        error = caught;
      }
    }
    const outcome = attemptOutcome({ statusCode }, queueAttempt, delivery.attempts, maxAttempts);
    const failure = outcome === 'delivered' ? null : describeFailure(statusCode, error);
    await this.deliveries.recordAttempt(deliveryId, { outcome, statusCode, error: failure });
    if (outcome === 'delivered') return;
    if (outcome === 'failed') this.logger.warn(`webhook ${webhook.key} delivery ${deliveryId} (${delivery.eventType}) failed for good: ${failure}`);
    throw new DeliveryAttemptFailed(`webhook ${webhook.key} delivery ${deliveryId}: ${failure}`);
  }
}
