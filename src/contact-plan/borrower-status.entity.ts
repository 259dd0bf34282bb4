import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LostContactStatus } from './lost-contact-status.js';

/** The last assessed lost-contact status, kept to notice transitions (objective lost starts a repair run). */
@Entity({ name: 'borrower_status' })
export class BorrowerStatusEntity {
  @PrimaryColumn({ type: 'uuid' })
  borrowerId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: LostContactStatus;

  @Column({ type: 'text' })
  reason!: string;

  /** When the borrower entered this status. */
  @Column({ type: 'timestamptz' })
  since!: Date;

  @Column({ type: 'timestamptz' })
  assessedAt!: Date;
}
