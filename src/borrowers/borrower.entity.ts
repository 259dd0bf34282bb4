import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'borrower' })
@Index(['ref'], { unique: true })
export class BorrowerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The lender's own borrower id. */
  @Column({ type: 'varchar', length: 100 })
  ref!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
