import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { SourceEntity } from '../sources/source.entity.js';

/** The latest state of one (source, sourceRecordId); its versions are in source_record_version. */
@Entity({ name: 'source_record' })
@Index(['sourceKey', 'sourceRecordId'], { unique: true })
@Index(['borrowerRef'])
export class SourceRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  sourceKey!: string;

  @Column({ type: 'varchar', length: 200 })
  sourceRecordId!: string;

  @Column({ type: 'varchar', length: 100 })
  borrowerRef!: string;

  @Column({ type: 'integer' })
  currentVersion!: number;

  /** SHA-256 of the record's canonical JSON: equal content is a duplicate. */
  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'timestamptz' })
  firstReceivedAt!: Date;

  @Column({ type: 'timestamptz' })
  lastReceivedAt!: Date;

  @ManyToOne(() => SourceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_key' })
  source?: SourceEntity;
}
