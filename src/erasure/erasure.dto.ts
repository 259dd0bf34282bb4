import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { dateTime } from '../common/date-time.js';
import { ERASURE_STATUSES } from './erasure-request.entity.js';

/** Grounds for deletion under PIPL Art. 47 (and the retention run's own). */
export const LEGAL_BASES = ['purpose_achieved', 'consent_withdrawn', 'service_ended', 'retention_expired', 'unlawful_processing', 'data_subject_request', 'other'] as const;

export const erasureRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(1_000).meta({ description: 'Why; kept with the request, so it must not itself name the borrower' }),
  legalBasis: z.enum(LEGAL_BASES).meta({ description: 'PIPL Art. 47 ground' }),
});
export type ErasureRequestDto = z.output<typeof erasureRequestSchema>;

export const relationshipSchema = z.strictObject({
  endedAt: dateTime({ notAhead: true }).nullable().meta({ description: 'When the relationship ended; null reopens it' }),
});
export type RelationshipDto = z.output<typeof relationshipSchema>;

export class ErasureAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ErasureStatusDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ERASURE_STATUSES }) status!: string;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis!: string;
  @ApiProperty({ enum: ['request', 'retention'] }) origin!: string;
  @ApiProperty({ description: 'HMAC of the borrower ref: how the audit log names the borrower after the erasure' }) borrowerPseudonym!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows removed or anonymised, by kind' })
  counts!: Record<string, number>;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: Date | null;
}

export class RelationshipStatusDto {
  @ApiProperty() borrowerRef!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt!: Date | null;
}

export class RetentionRunAcceptedDto {
  @ApiProperty() id!: string;
}
