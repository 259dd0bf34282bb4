import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** When the lender's relationship with a borrower ended; the retention period of closed borrowers runs from here. */
@Entity({ name: 'borrower_relationship' })
@Index(['endedAt'])
export class BorrowerRelationshipEntity {
  @PrimaryColumn({ type: 'uuid' })
  borrowerId!: string;

  /** null: open again. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;
}
