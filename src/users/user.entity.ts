import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's console account. Passwords are held as scrypt hashes, setup codes as SHA-256 digests, never in clear. */
@Entity({ name: 'user_account' })
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Lower-cased; unique. */
  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16, array: true })
  roles!: string[];

  /** `scrypt$N$r$p$salt$hash`; null until the user sets a password with a setup code (and again after a reset). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  passwordSetAt!: Date | null;

  /** SHA-256 of the one-time setup code; cleared when used. */
  @Column({ type: 'char', length: 64, nullable: true })
  setupCodeHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  setupCodeExpiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
