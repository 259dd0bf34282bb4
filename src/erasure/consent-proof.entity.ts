import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What an erasure keeps of a consent record: that it existed, when, with which flags, and a hash of its evidence reference. */
@Entity({ name: 'consent_proof' })
@Index(['borrowerPseudonym'])
export class ConsentProofEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'char', length: 64 })
  borrowerPseudonym!: string;

  @Column({ type: 'boolean' })
  externalSources!: boolean;

  @Column({ type: 'boolean' })
  thirdPartyContact!: boolean;

  /** SHA-256 of the evidence reference: checkable against the lender's own file, not readable. */
  @Column({ type: 'char', length: 64 })
  evidenceRefHash!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'uuid' })
  erasureId!: string;
}
