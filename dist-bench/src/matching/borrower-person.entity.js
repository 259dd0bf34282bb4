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
import { BorrowerEntity } from '../borrowers/borrower.entity.js';
import { PersonEntity } from './person.entity.js';
/** How a person relates to a borrower; the borrower themself is the row with relation 'self'. */
let BorrowerPersonEntity = class BorrowerPersonEntity {
};
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], BorrowerPersonEntity.prototype, "borrowerId", void 0);
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], BorrowerPersonEntity.prototype, "personId", void 0);
__decorate([
    Column({ type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], BorrowerPersonEntity.prototype, "relation", void 0);
__decorate([
    Column({ type: 'text', array: true, default: () => "'{}'" }),
    __metadata("design:type", Array)
], BorrowerPersonEntity.prototype, "relationLabels", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], BorrowerPersonEntity.prototype, "firstSeenAt", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], BorrowerPersonEntity.prototype, "lastSeenAt", void 0);
__decorate([
    ManyToOne(() => BorrowerEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'borrower_id' }),
    __metadata("design:type", BorrowerEntity)
], BorrowerPersonEntity.prototype, "borrower", void 0);
__decorate([
    ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'person_id' }),
    __metadata("design:type", PersonEntity)
], BorrowerPersonEntity.prototype, "person", void 0);
BorrowerPersonEntity = __decorate([
    Entity({ name: 'borrower_person' }),
    Index(['personId'])
], BorrowerPersonEntity);
export { BorrowerPersonEntity };
//# sourceMappingURL=borrower-person.entity.js.map