import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A console session, server-side: the cookie holds a random token, this row only its SHA-256. Ending a session deletes its row. */
@Entity({ name: 'user_session' })
@Index(['userId'])
@Index(['lastSeenAt'])
export class UserSessionEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  /** The synchronizer token cookie-authenticated state-changing requests must echo in X-CSRF-Token. */
  @Column({ type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /** Written at most every minute (or quarter of the idle timeout), not on every request. */
  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;
}
