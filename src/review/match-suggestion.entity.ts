import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type MatchKind = 'address' | 'person';
export type SuggestionStatus = 'pending' | 'accepted' | 'rejected' | 'split';

export interface SuggestionField {
  field: string;
  left?: string;
  right?: string;
  agreement: 'agree' | 'differ' | 'missing' | 'similar';
}

/**
 * A pair the pipeline could not decide: an operator accepts (merge) or rejects it. Every decided
 * pair stays, so a rejected or split pair is never suggested again.
 */
@Entity({ name: 'match_suggestion' })
@Index(['kind', 'leftId', 'rightId'], { unique: true })
@Index(['status', 'kind', 'createdAt'])
export class MatchSuggestionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: MatchKind;

  /** Contact point ids for addresses, person ids for persons; left < right. */
  @Column({ type: 'uuid' })
  leftId!: string;

  @Column({ type: 'uuid' })
  rightId!: string;

  /** The borrower whose records raised it (person suggestions), for the operator's context. */
  @Column({ type: 'uuid', nullable: true })
  borrowerId!: string | null;

  @Column({ type: 'double precision' })
  score!: number;

  @Column({ type: 'jsonb' })
  fields!: SuggestionField[];

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: SuggestionStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
