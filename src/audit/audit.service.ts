import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  borrowerRef?: string;
  purpose?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  borrowerRef?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: events with a smaller id (older) than this. */
  before?: string;
  limit: number;
}

/** The append-only audit log every capability writes to. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager so the event commits or rolls back with the change it describes. */
  async record(principal: Principal, entries: AuditEntry | AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    const rows = (Array.isArray(entries) ? entries : [entries]).map((entry) => ({
      actorId: principal.id,
      actorRole: principal.role,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      borrowerRef: entry.borrowerRef ?? null,
      purpose: entry.purpose ?? null,
      details: entry.details ?? {},
    }));
    if (rows.length === 0) return;
    // jsonb details do not fit TypeORM's deep-partial typing; the shape is checked above.
    await manager.createQueryBuilder().insert().into(AuditEventEntity).values(rows as never[]).execute();
  }

  async find(query: AuditQuery): Promise<{ items: AuditEventEntity[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('event');
    if (query.actorId) builder.andWhere('event.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('event.action = :action', { action: query.action });
    if (query.borrowerRef) builder.andWhere('event.borrower_ref = :borrowerRef', { borrowerRef: query.borrowerRef });
    if (query.targetType) builder.andWhere('event.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) builder.andWhere('event.target_id = :targetId', { targetId: query.targetId });
    if (query.from) builder.andWhere('event.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('event.occurred_at < :to', { to: query.to });
    if (query.before) builder.andWhere('event.id < :before', { before: query.before });
    const rows = await builder.orderBy('event.id', 'DESC').limit(query.limit + 1).getMany();
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
  }
}
