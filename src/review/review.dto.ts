import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { UNMASK_QUERY } from '../privacy/unmask-query.js';
import { text, UUID_PATTERN } from '../common/text.js';
import { QUEUE_NAMES } from '../queue/job-definitions.js';

export const SUGGESTION_STATUSES = ['pending', 'accepted', 'rejected', 'split'] as const;
export const MATCH_KINDS = ['address', 'person'] as const;
export const DECISIONS = ['accept', 'reject'] as const;

const NOTE_MAX_LENGTH = 1000;
const pageLimit = z.coerce.number().int().min(1).max(200).default(50);

export const suggestionQuerySchema = z.strictObject({
  status: z.enum(SUGGESTION_STATUSES).default('pending'),
  kind: z.enum(MATCH_KINDS).optional(),
  limit: pageLimit,
  after: text().max(100).optional().meta({ description: 'nextCursor of the previous page' }),
  unmask: UNMASK_QUERY.unmask.meta({ description: 'true for full names and addresses (operator only, needs reason, audited)' }),
  reason: UNMASK_QUERY.reason.meta({ description: 'Why you are looking (written to the audit log); required with unmask' }),
});
export type SuggestionQueryDto = z.output<typeof suggestionQuerySchema>;

export const decisionSchema = z.strictObject({
  decision: z.enum(DECISIONS),
  note: text().max(NOTE_MAX_LENGTH).optional(),
});
export type DecisionDto = z.output<typeof decisionSchema>;

export const undoSchema = z.strictObject({
  note: text().max(NOTE_MAX_LENGTH).optional().meta({ description: 'Why the decision is taken back (audited)' }),
});
export type UndoDto = z.output<typeof undoSchema>;

const DAY_MILLISECONDS = 86_400_000;
export const summaryQuerySchema = z.strictObject({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Count decisions made since this instant (the console sends its local midnight); default the last 24 hours' }),
});
export type SummaryQueryDto = z.output<typeof summaryQuerySchema>;
export const summarySince = (query: SummaryQueryDto, now = new Date()): Date => (query.since ? new Date(query.since) : new Date(now.getTime() - DAY_MILLISECONDS));

export const splitSchema = z.strictObject({
  note: text().max(NOTE_MAX_LENGTH).optional().meta({ description: 'Why the merge was wrong (audited)' }),
});
export type SplitDto = z.output<typeof splitSchema>;

export const mergeQuerySchema = z.strictObject({
  kind: z.enum(MATCH_KINDS).optional(),
  id: text().regex(UUID_PATTERN, { error: 'must be a UUID' }).optional().meta({ description: 'Merges of this person or contact point, as survivor or merged' }),
  limit: pageLimit,
});
export type MergeQueryDto = z.output<typeof mergeQuerySchema>;

export class SuggestionFieldDto {
  @ApiProperty() field!: string;
  @ApiPropertyOptional() left?: string;
  @ApiPropertyOptional() right?: string;
  @ApiProperty({ enum: ['agree', 'differ', 'missing', 'similar'] }) agreement!: string;
}

export class SightingDto {
  @ApiProperty({ description: 'Source key' }) source!: string;
  @ApiProperty({ description: "The source's own record id" }) sourceRecordId!: string;
  @ApiProperty({ format: 'date-time' }) observedAt!: Date;
}

export class SuggestionSideDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ description: 'Parsed address parts (address suggestions); only province, city and district unless unmasked', type: 'object', additionalProperties: true })
  address?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Raw address texts as sources wrote them (cut after the district unless unmasked)', type: [String] }) mentions?: string[];
  @ApiPropertyOptional({ description: 'Person name (person suggestions), masked unless unmasked' }) name?: string;
  @ApiPropertyOptional({ type: [String] }) relations?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Masked phones' }) phones?: string[];
  @ApiProperty() observations!: number;
  @ApiPropertyOptional({ type: [SightingDto], description: 'Where the side was seen: the newest records naming it (at most 10), among those the consent in force lets you see' })
  sightings?: SightingDto[];
}

