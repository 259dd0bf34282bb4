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
import { ContactPointEntity } from './contact-point.entity.js';
import { SourceRecordVersionEntity } from '../ingest/source-record-version.entity.js';
/** One mention of a phone or address in one record version: the provenance of every contact point. */
let ObservationEntity = class ObservationEntity {
};
__decorate([
    PrimaryGeneratedColumn({ type: 'bigint' }),
    __metadata("design:type", String)
], ObservationEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'bigint' }),
    __metadata("design:type", String)
], ObservationEntity.prototype, "sourceRecordVersionId", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], ObservationEntity.prototype, "sourceKey", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], ObservationEntity.prototype, "field", void 0);
__decorate([
    Column({ type: 'smallint' }),
    __metadata("design:type", Number)
], ObservationEntity.prototype, "position", void 0);
__decorate([
    Column({ type: 'smallint', default: 0 }),
    __metadata("design:type", Number)
], ObservationEntity.prototype, "part", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], ObservationEntity.prototype, "raw", void 0);
__decorate([
    Column({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], ObservationEntity.prototype, "contactPointId", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ObservationEntity.prototype, "error", void 0);
__decorate([
    Column({ type: 'uuid' }),
    __metadata("design:type", String)
], ObservationEntity.prototype, "borrowerId", void 0);
__decorate([
    Column({ type: 'uuid' }),
    __metadata("design:type", String)
], ObservationEntity.prototype, "personId", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], ObservationEntity.prototype, "observedAt", void 0);
__decorate([
    ManyToOne(() => SourceRecordVersionEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'source_record_version_id' }),
    __metadata("design:type", SourceRecordVersionEntity)
], ObservationEntity.prototype, "sourceRecordVersion", void 0);
__decorate([
    ManyToOne(() => ContactPointEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'contact_point_id' }),
    __metadata("design:type", ContactPointEntity)
], ObservationEntity.prototype, "contactPoint", void 0);
ObservationEntity = __decorate([
    Entity({ name: 'observation' }),
    Index(['contactPointId', 'observedAt']),
    Index(['sourceRecordVersionId', 'field', 'position', 'part'], { unique: true }),
    Index(['borrowerId', 'observedAt'])
], ObservationEntity);
export { ObservationEntity };
//# sourceMappingURL=observation.entity.js.map