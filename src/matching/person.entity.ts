import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PersonKind } from './entity-kinds.js';

/** A real person or organisation; may be linked to several borrowers (a shared contact). */
@Entity({ name: 'person' })
@Index(['nameKey'])
@Index(['kind', 'normalizedName'])
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: PersonKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  normalizedName!: string | null;

  /** Toneless pinyin of the normalised name: the blocking key for person matching. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  nameKey!: string | null;

  /** Set when an operator merged this person into another; reads follow it. */
  @Column({ type: 'uuid', nullable: true })
  @Index('person_merged_into', { synchronize: false })
  mergedIntoId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
