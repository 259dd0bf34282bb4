import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const INQUIRY_OUTCOMES = ['answered', 'not_found', 'failed'] as const;
export type InquiryOutcome = (typeof INQUIRY_OUTCOMES)[number];

/** One question to an external source about one borrower: who was named, when, on what legal basis, and what came back. */
@Entity({ name: 'external_inquiry' })
@Index(['borrowerId', 'askedAt'])
@Index(['repairRunId'])
export class ExternalInquiryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 63 })
  connectorKey!: string;

  @Column({ type: 'varchar', length: 63 })
  sourceKey!: string;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  @Column({ type: 'uuid', nullable: true })
  repairRunId!: string | null;

  @Column({ type: 'text' })
  legalBasis!: string;

  @Column({ type: 'timestamptz' })
  askedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ type: 'integer', nullable: true })
  httpStatus!: number | null;

  @Column({ type: 'integer', default: 0 })
  records!: number;

  @Column({ type: 'integer' })
  durationMilliseconds!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
