var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
/** A real person or organisation; may be linked to several borrowers (a shared contact). */
let PersonEntity = class PersonEntity {
};
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], PersonEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], PersonEntity.prototype, "kind", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "normalizedName", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "nameKey", void 0);
__decorate([
    Column({ type: 'uuid', nullable: true }),
    Index('person_merged_into', { synchronize: false }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "mergedIntoId", void 0);
__decorate([
    CreateDateColumn({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], PersonEntity.prototype, "createdAt", void 0);
PersonEntity = __decorate([
    Entity({ name: 'person' }),
    Index(['nameKey'])
], PersonEntity);
export { PersonEntity };
//# sourceMappingURL=person.entity.js.map