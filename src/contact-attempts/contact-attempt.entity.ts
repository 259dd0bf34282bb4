import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AttemptOutcome } from './attempt-outcome.js';


/** One call the collection platform made, and how it ended: the evidence behind validity and status. */
@Entity({ name: 'contact_attempt' })
@Index(['borrowerId', 'attemptedAt'])
@Index(['contactPointId', 'attemptedAt'])
export class ContactAttemptEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  /** The phone called (a contact point; created if the number was new). */
  @Column({ type: 'uuid' })
  contactPointId!: string;

  /** Who answered, when the platform knows (a third party asked about the borrower). */
  @Column({ type: 'uuid', nullable: true })
  contactedPersonId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  outcome!: AttemptOutcome;

  @Column({ type: 'timestamptz' })
  attemptedAt!: Date;

  /** The contacted person asked to be called back at this time. */
  @Column({ type: 'timestamptz', nullable: true })
  callbackRequestedAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;
}
