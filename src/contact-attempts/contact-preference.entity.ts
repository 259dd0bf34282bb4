import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person who asked not to be contacted again (or a lender's decision): the plan honours it. */
@Entity({ name: 'contact_preference' })
export class ContactPreferenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'boolean' })
  doNotContact!: boolean;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;
}
