import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_OUTCOMES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/**
 * One event for one webhook, written in the transaction of the change it tells about; each attempt
 * leaves its status code or error here. The payload is the checked, masked one that is sent.
 */
@Entity({ name: 'webhook_delivery' })
// One delivery per event and webhook: emitting the same event again adds nothing.
@Index(['webhookKey', 'eventId'], { unique: true })
@Index(['webhookKey', 'id'])
@Index(['outcome'])
export class WebhookDeliveryEntity {
  /** Time-ordered (UUID v7): listing newest first is a walk down the primary key. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 63 })
  webhookKey!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'varchar', length: 64 })
  eventType!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** When it was delivered or given up. */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
