import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SourceKind, SourceSystem } from './source-types.js';

@Entity({ name: 'source' })
export class SourceEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'varchar', length: 32 })
  system!: SourceSystem;

  @Column({ type: 'varchar', length: 16 })
  kind!: SourceKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  displayName!: string | null;

  @Column({ type: 'double precision' })
  trust!: number;

  /** 'config' when declared in config/sources.json, 'api' when registered over HTTP. */
  @Column({ type: 'varchar', length: 16, default: 'api' })
  declaredIn!: 'api' | 'config';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
