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
import { ContactPointEntity } from './contact-point.entity.js';
import { PersonEntity } from './person.entity.js';
let PersonContactPointEntity = class PersonContactPointEntity {
};
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], PersonContactPointEntity.prototype, "personId", void 0);
__decorate([
    PrimaryColumn({ type: 'uuid' }),
    __metadata("design:type", String)
], PersonContactPointEntity.prototype, "contactPointId", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], PersonContactPointEntity.prototype, "firstSeenAt", void 0);
__decorate([
    Column({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], PersonContactPointEntity.prototype, "lastSeenAt", void 0);
__decorate([
    ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'person_id' }),
    __metadata("design:type", PersonEntity)
], PersonContactPointEntity.prototype, "person", void 0);
__decorate([
    ManyToOne(() => ContactPointEntity, { onDelete: 'CASCADE' }),
    JoinColumn({ name: 'contact_point_id' }),
    __metadata("design:type", ContactPointEntity)
], PersonContactPointEntity.prototype, "contactPoint", void 0);
PersonContactPointEntity = __decorate([
    Entity({ name: 'person_contact_point' }),
    Index(['contactPointId'])
], PersonContactPointEntity);
export { PersonContactPointEntity };
//# sourceMappingURL=person-contact-point.entity.js.map