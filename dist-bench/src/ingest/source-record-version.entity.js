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
import { SourceRecordEntity } from './source-record.entity.js';
import { BorrowerEntity } from '../borrowers/borrower.entity.js';
/** Append-only raw history: every distinct content a source sent for a record (a trigger forbids UPDATE). */
let SourceRecordVersionEntity = class SourceRecordVersionEntity {
};
__decorate([
    PrimaryGeneratedColumn({ type: 'bigint' }),
    __metadata("design:type", String)
], SourceRecordVersionEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'uuid' }),
    __metadata("design:type", String)
], SourceRecordVersionEntity.prototype, "sourceRecordUuid", void 0);
__decorate([
    Column({ type: 'integer' }),
    __metadata("design:type", Number)
], SourceRecordVersionEntity.prototype, "version", void 0);
__decorate([
    Column({ type: 'char', length: 64 }),
    __metadata("design:type", String)
], SourceRecordVersionEntity.prototype, "contentHash", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], SourceRecordVersionEntity.prototype, "observedAt", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], SourceRecordVersionEntity.prototype, "receivedAt", void 0);
__decorate([
    Column({ type: 'uuid' }),
    __metadata("design:type", String)
], SourceRecordVersionEntity.prototype, "batchId", void 0);
__decorate([
    Column({ type: 'uuid' }),
    __metadata("design:type", String)
], SourceRecordVersionEntity.prototype, "borrowerId", void 0);
__decorate([
    Column({ type: 'uuid' }),
    __metadata("design:type", String)
], SourceRecordVersionEntity.prototype, "personId", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], SourceRecordVersionEntity.prototype, "payload", void 0);
__decorate([
    ManyToOne(() => SourceRecordEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'source_record_uuid' }),
    __metadata("design:type", SourceRecordEntity)
], SourceRecordVersionEntity.prototype, "sourceRecord", void 0);
__decorate([
    ManyToOne(() => BorrowerEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'borrower_id' }),
    __metadata("design:type", BorrowerEntity)
], SourceRecordVersionEntity.prototype, "borrower", void 0);
SourceRecordVersionEntity = __decorate([
    Entity({ name: 'source_record_version' }),
    Index(['sourceRecordUuid', 'version'], { unique: true }),
    Index(['batchId']),
    Index(['personId'])
], SourceRecordVersionEntity);
export { SourceRecordVersionEntity };
//# sourceMappingURL=source-record-version.entity.js.map