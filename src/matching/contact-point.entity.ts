import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ContactPointKind } from './entity-kinds.js';

export type { ContactPointKind };

/** One deduplicated phone line or dwelling; observations say where it came from. */
@Entity({ name: 'contact_point' })
@Index(['kind', 'valueKey'], { unique: true })
export class ContactPointEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ContactPointKind;

  /** The identity: E.164 plus extension for phones, the dwelling key for addresses. */
  @Column({ type: 'text' })
  valueKey!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  e164!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  extension!: string | null;

  /** mobile | fixed_line | organisation for phones; home/pickup_point for addresses. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  subtype!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  carrierGroup!: string | null;

  /** Parsed address parts (province/city/district with codes, road, community, building, unit, room). */
  @Column({ type: 'jsonb', nullable: true })
  address!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  districtCode!: string | null;

  /** Set when this point was merged into another (see the merge table); reads follow it. */
  @Column({ type: 'uuid', nullable: true })
  @Index('contact_point_merged_into', { synchronize: false })
  mergedIntoId!: string | null;

  /** Distinct borrowers and sources that mention it; refreshed by a deferred job. A line many borrowers share is worth little. */
  @Column({ type: 'integer', default: 0 })
  borrowerCount!: number;

  @Column({ type: 'integer', default: 0 })
  sourceCount!: number;

  @Column({ type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;
}
