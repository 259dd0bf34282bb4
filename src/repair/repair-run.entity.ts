import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const REPAIR_RUN_STATUSES = ['running', 'completed', 'partial', 'failed'] as const;
export type RepairRunStatus = (typeof REPAIR_RUN_STATUSES)[number];

/** What one external source answered in a repair run. */
export interface RepairInquiryOutcome {
  connector: string;
  source: string;
  outcome: 'answered' | 'not_found' | 'failed';
  records: number;
  error?: string;
}

/**
 * A search for new ways to reach a borrower whose every number is dead: the consented per-borrower
 * sources are asked, their answers go through ingest, and the run keeps what each answered and the
 * contact points that were not known before.
 */
@Entity({ name: 'repair_run' })
@Index(['borrowerId', 'startedAt'])
export class RepairRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 64, default: 'system' })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RepairRunStatus;

  /** Source keys searched (internal always; external only with consent). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sources!: string[];

  /** Each external source asked, and what it answered. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  inquiries!: RepairInquiryOutcome[];

  /** Numbers on file never tried: the borrower's own and third parties'. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  candidateContactPointIds!: string[];

  /** Contact points the sources gave that the borrower had not had before. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  newContactPointIds!: string[];

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
