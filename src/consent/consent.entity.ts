import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The borrower's consent as recorded by the platform: append-only, the newest row is in force.
 * No row means no consent.
 */
@Entity({ name: 'consent' })
@Index(['borrowerId', 'id'])
export class ConsentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  /** Data seen only in external sources (credit bureau, logistics, industry-shared) may be used. */
  @Column({ type: 'boolean' })
  externalSources!: boolean;

  /** Third parties may be asked where the borrower can be reached. */
  @Column({ type: 'boolean' })
  thirdPartyContact!: boolean;

  /** Where the signed consent is kept (document id in the lender's system). */
  @Column({ type: 'varchar', length: 200 })
  evidenceRef!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;
}
