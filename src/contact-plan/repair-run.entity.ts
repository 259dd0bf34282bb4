import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A search for new ways to reach a borrower whose every number is dead, over the sources the
 * borrower consented to. Pull connectors will refresh those sources here; today it surfaces the
 * numbers on file that have never been tried.
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

  @Column({ type: 'varchar', length: 16 })
  status!: 'running' | 'completed';

  /** Source keys searched (internal always; external only with consent). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sources!: string[];

  /** Untried numbers found: the borrower's own and third parties'. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  candidateContactPointIds!: string[];

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
