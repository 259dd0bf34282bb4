import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MatchKind } from './match-suggestion.entity.js';

/**
 * One merge of two addresses or persons. Merging only points the merged row at the survivor
 * (merged_into_id); observations are never rewritten, so a split restores exactly what was.
 */
@Entity({ name: 'merge' })
@Index(['kind', 'mergedId'])
@Index(['kind', 'survivorId'])
export class MergeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: MatchKind;

  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'uuid' })
  mergedId!: string;

  @Column({ type: 'uuid', nullable: true })
  suggestionId!: string | null;

  /** 'operator' after a review, 'automatic' when the pipeline was sure. */
  @Column({ type: 'varchar', length: 16 })
  origin!: 'operator' | 'automatic';

  @Column({ type: 'varchar', length: 64 })
  mergedBy!: string;

  @Column({ type: 'timestamptz' })
  mergedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  splitAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  splitBy!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
