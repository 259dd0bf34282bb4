var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsNumberString, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
export class AuditEventQueryDto {
}
__decorate([
    ApiPropertyOptional(),
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], AuditEventQueryDto.prototype, "actorId", void 0);
__decorate([
    ApiPropertyOptional({ example: 'ingest.batch' }),
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], AuditEventQueryDto.prototype, "action", void 0);
__decorate([
    ApiPropertyOptional(),
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], AuditEventQueryDto.prototype, "borrowerRef", void 0);
__decorate([
    ApiPropertyOptional(),
    IsOptional(),
    IsString(),
    MaxLength(32),
    __metadata("design:type", String)
], AuditEventQueryDto.prototype, "targetType", void 0);
__decorate([
    ApiPropertyOptional(),
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], AuditEventQueryDto.prototype, "targetId", void 0);
__decorate([
    ApiPropertyOptional({ format: 'date-time' }),
    IsOptional(),
    Type(() => Date),
    IsDate(),
    __metadata("design:type", Date)
], AuditEventQueryDto.prototype, "from", void 0);
__decorate([
    ApiPropertyOptional({ format: 'date-time' }),
    IsOptional(),
    Type(() => Date),
    IsDate(),
    __metadata("design:type", Date)
], AuditEventQueryDto.prototype, "to", void 0);
__decorate([
    ApiPropertyOptional({ description: 'nextCursor of the previous page' }),
    IsOptional(),
    IsNumberString(),
    __metadata("design:type", String)
], AuditEventQueryDto.prototype, "before", void 0);
__decorate([
    ApiPropertyOptional({ default: 100, maximum: 500 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
    __metadata("design:type", Number)
], AuditEventQueryDto.prototype, "limit", void 0);
export class AuditEventDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], AuditEventDto.prototype, "id", void 0);
__decorate([
    ApiProperty({ format: 'date-time' }),
    __metadata("design:type", Date)
], AuditEventDto.prototype, "occurredAt", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], AuditEventDto.prototype, "actorId", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], AuditEventDto.prototype, "actorRole", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], AuditEventDto.prototype, "action", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditEventDto.prototype, "targetType", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditEventDto.prototype, "targetId", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditEventDto.prototype, "borrowerRef", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditEventDto.prototype, "purpose", void 0);
__decorate([
    ApiProperty({ type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AuditEventDto.prototype, "details", void 0);
export class AuditEventPageDto {
}
__decorate([
    ApiProperty({ type: [AuditEventDto] }),
    __metadata("design:type", Array)
], AuditEventPageDto.prototype, "items", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next (older) page' }),
    __metadata("design:type", Object)
], AuditEventPageDto.prototype, "nextCursor", void 0);
//# sourceMappingURL=audit-event.dto.js.map