import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { WebhookDefinition } from './webhook-definition.js';
import type { WebhookEventType } from './webhook-events.js';

export interface Webhook extends WebhookDefinition {
  key: string;
  createdAt: Date;
  updatedAt: Date;
}

interface WebhookRow {
  key: string;
  url: string;
  events: WebhookEventType[];
  secret_env: string;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'key, url, events, secret_env, enabled, created_at, updated_at';

@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(db: Queryable = this.dataSource): Promise<Webhook[]> {
    const rows: WebhookRow[] = await db.query(`SELECT ${COLUMNS} FROM webhook ORDER BY key`);
    return rows.map(toWebhook);
  }

  async findByKey(key: string, db: Queryable = this.dataSource): Promise<Webhook | undefined> {
    const [row]: WebhookRow[] = await db.query(`SELECT ${COLUMNS} FROM webhook WHERE key = $1`, [key]);
    return row ? toWebhook(row) : undefined;
  }

  /** Row-locks the webhook until the transaction ends, so concurrent puts of one key queue up. */
  async findByKeyForUpdate(key: string, db: Queryable): Promise<Webhook | undefined> {
    const [row]: WebhookRow[] = await db.query(`SELECT ${COLUMNS} FROM webhook WHERE key = $1 FOR UPDATE`, [key]);
    return row ? toWebhook(row) : undefined;
  }

  async upsert(key: string, definition: WebhookDefinition, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO webhook (key, url, events, secret_env, enabled, created_at, updated_at)
       VALUES ($1, $2, $3::text[], $4, $5, now(), now())
       ON CONFLICT (key) DO UPDATE SET url = EXCLUDED.url, events = EXCLUDED.events, secret_env = EXCLUDED.secret_env,
         enabled = EXCLUDED.enabled, updated_at = now()`,
      [key, definition.url, definition.events, definition.secretEnv, definition.enabled],
    );
  }

  /** The enabled webhooks subscribed to `type`. */
  async findSubscribers(type: WebhookEventType, db: Queryable = this.dataSource): Promise<Webhook[]> {
    const rows: WebhookRow[] = await db.query(`SELECT ${COLUMNS} FROM webhook WHERE enabled AND $1 = ANY(events) ORDER BY key`, [type]);
    return rows.map(toWebhook);
  }
}

function toWebhook(row: WebhookRow): Webhook {
  return { key: row.key, url: row.url, events: row.events, secretEnv: row.secret_env, enabled: row.enabled, createdAt: row.created_at, updatedAt: row.updated_at };
}
