import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Checkpoint } from './readers/connector-reader.js';

/** A declared connector and the checkpoint its last committed batch left (where the next run resumes). */
@Entity({ name: 'connector' })
export class ConnectorEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  key!: string;

  @Index()
  @Column({ type: 'varchar', length: 63 })
  sourceKey!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** The definition as validated (connector-definition.ts); secrets are named, never held. */
  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 8 })
  declaredIn!: string;

  /** Written in the transaction of the records it covers. */
  @Column({ type: 'jsonb', nullable: true })
  checkpoint!: Checkpoint | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
