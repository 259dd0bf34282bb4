import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IngestBatchEntity } from './ingest-batch.entity.js';

/** A rejected record kept as received, with the reasons, for an operator to inspect. */
@Entity({ name: 'quarantined_record' })
@Index(['sourceKey', 'receivedAt'])
export class QuarantinedRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  batchId!: string;

  @Column({ type: 'varchar', length: 64 })
  sourceKey!: string;

  @Column({ type: 'integer' })
  batchIndex!: number;

  @Column({ type: 'text', nullable: true })
  sourceRecordId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  payload!: unknown;

  @Column({ type: 'text', array: true })
  errors!: string[];

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @ManyToOne(() => IngestBatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id' })
  batch?: IngestBatchEntity;
}
