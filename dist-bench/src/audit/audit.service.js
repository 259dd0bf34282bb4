var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
/** The append-only audit log every capability writes to. */
let AuditService = class AuditService {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Pass the transaction's manager so the event commits or rolls back with the change it describes. */
    async record(principal, entries, manager = this.dataSource.manager) {
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
        if (rows.length === 0)
            return;
        // jsonb details do not fit TypeORM's deep-partial typing; the shape is checked above.
        await manager.createQueryBuilder().insert().into(AuditEventEntity).values(rows).execute();
    }
    async find(query) {
        const builder = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('event');
        if (query.actorId)
            builder.andWhere('event.actor_id = :actorId', { actorId: query.actorId });
        if (query.action)
            builder.andWhere('event.action = :action', { action: query.action });
        if (query.borrowerRef)
            builder.andWhere('event.borrower_ref = :borrowerRef', { borrowerRef: query.borrowerRef });
        if (query.targetType)
            builder.andWhere('event.target_type = :targetType', { targetType: query.targetType });
        if (query.targetId)
            builder.andWhere('event.target_id = :targetId', { targetId: query.targetId });
        if (query.from)
            builder.andWhere('event.occurred_at >= :from', { from: query.from });
        if (query.to)
            builder.andWhere('event.occurred_at < :to', { to: query.to });
        if (query.before)
            builder.andWhere('event.id < :before', { before: query.before });
        const rows = await builder.orderBy('event.id', 'DESC').limit(query.limit + 1).getMany();
        const items = rows.slice(0, query.limit);
        return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
    }
};
AuditService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], AuditService);
export { AuditService };
//# sourceMappingURL=audit.service.js.map