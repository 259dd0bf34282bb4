import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger forbids UPDATE and DELETE): who did what to whose data, and why. */
@Entity({ name: 'audit_event' })
@Index(['occurredAt'])
@Index(['borrowerRef', 'occurredAt'])
@Index(['action', 'occurredAt'])
@Index(['actorId', 'occurredAt'])
@Index(['actorUsername', 'occurredAt'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'varchar', length: 16 })
  actorRole!: string;

  /** The person's username when the actor is a console user (actor_id `user:<uuid>`); null for keys and the system. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actorUsername!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  targetId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  borrowerRef!: string | null;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}