export class SuggestionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: MATCH_KINDS }) kind!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: SUGGESTION_STATUSES }) status!: string;
  @ApiProperty({ type: [SuggestionFieldDto], description: 'Which parts agreed and which differed' }) fields!: SuggestionFieldDto[];
  @ApiProperty({ type: SuggestionSideDto }) left!: SuggestionSideDto;
  @ApiProperty({ type: SuggestionSideDto }) right!: SuggestionSideDto;
  @ApiPropertyOptional({ nullable: true, type: String }) borrowerRef!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
}

export class SuggestionPageDto {
  @ApiProperty({ type: [SuggestionDto] }) items!: SuggestionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class MergeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: MATCH_KINDS }) kind!: string;
  @ApiProperty() survivorId!: string;
  @ApiProperty() mergedId!: string;
  @ApiProperty({ nullable: true, type: String }) suggestionId!: string | null;
  @ApiProperty({ enum: ['operator', 'automatic'] }) origin!: string;
  @ApiProperty() mergedBy!: string;
  @ApiProperty({ format: 'date-time' }) mergedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) splitAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) splitBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class DecisionResultDto {
  @ApiProperty({ type: SuggestionDto }) suggestion!: SuggestionDto;
  @ApiPropertyOptional({ type: MergeDto, description: 'The merge an accept made' }) merge?: MergeDto;
}

export class PendingCountsDto {
  @ApiProperty() address!: number;
  @ApiProperty() person!: number;
  @ApiProperty() total!: number;
}

export class SuggestionSummaryDto {
  @ApiProperty({ type: PendingCountsDto, description: 'Suggestions waiting for an operator, per kind' }) pending!: PendingCountsDto;
  @ApiProperty({ description: 'Suggestions the caller accepted or rejected since `since`, the start of their day (undone ones are pending again)' }) decidedToday!: number;
  @ApiProperty({ format: 'date-time' }) since!: Date;
}

export const PIPELINE_STATES = ['working', 'settled', 'settled-with-failures'] as const;
export type PipelineState = (typeof PIPELINE_STATES)[number];

export class QueueStatusDto {
  @ApiProperty({ description: 'Jobs of this queue owed in the outbox, waiting, running or waiting to retry' }) pending!: number;
  @ApiProperty({ description: 'Jobs of this queue that failed their last attempt' }) failed!: number;
}

export class PipelineStatusDto {
  @ApiProperty({ description: 'Deferred work not finished yet: owed in the outbox, waiting, running or waiting to retry. Does not count failed jobs' }) pending!: number;
  @ApiProperty({ description: 'Deferred jobs that failed their last attempt and were not retried (kept a week): work not done. Retry them with POST /v1/pipeline/failed-jobs/retry' })
  failed!: number;
  @ApiProperty({
    enum: PIPELINE_STATES,
    description: 'working: pending > 0; settled: nothing pending or failed; settled-with-failures: nothing pending but failed jobs left work undone',
  })
  state!: PipelineState;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/QueueStatusDto' }, description: 'Per queue (matching, contact-plan, …)' })
  queues!: Record<string, QueueStatusDto>;
  @ApiProperty({ description: 'Suggestions waiting for an operator' }) pendingSuggestions!: number;
  @ApiProperty({ enum: ['bullmq', 'in-process'] }) queue!: string;
}

export const retryFailedJobsSchema = z.strictObject({
  queue: z.enum(QUEUE_NAMES).optional().meta({ description: 'Only this queue; all queues when left out' }),
  limit: z.number().int().min(1).max(1_000).default(1_000).meta({ description: 'At most this many jobs, oldest first' }),
});
export type RetryFailedJobsDto = z.output<typeof retryFailedJobsSchema>;

export class FailedJobsRetriedDto {
  @ApiProperty({ description: 'Failed jobs queued again, each with all its attempts' }) retried!: number;
}
