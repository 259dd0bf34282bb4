var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
/** Append-only (a trigger forbids UPDATE and DELETE): who did what to whose data, and why. */
let AuditEventEntity = class AuditEventEntity {
};
__decorate([
    PrimaryGeneratedColumn({ type: 'bigint' }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], AuditEventEntity.prototype, "occurredAt", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "actorId", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "actorRole", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "action", void 0);
__decorate([
    Column({ type: 'varchar', length: 32, nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "targetType", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "targetId", void 0);
__decorate([
    Column({ type: 'varchar', length: 100, nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "borrowerRef", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "purpose", void 0);
__decorate([
    Column({ type: 'jsonb', default: () => "'{}'" }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "details", void 0);
AuditEventEntity = __decorate([
    Entity({ name: 'audit_event' }),
    Index(['occurredAt']),
    Index(['borrowerRef', 'occurredAt']),
    Index(['action', 'occurredAt']),
    Index(['actorId', 'occurredAt'])
], AuditEventEntity);
export { AuditEventEntity };
//# sourceMappingURL=audit-event.entity.js.map