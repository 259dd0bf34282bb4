import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * New contact information a person gave during a call. It is also ingested as a source record
 * (source 'informant-leads'), so what it names becomes contact points with the informant as provenance.
 */
@Entity({ name: 'lead' })
@Index(['borrowerId', 'createdAt'])
@Index(['attemptId'], { unique: true })
export class LeadEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  @Column({ type: 'uuid' })
  attemptId!: string;

  /** The person who gave it; null when the platform did not say who answered. */
  @Column({ type: 'uuid', nullable: true })
  informantPersonId!: string | null;

  /** Contact points the lead resolved to (phones and addresses). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  contactPointIds!: string[];

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
