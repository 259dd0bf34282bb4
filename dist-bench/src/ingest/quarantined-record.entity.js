var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IngestBatchEntity } from './ingest-batch.entity.js';
/** A rejected record kept as received, with the reasons, for an operator to inspect. */
let QuarantinedRecordEntity = class QuarantinedRecordEntity {
};
__decorate([
    PrimaryGeneratedColumn({ type: 'bigint' }),
    __metadata("design:type", String)
], QuarantinedRecordEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'uuid' }),
    __metadata("design:type", String)
], QuarantinedRecordEntity.prototype, "batchId", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], QuarantinedRecordEntity.prototype, "sourceKey", void 0);
__decorate([
    Column({ type: 'integer' }),
    __metadata("design:type", Number)
], QuarantinedRecordEntity.prototype, "batchIndex", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], QuarantinedRecordEntity.prototype, "sourceRecordId", void 0);
__decorate([
    Column({ type: 'jsonb', nullable: true }),
    __metadata("design:type", Object)
], QuarantinedRecordEntity.prototype, "payload", void 0);
__decorate([
    Column({ type: 'text', array: true }),
    __metadata("design:type", Array)
], QuarantinedRecordEntity.prototype, "errors", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], QuarantinedRecordEntity.prototype, "receivedAt", void 0);
__decorate([
    ManyToOne(() => IngestBatchEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'batch_id' }),
    __metadata("design:type", IngestBatchEntity)
], QuarantinedRecordEntity.prototype, "batch", void 0);
QuarantinedRecordEntity = __decorate([
    Entity({ name: 'quarantined_record' }),
    Index(['sourceKey', 'receivedAt'])
], QuarantinedRecordEntity);
export { QuarantinedRecordEntity };
//# sourceMappingURL=quarantined-record.entity.js.map