import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { DELIVERY_OUTCOMES, type DeliveryOutcome } from './webhook-delivery.entity.js';
import type { WebhookDelivery } from './webhook-delivery.repository.js';
import { webhookDefinitionSchema } from './webhook-definition.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events.js';
import type { Webhook } from './webhook.repository.js';

export const putWebhookSchema = webhookDefinitionSchema;
export type PutWebhookDto = z.output<typeof putWebhookSchema>;

export const listDeliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.uuid().optional().meta({ description: 'Id of the last delivery of the previous page' }),
});
export type ListDeliveriesQueryDto = z.output<typeof listDeliveriesQuerySchema>;

export class WebhookDto {
  @ApiProperty() key!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: WebhookEventType[];
  @ApiProperty({ description: 'The environment variable holding the signing secret; the secret itself is never returned' }) secretEnv!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;

  static of(webhook: Webhook): WebhookDto {
    return { key: webhook.key, url: webhook.url, events: webhook.events, secretEnv: webhook.secretEnv, enabled: webhook.enabled, createdAt: webhook.createdAt, updatedAt: webhook.updatedAt };
  }
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType!: WebhookEventType;
  @ApiProperty({ format: 'uuid', description: 'The event id (X-Webhook-Id): the same for every webhook the event went to' }) eventId!: string;
  @ApiProperty({ enum: DELIVERY_OUTCOMES }) outcome!: DeliveryOutcome;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'HTTP status or network error of the last failed attempt' }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was delivered or given up' }) finishedAt!: Date | null;

  static of(delivery: WebhookDelivery): WebhookDeliveryDto {
    return {
      id: delivery.id,
      eventType: delivery.eventType,
      eventId: delivery.eventId,
      outcome: delivery.outcome,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      occurredAt: delivery.occurredAt,
      createdAt: delivery.createdAt,
      lastAttemptAt: delivery.lastAttemptAt,
      finishedAt: delivery.finishedAt,
    };
  }
}
