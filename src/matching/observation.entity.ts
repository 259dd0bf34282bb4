import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ContactPointEntity } from './contact-point.entity.js';
import { SourceRecordVersionEntity } from '../records/source-record-version.entity.js';

export type ObservationField = 'phone' | 'address' | 'employer_phone';

/** One mention of a phone or address in one record version: the provenance of every contact point. */
@Entity({ name: 'observation' })
@Index(['contactPointId', 'observedAt'])
@Index(['sourceRecordVersionId', 'field', 'position', 'part'], { unique: true })
@Index(['borrowerId', 'observedAt'])
// Partial covering index for the stale scan (StaleScan migration; TypeORM cannot declare INCLUDE).
@Index('observation_stale_scan', { synchronize: false })
export class ObservationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  sourceRecordVersionId!: string;

  @Column({ type: 'varchar', length: 64 })
  sourceKey!: string;

  @Column({ type: 'varchar', length: 16 })
  field!: ObservationField;

  /** Position in the record's own array, so a record reads back in its own order. */
  @Column({ type: 'smallint' })
  position!: number;

  /** A field holding two numbers ('138…/139…') gives one observation per number. */
  @Column({ type: 'smallint', default: 0 })
  part!: number;

  @Column({ type: 'text' })
  raw!: string;

  /** Null when the value was unusable; then `error` says why. */
  @Column({ type: 'uuid', nullable: true })
  contactPointId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'uuid' })
  borrowerId!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'timestamptz' })
  observedAt!: Date;

  // No foreign key constraints on the two hottest tables (see the NoForeignKeysOnProvenanceLinks migration).
  @ManyToOne(() => SourceRecordVersionEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'source_record_version_id' })
  sourceRecordVersion?: SourceRecordVersionEntity;

  @ManyToOne(() => ContactPointEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'contact_point_id' })
  contactPoint?: ContactPointEntity;
}
