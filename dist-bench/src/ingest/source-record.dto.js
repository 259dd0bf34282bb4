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
export const SUBJECT_ROLES = ['borrower', 'contact'];
export const ADDRESS_KINDS = ['home', 'work', 'delivery', 'registered', 'other'];
class BorrowerReferenceDto {
}
__decorate([
    ApiProperty({ description: "The lender's borrower id", maxLength: 100 }),
    __metadata("design:type", String)
], BorrowerReferenceDto.prototype, "ref", void 0);
__decorate([
    ApiPropertyOptional({ maxLength: 100 }),
    __metadata("design:type", String)
], BorrowerReferenceDto.prototype, "name", void 0);
__decorate([
    ApiPropertyOptional({ description: 'Resident identity number', maxLength: 32 }),
    __metadata("design:type", String)
], BorrowerReferenceDto.prototype, "idNumber", void 0);
class SubjectDto {
}
__decorate([
    ApiProperty({ enum: SUBJECT_ROLES }),
    __metadata("design:type", String)
], SubjectDto.prototype, "role", void 0);
__decorate([
    ApiPropertyOptional({ maxLength: 100 }),
    __metadata("design:type", String)
], SubjectDto.prototype, "name", void 0);
__decorate([
    ApiPropertyOptional({ description: 'Canonical relation or the label the source writes (配偶, 父亲, 同事 ...)', maxLength: 50 }),
    __metadata("design:type", String)
], SubjectDto.prototype, "relation", void 0);
class AddressDto {
}
__decorate([
    ApiProperty({ maxLength: 500 }),
    __metadata("design:type", String)
], AddressDto.prototype, "text", void 0);
__decorate([
    ApiPropertyOptional({ enum: ADDRESS_KINDS }),
    __metadata("design:type", String)
], AddressDto.prototype, "kind", void 0);
class EmployerDto {
}
__decorate([
    ApiProperty({ maxLength: 200 }),
    __metadata("design:type", String)
], EmployerDto.prototype, "name", void 0);
__decorate([
    ApiPropertyOptional({ maxLength: 64 }),
    __metadata("design:type", String)
], EmployerDto.prototype, "phone", void 0);
export class SourceRecordDto {
}
__decorate([
    ApiProperty({ description: 'Unique within the source', maxLength: 200 }),
    __metadata("design:type", String)
], SourceRecordDto.prototype, "sourceRecordId", void 0);
__decorate([
    ApiProperty({ description: 'When the source saw it (ISO-8601)', format: 'date-time' }),
    __metadata("design:type", String)
], SourceRecordDto.prototype, "observedAt", void 0);
__decorate([
    ApiProperty({ type: BorrowerReferenceDto }),
    __metadata("design:type", BorrowerReferenceDto)
], SourceRecordDto.prototype, "borrower", void 0);
__decorate([
    ApiProperty({ type: SubjectDto }),
    __metadata("design:type", SubjectDto)
], SourceRecordDto.prototype, "subject", void 0);
__decorate([
    ApiProperty({ type: [String], description: 'Raw strings exactly as the source holds them', maxItems: 20 }),
    __metadata("design:type", Array)
], SourceRecordDto.prototype, "phones", void 0);
__decorate([
    ApiPropertyOptional({ type: [AddressDto], maxItems: 20 }),
    __metadata("design:type", Array)
], SourceRecordDto.prototype, "addresses", void 0);
__decorate([
    ApiPropertyOptional({ type: EmployerDto }),
    __metadata("design:type", EmployerDto)
], SourceRecordDto.prototype, "employer", void 0);
export class IngestRecordsRequestDto {
}
__decorate([
    ApiProperty({ type: [SourceRecordDto], maxItems: 1000 }),
    __metadata("design:type", Array)
], IngestRecordsRequestDto.prototype, "records", void 0);
export class RejectedRecordDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], RejectedRecordDto.prototype, "index", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", String)
], RejectedRecordDto.prototype, "sourceRecordId", void 0);
__decorate([
    ApiProperty({ type: [String], example: ['observedAt: not an ISO-8601 date-time'] }),
    __metadata("design:type", Array)
], RejectedRecordDto.prototype, "errors", void 0);
export class UnusablePhoneDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], UnusablePhoneDto.prototype, "index", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UnusablePhoneDto.prototype, "sourceRecordId", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UnusablePhoneDto.prototype, "raw", void 0);
__decorate([
    ApiProperty({ example: 'masked number: 138****5678 hides digits' }),
    __metadata("design:type", String)
], UnusablePhoneDto.prototype, "reason", void 0);
export class IngestRecordsResponseDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], IngestRecordsResponseDto.prototype, "batchId", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], IngestRecordsResponseDto.prototype, "accepted", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], IngestRecordsResponseDto.prototype, "duplicates", void 0);
__decorate([
    ApiProperty({ type: [RejectedRecordDto] }),
    __metadata("design:type", Array)
], IngestRecordsResponseDto.prototype, "rejected", void 0);
__decorate([
    ApiProperty({ type: [UnusablePhoneDto], description: 'Stored records whose phone strings are not usable numbers' }),
    __metadata("design:type", Array)
], IngestRecordsResponseDto.prototype, "unusablePhones", void 0);
//# sourceMappingURL=source-record.dto.js.map