import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { REPAIR_RUN_STATUSES, type RepairRunStatus } from './repair-run.entity.js';
import type { RepairRun } from './repair-run.repository.js';

export const listRepairRunsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export type ListRepairRunsQueryDto = z.output<typeof listRepairRunsQuerySchema>;

export class RepairAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class RepairInquiryDto {
  @ApiProperty() connector!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ enum: ['answered', 'not_found', 'failed'] }) outcome!: 'answered' | 'not_found' | 'failed';
  @ApiProperty() records!: number;
  @ApiProperty({ required: false }) error?: string;
}

export class RepairRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REPAIR_RUN_STATUSES, description: 'running until every source asked has answered; partial when one failed' }) status!: RepairRunStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: Date | null;
  @ApiProperty({ type: [String], description: 'Sources the borrower allows searching' }) sources!: string[];
  @ApiProperty({ type: [RepairInquiryDto], description: 'External sources asked, and what each answered' }) inquiries!: RepairInquiryDto[];
  @ApiProperty({ type: [String], description: 'Numbers on file never tried' }) candidateContactPointIds!: string[];
  @ApiProperty({ type: [String], description: 'Contact points the sources gave that were not known before (see the contact plan)' }) newContactPointIds!: string[];

  static of(run: RepairRun): RepairRunDto {
    return {
      id: run.id,
      status: run.status,
      reason: run.reason,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      sources: run.sources,
      inquiries: run.inquiries,
      candidateContactPointIds: run.candidateContactPointIds,
      newContactPointIds: run.newContactPointIds,
    };
  }
}
