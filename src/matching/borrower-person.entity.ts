import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { BorrowerEntity } from '../borrowers/borrower.entity.js';
import { PersonEntity } from './person.entity.js';

/** How a person relates to a borrower; the borrower themself is the row with relation 'self'. */
@Entity({ name: 'borrower_person' })
@Index(['personId'])
// One borrower self per borrower: two batches racing to create it cannot both win (the loser retries).
@Index('borrower_person_one_self', ['borrowerId'], { unique: true, where: "relation = 'self'" })
export class BorrowerPersonEntity {
  @PrimaryColumn({ type: 'uuid' })
  borrowerId!: string;

  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  /** Canonical relation, or 'self' for the borrower. */
  @Column({ type: 'varchar', length: 32 })
  relation!: string;

  /** Every label the sources used, verbatim. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  relationLabels!: string[];

  @Column({ type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'borrower_id' })
  borrower?: BorrowerEntity;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;
}
