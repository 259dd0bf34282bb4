import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { SourceEntity } from '../sources/source.entity.js';

@Entity({ name: 'ingest_batch' })
@Index(['sourceKey', 'receivedAt'])
export class IngestBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  sourceKey!: string;

  /** Who sent it: the API key's id (a hash prefix, never the key), or a connector name. */
  @Column({ type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'integer' })
  recordCount!: number;

  @Column({ type: 'integer' })
  accepted!: number;

  @Column({ type: 'integer' })
  duplicates!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  @ManyToOne(() => SourceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_key' })
  source?: SourceEntity;
}
