import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SUBJECT_ROLES = ['borrower', 'contact'] as const;
export const ADDRESS_KINDS = ['home', 'work', 'delivery', 'registered', 'other'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];
export type AddressKind = (typeof ADDRESS_KINDS)[number];

/** A validated record, as stored in source_record_version.payload. */
export interface SourceRecordPayload {
  sourceRecordId: string;
  observedAt: string;
  borrower: { ref: string; name?: string; idNumber?: string };
  subject: { role: SubjectRole; name?: string; relation?: string };
  phones: string[];
  addresses: { text: string; kind?: AddressKind }[];
  employer?: { name: string; phone?: string };
}

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
