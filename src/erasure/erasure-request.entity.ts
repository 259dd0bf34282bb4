import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ERASURE_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/**
 * One request to erase a borrower (PIPL Art. 47). The borrower ref is kept only until the erasure
 * completes; afterwards the request names the borrower by its pseudonym (HMAC of the ref).
 */
@Entity({ name: 'erasure_request' })
@Index(['status', 'requestedAt'])
export class ErasureRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Cleared when the erasure completes. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  borrowerRef!: string | null;

  @Index()
  @Column({ type: 'char', length: 64 })
  borrowerPseudonym!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 32 })
  legalBasis!: string;

  /** 'request' (an admin asked) or 'retention' (the retention run found the period passed). */
  @Column({ type: 'varchar', length: 16 })
  origin!: string;

  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** What was removed or anonymised, by kind. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  counts!: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
