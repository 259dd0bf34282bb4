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
import { SourceRecordDto } from './source-record.dto.js';
export class ResolvedPhoneDto {
}
__decorate([
    ApiProperty({ description: 'As received' }),
    __metadata("design:type", String)
], ResolvedPhoneDto.prototype, "raw", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], ResolvedPhoneDto.prototype, "contactPointId", void 0);
__decorate([
    ApiPropertyOptional({ example: '+8613812345678' }),
    __metadata("design:type", String)
], ResolvedPhoneDto.prototype, "e164", void 0);
__decorate([
    ApiPropertyOptional({ example: '123' }),
    __metadata("design:type", String)
], ResolvedPhoneDto.prototype, "extension", void 0);
__decorate([
    ApiPropertyOptional({ enum: ['mobile', 'fixed_line', 'organisation'] }),
    __metadata("design:type", String)
], ResolvedPhoneDto.prototype, "type", void 0);
__decorate([
    ApiPropertyOptional({ description: 'Why the value is not a usable number' }),
    __metadata("design:type", String)
], ResolvedPhoneDto.prototype, "error", void 0);
__decorate([
    ApiPropertyOptional({ enum: ['phone', 'employer_phone'] }),
    __metadata("design:type", String)
], ResolvedPhoneDto.prototype, "field", void 0);
export class ResolvedAddressDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], ResolvedAddressDto.prototype, "raw", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], ResolvedAddressDto.prototype, "contactPointId", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", String)
], ResolvedAddressDto.prototype, "error", void 0);
export class RecordVersionDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], RecordVersionDto.prototype, "version", void 0);
__decorate([
    ApiProperty({ format: 'date-time' }),
    __metadata("design:type", Date)
], RecordVersionDto.prototype, "observedAt", void 0);
__decorate([
    ApiProperty({ format: 'date-time' }),
    __metadata("design:type", Date)
], RecordVersionDto.prototype, "receivedAt", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], RecordVersionDto.prototype, "batchId", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], RecordVersionDto.prototype, "contentHash", void 0);
export class SourceRecordReadDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], SourceRecordReadDto.prototype, "sourceKey", void 0);
__decorate([
    ApiProperty({ type: SourceRecordDto, description: 'The current version as stored' }),
    __metadata("design:type", SourceRecordDto)
], SourceRecordReadDto.prototype, "record", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], SourceRecordReadDto.prototype, "version", void 0);
__decorate([
    ApiProperty({ description: 'The person the record is about (after any operator merge)' }),
    __metadata("design:type", String)
], SourceRecordReadDto.prototype, "personId", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], SourceRecordReadDto.prototype, "borrowerId", void 0);
__decorate([
    ApiProperty({ type: [ResolvedPhoneDto] }),
    __metadata("design:type", Array)
], SourceRecordReadDto.prototype, "phones", void 0);
__decorate([
    ApiProperty({ type: [ResolvedAddressDto] }),
    __metadata("design:type", Array)
], SourceRecordReadDto.prototype, "addresses", void 0);
__decorate([
    ApiProperty({ type: [RecordVersionDto], description: 'Every version received, newest first' }),
    __metadata("design:type", Array)
], SourceRecordReadDto.prototype, "versions", void 0);
//# sourceMappingURL=source-record-read.dto.js.map