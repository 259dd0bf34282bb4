import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADDRESS_KINDS, type AddressKind, SUBJECT_ROLES, type SubjectRole } from '../records/source-record.js';

class BorrowerReferenceDto {
  @ApiProperty({ description: "The lender's borrower id", maxLength: 100 }) ref!: string;
  @ApiPropertyOptional({ maxLength: 100 }) name?: string;
  @ApiPropertyOptional({ description: 'Resident identity number', maxLength: 32 }) idNumber?: string;
}

class SubjectDto {
  @ApiProperty({ enum: SUBJECT_ROLES }) role!: SubjectRole;
  @ApiPropertyOptional({ maxLength: 100 }) name?: string;
  @ApiPropertyOptional({ description: 'Canonical relation or the label the source writes (配偶, 父亲, 同事 ...)', maxLength: 50 })
  relation?: string;
}

class AddressDto {
  @ApiProperty({ maxLength: 500 }) text!: string;
  @ApiPropertyOptional({ enum: ADDRESS_KINDS }) kind?: AddressKind;
}

class EmployerDto {
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiPropertyOptional({ maxLength: 64 }) phone?: string;
}

export class SourceRecordDto {
  @ApiProperty({ description: 'Unique within the source', maxLength: 200 }) sourceRecordId!: string;
  @ApiProperty({ description: 'When the source saw it (ISO-8601)', format: 'date-time' }) observedAt!: string;
  @ApiProperty({ type: BorrowerReferenceDto }) borrower!: BorrowerReferenceDto;
  @ApiProperty({ type: SubjectDto }) subject!: SubjectDto;
  @ApiPropertyOptional({ type: [String], description: 'Raw strings exactly as the source holds them (missing means none)', maxItems: 20 }) phones?: string[];
  @ApiPropertyOptional({ type: [AddressDto], maxItems: 20 }) addresses?: AddressDto[];
  @ApiPropertyOptional({ type: EmployerDto }) employer?: EmployerDto;
}

export class IngestRecordsRequestDto {
  @ApiProperty({ type: [SourceRecordDto], maxItems: 1000 }) records!: SourceRecordDto[];
}

export class RejectedRecordDto {
  @ApiProperty() index!: number;
  @ApiPropertyOptional() sourceRecordId?: string;
  @ApiProperty({ type: [String], example: ['observedAt: not an ISO-8601 date-time'] }) errors!: string[];
}

export class UnusablePhoneDto {
  @ApiProperty() index!: number;
  @ApiProperty() sourceRecordId!: string;
  @ApiProperty() raw!: string;
  @ApiProperty({ example: 'masked number: 138****5678 hides digits' }) reason!: string;
}

export class IngestRecordsResponseDto {
  @ApiProperty() batchId!: string;
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty({ type: [RejectedRecordDto] }) rejected!: RejectedRecordDto[];
  @ApiProperty({ type: [UnusablePhoneDto], description: 'Stored records whose phone strings are not usable numbers' })
  unusablePhones!: UnusablePhoneDto[];
}
