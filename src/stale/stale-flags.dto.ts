import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { dateTime } from '../common/date-time.js';
import { text } from '../common/text.js';
import { UNMASK_QUERY } from '../privacy/unmask-query.js';
import { FLAG_STATUSES, type FlagStatus } from './stale-flag.entity.js';
import { STALE_FLAG_TYPES, type StaleFlagType } from './staleness.js';

export const listFlagsQuerySchema = z.strictObject({
  borrowerRef: text().min(1).max(100).optional(),
  type: z.enum(STALE_FLAG_TYPES).optional(),
  status: z.enum(FLAG_STATUSES).optional(),
  since: dateTime().optional().meta({ description: 'Flags detected at or after this time' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: z.uuid({ error: 'must be the nextCursor of the previous page' }).optional().meta({ description: 'nextCursor of the previous page' }),
  ...UNMASK_QUERY,
});
export type ListFlagsQueryDto = z.output<typeof listFlagsQuerySchema>;

export const summaryQuerySchema = z.strictObject({
  since: dateTime().optional().meta({ description: 'Start of "new" and "closed" counts; default 24 hours ago' }),
});
export type SummaryQueryDto = z.output<typeof summaryQuerySchema>;

export class FlagPointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['phone', 'address'] }) kind!: 'phone' | 'address';
  @ApiProperty({ example: '138****5678' }) masked!: string;
  @ApiProperty({ required: false, description: 'Only when unmasked' }) e164?: string;
  @ApiProperty({ required: false, description: 'Only when unmasked' }) extension?: string;
  @ApiProperty({ required: false, type: Object, description: 'Address parts, only when unmasked' }) address?: Record<string, unknown>;
}

export class SuggestedReplacementDto extends FlagPointDto {
  @ApiProperty() why!: string;
}

export class StaleFlagDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() borrowerRef!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for job_change (about the borrower)' }) contactPointId!: string | null;
  @ApiProperty({ nullable: true, type: FlagPointDto }) contactPoint!: FlagPointDto | null;
  @ApiProperty({ enum: STALE_FLAG_TYPES }) type!: StaleFlagType;
  @ApiProperty({ enum: FLAG_STATUSES }) status!: FlagStatus;
  @ApiProperty({ type: Object, description: 'summary, observations (id, source key, system, date), attempts, employer changes' }) evidence!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: SuggestedReplacementDto }) suggestedReplacement!: SuggestedReplacementDto | null;
  @ApiProperty({ type: [Object], description: 'verify_replacement, call_own_number (with the point, masked), ask_contacts' }) suggestedActions!: unknown[];
  @ApiProperty({ format: 'date-time' }) detectedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Object, description: 'What confirmed the contact again' }) closedBecause!: Record<string, unknown> | null;
}

export class StaleFlagPageDto {
  @ApiProperty({ type: [StaleFlagDto] }) items!: StaleFlagDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page' }) nextCursor!: string | null;
}

export class FlagTypeSummaryDto {
  @ApiProperty({ enum: STALE_FLAG_TYPES }) type!: StaleFlagType;
  @ApiProperty() open!: number;
  @ApiProperty({ description: 'Detected since `since`' }) raisedSince!: number;
  @ApiProperty({ description: 'Closed since `since`' }) closedSince!: number;
}

export class StaleFlagSummaryDto {
  @ApiProperty({ format: 'date-time' }) since!: Date;
  @ApiProperty() open!: number;
  @ApiProperty() raisedSince!: number;
  @ApiProperty() closedSince!: number;
  @ApiProperty({ type: [FlagTypeSummaryDto] }) byType!: FlagTypeSummaryDto[];
}
