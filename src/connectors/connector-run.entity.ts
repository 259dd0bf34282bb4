import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Checkpoint } from './readers/connector-reader.js';

export const RUN_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const RUN_TRIGGERS = ['api', 'schedule', 'command-line'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** One run of a connector: its counters move with each committed batch, so a resumed run continues them. */
@Entity({ name: 'connector_run' })
@Index(['connectorKey', 'queuedAt'])
@Index(['state'])
export class ConnectorRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 63 })
  connectorKey!: string;

  @Column({ type: 'varchar', length: 16 })
  trigger!: string;

  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: string;

  @Column({ type: 'timestamptz' })
  queuedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  read!: number;

  @Column({ type: 'integer', default: 0 })
  accepted!: number;

  @Column({ type: 'integer', default: 0 })
  duplicates!: number;

  @Column({ type: 'integer', default: 0 })
  rejected!: number;

  @Column({ type: 'integer', default: 0 })
  files!: number;

  /** Milliseconds spent reading and storing (rate = read / busy time, across resumes). */
  @Column({ type: 'bigint', default: 0 })
  busyMilliseconds!: string;

  @Column({ type: 'jsonb', nullable: true })
  checkpoint!: Checkpoint | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
