import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { DeliveryOutcome } from './webhook-delivery.entity.js';
import type { WebhookEventType } from './webhook-events.js';

export interface WebhookDelivery {
  id: string;
  webhookKey: string;
  eventId: string;
  eventType: WebhookEventType;
  payload: Record<string, unknown>;
  occurredAt: Date;
  outcome: DeliveryOutcome;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
}

export interface NewDelivery {
  id: string;
  webhookKey: string;
  eventId: string;
  eventType: WebhookEventType;
  payload: object;
  occurredAt: Date;
}

interface DeliveryRow {
  id: string;
  webhook_key: string;
  event_id: string;
  event_type: WebhookEventType;
  payload: Record<string, unknown>;
  occurred_at: Date;
  outcome: DeliveryOutcome;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, webhook_key, event_id, event_type, payload, occurred_at, outcome, attempts, last_status_code, last_error, last_attempt_at, finished_at, created_at';

@Injectable()
export class WebhookDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns the ids actually inserted: a delivery of the same event to the same webhook is there already. */
  async insert(deliveries: readonly NewDelivery[], db: Queryable = this.dataSource): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const rows: { id: string }[] = await db.query(
      `INSERT INTO webhook_delivery (id, webhook_key, event_id, event_type, payload, occurred_at, outcome, attempts, created_at)
       SELECT d.id, d.webhook_key, d.event_id, d.event_type, d.payload, d.occurred_at, 'pending', 0, now()
       FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, webhook_key text, event_id uuid, event_type text, payload jsonb, occurred_at timestamptz)
       ON CONFLICT (webhook_key, event_id) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          deliveries.map((delivery) => ({
            id: delivery.id,
            webhook_key: delivery.webhookKey,
            event_id: delivery.eventId,
            event_type: delivery.eventType,
            payload: delivery.payload,
            occurred_at: delivery.occurredAt.toISOString(),
          })),
        ),
      ],
    );
    return rows.map((row) => row.id);
  }

  async findById(id: string, db: Queryable = this.dataSource): Promise<WebhookDelivery | undefined> {
    const [row]: DeliveryRow[] = await db.query(`SELECT ${COLUMNS} FROM webhook_delivery WHERE id = $1`, [id]);
    return row ? toDelivery(row) : undefined;
  }

  /** Newest first; `before` is the id of the previous page's last delivery (ids are time-ordered). */
  async list(webhookKey: string, limit: number, before: string | undefined, db: Queryable = this.dataSource): Promise<WebhookDelivery[]> {
    const rows: DeliveryRow[] = await db.query(
      `SELECT ${COLUMNS} FROM webhook_delivery
       WHERE webhook_key = $1 AND ($3::uuid IS NULL OR id < $3::uuid)
       ORDER BY id DESC LIMIT $2`,
      [webhookKey, limit, before ?? null],
    );
    return rows.map(toDelivery);
  }

  /**
   * One attempt's result. A delivery already finished stays as it was (a job run again after a
   * crash must not turn delivered into failed).
   */
  async recordAttempt(
    id: string,
    result: { outcome: DeliveryOutcome; statusCode: number | null; error: string | null },
    db: Queryable = this.dataSource,
  ): Promise<void> {
    await db.query(
      `UPDATE webhook_delivery SET attempts = attempts + 1, last_status_code = $2, last_error = $3, last_attempt_at = now(),
         outcome = $4::varchar, finished_at = CASE WHEN $4::varchar = 'pending' THEN NULL ELSE now() END
       WHERE id = $1 AND outcome = 'pending'`,
      [id, result.statusCode, result.error, result.outcome],
    );
  }
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookKey: row.webhook_key,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    occurredAt: row.occurred_at,
    outcome: row.outcome,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
  };
}
