var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
/** One deduplicated phone line or dwelling; observations say where it came from. */
let ContactPointEntity = class ContactPointEntity {
};
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], ContactPointEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], ContactPointEntity.prototype, "kind", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], ContactPointEntity.prototype, "valueKey", void 0);
__decorate([
    Column({ type: 'varchar', length: 20, nullable: true }),
    __metadata("design:type", Object)
], ContactPointEntity.prototype, "e164", void 0);
__decorate([
    Column({ type: 'varchar', length: 10, nullable: true }),
    __metadata("design:type", Object)
], ContactPointEntity.prototype, "extension", void 0);
__decorate([
    Column({ type: 'varchar', length: 20, nullable: true }),
    __metadata("design:type", Object)
], ContactPointEntity.prototype, "subtype", void 0);
__decorate([
    Column({ type: 'varchar', length: 32, nullable: true }),
    __metadata("design:type", Object)
], ContactPointEntity.prototype, "carrierGroup", void 0);
__decorate([
    Column({ type: 'jsonb', nullable: true }),
    __metadata("design:type", Object)
], ContactPointEntity.prototype, "address", void 0);
__decorate([
    Column({ type: 'varchar', length: 6, nullable: true }),
    __metadata("design:type", Object)
], ContactPointEntity.prototype, "districtCode", void 0);
__decorate([
    Column({ type: 'text', array: true, default: () => "'{}'" }),
    Index('contact_point_block_keys', { synchronize: false }),
    __metadata("design:type", Array)
], ContactPointEntity.prototype, "blockKeys", void 0);
__decorate([
    Column({ type: 'uuid', nullable: true }),
    Index('contact_point_merged_into', { synchronize: false }),
    __metadata("design:type", Object)
], ContactPointEntity.prototype, "mergedIntoId", void 0);
__decorate([
    Column({ type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], ContactPointEntity.prototype, "borrowerCount", void 0);
__decorate([
    Column({ type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], ContactPointEntity.prototype, "sourceCount", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], ContactPointEntity.prototype, "firstSeenAt", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], ContactPointEntity.prototype, "lastSeenAt", void 0);
ContactPointEntity = __decorate([
    Entity({ name: 'contact_point' }),
    Index(['kind', 'valueKey'], { unique: true })
], ContactPointEntity);
export { ContactPointEntity };
//# sourceMappingURL=contact-point.entity.js.map