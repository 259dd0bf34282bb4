import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { zodDto } from '../common/zod.dto.js';
import { sourceRecordSchema } from '../records/source-record-validation.js';

/** What one request may carry; other ways in (call leads, pull connectors) size their own batches. */
export const MAX_RECORDS_PER_REQUEST = 1000;

/** A record as sources send it and as it is stored: names, limits and enums of the ingest validator. */
export class SourceRecordDto extends zodDto(sourceRecordSchema) {}

/** For OpenAPI: the pipeline validates record by record, so one bad record never fails the batch. */
export class IngestRecordsRequestDto extends zodDto(z.object({ records: z.array(sourceRecordSchema).max(MAX_RECORDS_PER_REQUEST) })) {}

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
