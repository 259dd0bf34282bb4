import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BorrowerEntity } from '../borrowers/borrower.entity.js';

export const FLAG_STATUSES = ['open', 'closed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/**
 * One stale-contact warning about a borrower's contact point (job_change: about the borrower, no point).
 * Closed flags stay, with the evidence that closed them. At most one open flag per (borrower, point, type):
 * the partial unique index stale_flag_one_open (written in the StaleScan migration, an expression index
 * TypeORM cannot declare) makes a second scan raise nothing new.
 */
@Entity({ name: 'stale_flag' })
@Index('stale_flag_one_open', { synchronize: false })
@Index(['status', 'id'])
@Index(['borrowerId', 'id'])
@Index(['detectedAt'])
@Index(['closedAt'])
export class StaleFlagEntity {
  /** Time-ordered (UUID v7): the listing pages by it, newest first. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  @Column({ type: 'uuid', nullable: true })
  contactPointId!: string | null;

  @Column({ type: 'varchar', length: 24 })
  type!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: FlagStatus;

  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  suggestedReplacementId!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  suggestedActions!: unknown[];

  @Column({ type: 'timestamptz' })
  detectedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  closedBecause!: Record<string, unknown> | null;

  // An erased borrower takes its flags with it.
  @ManyToOne(() => BorrowerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'borrower_id' })
  borrower?: BorrowerEntity;
}
