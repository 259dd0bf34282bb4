import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceRecordDto } from './source-record.dto.js';

export class ResolvedPhoneDto {
  @ApiProperty({ description: 'As received; masked (138****5678, or **** without digits) unless unmasked', example: '138****5678' }) raw!: string;
  @ApiProperty({ nullable: true, type: String }) contactPointId!: string | null;
  @ApiPropertyOptional({ example: '+8613812345678', description: 'Only when unmasked' }) e164?: string;
  @ApiPropertyOptional({ example: '123', description: 'Only when unmasked' }) extension?: string;
  @ApiPropertyOptional({ enum: ['mobile', 'fixed_line', 'organisation'] }) type?: string;
  @ApiPropertyOptional({ description: 'Why the value is not a usable number' }) error?: string;
  @ApiPropertyOptional({ enum: ['phone', 'employer_phone'] }) field?: string;
}

export class ResolvedAddressDto {
  @ApiProperty({ description: 'As received; cut after the district (广东省深圳市南山区****) unless unmasked' }) raw!: string;
  @ApiProperty({ nullable: true, type: String }) contactPointId!: string | null;
  @ApiPropertyOptional() error?: string;
}

export class RecordVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) observedAt!: Date;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty() batchId!: string;
  @ApiPropertyOptional({ description: 'SHA-256 of the stored payload; only when unmasked (it would let masked values be guessed)' }) contentHash?: string;
}

export class SourceRecordReadDto {
  @ApiProperty() sourceKey!: string;
  @ApiProperty({ type: SourceRecordDto, description: 'The current version as stored; names, id number, phones and addresses masked unless unmasked' }) record!: SourceRecordDto;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'The person the record is about (after any operator merge)' }) personId!: string;
  @ApiProperty() borrowerId!: string;
  @ApiProperty({ type: [ResolvedPhoneDto] }) phones!: ResolvedPhoneDto[];
  @ApiProperty({ type: [ResolvedAddressDto] }) addresses!: ResolvedAddressDto[];
  @ApiProperty({ type: [RecordVersionDto], description: 'Every version received, newest first' }) versions!: RecordVersionDto[];
}
