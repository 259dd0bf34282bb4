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

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @ManyToOne(() => ContactPointEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_point_id' })
  contactPoint?: ContactPointEntity;
}
