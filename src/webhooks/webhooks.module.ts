import { Global, Module } from '@nestjs/common';
import { WebhookDeliveryJob } from './webhook-delivery.job.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookEvents } from './webhook-events.service.js';
import { WebhookHttpClient } from './webhook-http.client.js';
import { WebhookRepository } from './webhook.repository.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Outgoing webhooks. Global like the outbox: a folder that tells the platform something injects
 * WebhookEvents and calls emit in its transaction, without importing this module.
 */
@Global()
@Module({
  controllers: [WebhooksController],
  providers: [WebhookRepository, WebhookDeliveryRepository, WebhookHttpClient, WebhookEvents, WebhookDeliveryService, WebhooksService, WebhookDeliveryJob],
  exports: [WebhookEvents],
})
export class WebhooksModule {}
