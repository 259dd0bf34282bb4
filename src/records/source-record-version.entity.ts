import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SourceRecordEntity } from './source-record.entity.js';
import { BorrowerEntity } from '../borrowers/borrower.entity.js';
import type { SourceRecordPayload } from './source-record.js';

/** Append-only raw history: every distinct content a source sent for a record (a trigger forbids UPDATE). */
@Entity({ name: 'source_record_version' })
@Index(['sourceRecordUuid', 'version'], { unique: true })
@Index(['batchId'])
@Index(['personId'])
// Versions naming an employer, for the stale scan's job_change (StaleScan migration).
@Index('source_record_version_employer', { synchronize: false })
export class SourceRecordVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  sourceRecordUuid!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'uuid' })
  batchId!: string;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  /** The person the record's subject resolved to when it arrived (follow person.merged_into_id). */
  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'jsonb' })
  payload!: SourceRecordPayload;

  @ManyToOne(() => SourceRecordEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_record_uuid' })
  sourceRecord?: SourceRecordEntity;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'borrower_id' })
  borrower?: BorrowerEntity;
}
