import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { Queryable } from '../database/queryable.js';
import { type AuditEvent, type AuditEventFilter, AuditEventRepository } from './audit-event.repository.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  borrowerRef?: string;
  purpose?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery extends AuditEventFilter {
  limit: number;
}

/** The append-only audit log every capability writes to. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventRepository) {}

  /** Pass the transaction so the event commits or rolls back with the change it describes. */
  async record(principal: Principal, entries: AuditEntry | AuditEntry[], db?: Queryable): Promise<void> {
    const events = (Array.isArray(entries) ? entries : [entries]).map((entry) => ({
      actorId: principal.id,
      actorRole: principal.role,
      actorUsername: principal.username ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      borrowerRef: entry.borrowerRef ?? null,
      purpose: entry.purpose ?? null,
      details: entry.details ?? {},
    }));
    await this.events.insert(events, db);
  }

  /** A page of events; `nextCursor` is set when older events remain. */
  async find(query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    const { limit, ...filter } = query;
    // One more than the page tells whether another page follows.
    const rows = await this.events.find(filter, limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
