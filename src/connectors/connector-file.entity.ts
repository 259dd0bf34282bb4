import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dropped file read to its end, by checksum: never read again, even renamed. */
@Entity({ name: 'connector_file' })
export class ConnectorFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  connectorKey!: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  checksum!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'integer' })
  rows!: number;

  @Column({ type: 'uuid' })
  runId!: string;

  @Column({ type: 'timestamptz' })
  completedAt!: Date;
}
