import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const JOB_RUN_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type JobRunState = (typeof JOB_RUN_STATES)[number];

/**
 * One run of a long job that works in batches (the stale scan): its progress, counters and checkpoint
 * move with each committed batch, so a run whose worker died resumes where the last commit left it.
 */
@Entity({ name: 'job_run' })
@Index(['type', 'state'])
@Index(['type', 'queuedAt'])
export class JobRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: JobRunState;

  /** { borrowers, done }: the total when the run started, and how many are committed. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  progress!: Record<string, number>;

  /** What the run did so far, e.g. { raised, closed, open }. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  counts!: Record<string, number>;

  /** Where the next batch starts (the last committed key), null before the first. */
  @Column({ type: 'text', nullable: true })
  checkpoint!: string | null;

  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'timestamptz' })
  queuedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The process that last started or resumed the run (WORKER_NAME); null before it ran. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  workerName!: string | null;
}
