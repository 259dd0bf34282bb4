import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { ContactPointEntity } from './contact-point.entity.js';
import { PersonEntity } from './person.entity.js';

@Entity({ name: 'person_contact_point' })
@Index(['contactPointId'])
export class PersonContactPointEntity {
  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @PrimaryColumn({ type: 'uuid' })
  contactPointId!: string;

  @Column({ type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  // No foreign key constraints (see the NoForeignKeysOnProvenanceLinks migration).
  @ManyToOne(() => PersonEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @ManyToOne(() => ContactPointEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'contact_point_id' })
  contactPoint?: ContactPointEntity;
}
