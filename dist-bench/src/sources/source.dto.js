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
import { IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SOURCE_KINDS, SOURCE_SYSTEMS } from './source-types.js';
export class PutSourceDto {
}
__decorate([
    ApiProperty({ enum: SOURCE_SYSTEMS }),
    IsIn(SOURCE_SYSTEMS),
    __metadata("design:type", String)
], PutSourceDto.prototype, "system", void 0);
__decorate([
    ApiProperty({ enum: SOURCE_KINDS, description: 'external sources are used only with the borrower\'s consent' }),
    IsIn(SOURCE_KINDS),
    __metadata("design:type", String)
], PutSourceDto.prototype, "kind", void 0);
__decorate([
    ApiPropertyOptional({ maxLength: 200 }),
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], PutSourceDto.prototype, "displayName", void 0);
__decorate([
    ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'How far its data is believed; default 0.8 internal, 0.6 external' }),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(1),
    __metadata("design:type", Number)
], PutSourceDto.prototype, "trust", void 0);
export class SourceDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], SourceDto.prototype, "key", void 0);
__decorate([
    ApiProperty({ enum: SOURCE_SYSTEMS }),
    __metadata("design:type", String)
], SourceDto.prototype, "system", void 0);
__decorate([
    ApiProperty({ enum: SOURCE_KINDS }),
    __metadata("design:type", String)
], SourceDto.prototype, "kind", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], SourceDto.prototype, "displayName", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], SourceDto.prototype, "trust", void 0);
__decorate([
    ApiProperty({ enum: ['api', 'config'] }),
    __metadata("design:type", String)
], SourceDto.prototype, "declaredIn", void 0);
__decorate([
    ApiProperty({ format: 'date-time' }),
    __metadata("design:type", Date)
], SourceDto.prototype, "createdAt", void 0);
__decorate([
    ApiProperty({ format: 'date-time' }),
    __metadata("design:type", Date)
], SourceDto.prototype, "updatedAt", void 0);
//# sourceMappingURL=source.dto.js.map