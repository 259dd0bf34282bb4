var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { SourceEntity } from '../sources/source.entity.js';
let IngestBatchEntity = class IngestBatchEntity {
};
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], IngestBatchEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], IngestBatchEntity.prototype, "sourceKey", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], IngestBatchEntity.prototype, "actorId", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], IngestBatchEntity.prototype, "receivedAt", void 0);
__decorate([
    Column({ type: 'integer' }),
    __metadata("design:type", Number)
], IngestBatchEntity.prototype, "recordCount", void 0);
__decorate([
    Column({ type: 'integer' }),
    __metadata("design:type", Number)
], IngestBatchEntity.prototype, "accepted", void 0);
__decorate([
    Column({ type: 'integer' }),
    __metadata("design:type", Number)
], IngestBatchEntity.prototype, "duplicates", void 0);
__decorate([
    Column({ type: 'integer' }),
    __metadata("design:type", Number)
], IngestBatchEntity.prototype, "rejected", void 0);
__decorate([
    ManyToOne(() => SourceEntity, { onDelete: 'RESTRICT' }),
    JoinColumn({ name: 'source_key' }),
    __metadata("design:type", SourceEntity)
], IngestBatchEntity.prototype, "source", void 0);
IngestBatchEntity = __decorate([
    Entity({ name: 'ingest_batch' }),
    Index(['sourceKey', 'receivedAt'])
], IngestBatchEntity);
export { IngestBatchEntity };
//# sourceMappingURL=ingest-batch.entity.js.map