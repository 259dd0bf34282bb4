import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Candidate blocks of address contact points (district + road and number, district + estate +
 * building, district + flat): fuzzy comparison looks only inside a block, by equality on this index.
 */
@Entity({ name: 'contact_point_block' })
@Index(['contactPointId'])
export class ContactPointBlockEntity {
  @PrimaryColumn({ type: 'text' })
  blockKey!: string;

  @PrimaryColumn({ type: 'uuid' })
  contactPointId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
