import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job owed to the queue, written in the transaction of the change that causes it, so a crash after
 * the commit cannot lose it. Done once the queue holds it durably (BullMQ) or, with the in-process
 * queue, once the job has settled.
 */
@Entity({ name: 'outbox' })
@Index('outbox_owed', ['id'], { where: 'done_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  jobName!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  /** The queue's job id: a row written twice, or handed over twice, is still one job. */
  @Index('outbox_job_id', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  jobId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** When the queue last accepted it. */
  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  /** When nothing more is owed. */
  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  /** Set with doneAt when the job failed its last attempt (in-process queue). */
  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}
