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
/** The latest state of one (source, sourceRecordId); its versions are in source_record_version. */
let SourceRecordEntity = class SourceRecordEntity {
};
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], SourceRecordEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], SourceRecordEntity.prototype, "sourceKey", void 0);
__decorate([
    Column({ type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], SourceRecordEntity.prototype, "sourceRecordId", void 0);
__decorate([
    Column({ type: 'varchar', length: 100 }),
    __metadata("design:type", String)
], SourceRecordEntity.prototype, "borrowerRef", void 0);
__decorate([
    Column({ type: 'integer' }),
    __metadata("design:type", Number)
], SourceRecordEntity.prototype, "currentVersion", void 0);
__decorate([
    Column({ type: 'char', length: 64 }),
    __metadata("design:type", String)
], SourceRecordEntity.prototype, "contentHash", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], SourceRecordEntity.prototype, "firstReceivedAt", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], SourceRecordEntity.prototype, "lastReceivedAt", void 0);
__decorate([
    ManyToOne(() => SourceEntity, { onDelete: 'RESTRICT' }),
    JoinColumn({ name: 'source_key' }),
    __metadata("design:type", SourceEntity)
], SourceRecordEntity.prototype, "source", void 0);
SourceRecordEntity = __decorate([
    Entity({ name: 'source_record' }),
    Index(['sourceKey', 'sourceRecordId'], { unique: true }),
    Index(['borrowerRef'])
], SourceRecordEntity);
export { SourceRecordEntity };
//# sourceMappingURL=source-record.entity.js.map