import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

@Injectable()
@HandlesJob('webhooks.deliver')
export class WebhookDeliveryJob implements JobHandler<'webhooks.deliver'> {
  constructor(private readonly delivery: WebhookDeliveryService) {}

  async handle(data: JobPayloads['webhooks.deliver'], context: { attempt: number }): Promise<void> {
    await this.delivery.deliver(data.deliveryId, context.attempt);
  }
}
