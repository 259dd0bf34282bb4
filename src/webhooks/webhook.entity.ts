import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A subscriber: where events go and how they are signed (the secret is named, never held). */
@Entity({ name: 'webhook' })
export class WebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  key!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', array: true })
  events!: string[];

  /** The environment variable holding the signing secret. */
  @Column({ type: 'varchar', length: 128 })
  secretEnv!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
