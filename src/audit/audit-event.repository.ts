import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';

/** An audit event as written; the id and time come from the database. */
export interface NewAuditEvent {
  actorId: string;
  actorRole: string;
  /** The console user's username; null for API keys and the system. */
  actorUsername: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  borrowerRef: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
}

export interface AuditEvent extends NewAuditEvent {
  /** bigint, as a string */
  id: string;
  occurredAt: Date;
}

/** Every filter is optional; the events come newest (highest id) first. */
export interface AuditEventFilter {
  actorId?: string;
  /** A console user: `user:<uuid>`, the bare uuid, or the username. */
  user?: string;
  action?: string;
  borrowerRef?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Events with a smaller id than this. */
  before?: string;
}

interface AuditEventRow {
  id: string;
  occurred_at: Date;
  actor_id: string;
  actor_role: string;
  actor_username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  borrower_ref: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
}

const INSERTED_COLUMNS = 9;

@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(events: readonly NewAuditEvent[], db: Queryable = this.dataSource): Promise<void> {
    if (events.length === 0) return;
    const values = events.map((_, row) => `(${Array.from({ length: INSERTED_COLUMNS }, (_, column) => `$${row * INSERTED_COLUMNS + column + 1}`).join(', ')})`);
    await db.query(
      `INSERT INTO audit_event (actor_id, actor_role, actor_username, action, target_type, target_id, borrower_ref, purpose, details) VALUES ${values.join(', ')}`,
      events.flatMap((event) => [
        event.actorId,
        event.actorRole,
        event.actorUsername,
        event.action,
        event.targetType,
        event.targetId,
        event.borrowerRef,
        event.purpose,
        // As TypeORM wrote jsonb: serialised here, so pg does not turn an array into a PostgreSQL array.
        JSON.stringify(event.details),
      ]),
    );
  }

  /** At most `limit` events matching every given filter, newest first. */
  async find(filter: AuditEventFilter, limit: number, db: Queryable = this.dataSource): Promise<AuditEvent[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      parameters.push(value);
      conditions.push(`${condition} $${parameters.length}`);
    };
    if (filter.actorId) where('event.actor_id =', filter.actorId);
    if (filter.user) {
      // Either column may name the user; the username index or the actor index serves each side.
      parameters.push(filter.user.startsWith('user:') ? filter.user : `user:${filter.user}`, filter.user.toLowerCase());
      conditions.push(`(event.actor_id = $${parameters.length - 1} OR event.actor_username = $${parameters.length})`);
    }
    if (filter.action) where('event.action =', filter.action);
    if (filter.borrowerRef) where('event.borrower_ref =', filter.borrowerRef);
    if (filter.targetType) where('event.target_type =', filter.targetType);
    if (filter.targetId) where('event.target_id =', filter.targetId);
    if (filter.from) where('event.occurred_at >=', filter.from);
    if (filter.to) where('event.occurred_at <', filter.to);
    if (filter.before) where('event.id <', filter.before);
    parameters.push(limit);
    const rows: AuditEventRow[] = await db.query(
      `SELECT event.id, event.occurred_at, event.actor_id, event.actor_role, event.actor_username, event.action, event.target_type, event.target_id,
              event.borrower_ref, event.purpose, event.details
       FROM audit_event event
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY event.id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      actorUsername: row.actor_username,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      borrowerRef: row.borrower_ref,
      purpose: row.purpose,
      details: row.details,
    }));
  }
}
