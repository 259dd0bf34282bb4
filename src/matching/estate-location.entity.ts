import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Street addresses estates have been written with ("虹桥路977号融创花园…"): one row per estate
 * and street address ever seen together. Learnt at ingest, read by the deferred address
 * comparison (estate-location.ts). Not personal data: it says where a building stands.
 */
@Entity({ name: 'estate_location' })
export class EstateLocationEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  districtCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  community!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  road!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  roadNumber!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;
}
