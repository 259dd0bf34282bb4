import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UserRole } from '../auth/identity-provider.js';
import type { Queryable } from '../database/queryable.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  passwordHash: string | null;
  passwordSetAt: Date | null;
  setupCodeHash: string | null;
  setupCodeExpiresAt: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  setupCodeHash: string;
  setupCodeExpiresAt: Date;
  createdBy: string;
  now: Date;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: UserRole[];
  password_hash: string | null;
  password_set_at: Date | null;
  setup_code_hash: string | null;
  setup_code_expires_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
  created_by: string;
  updated_at: Date;
}

// TypeORM answers UPDATE and DELETE with [rows, affected count], not with the rows alone.
const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

const COLUMNS = 'id, username, display_name, roles, password_hash, password_set_at, setup_code_hash, setup_code_expires_at, disabled_at, created_at, created_by, updated_at';

/** Console accounts. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** False when the username is taken. */
  async insert(user: NewUser, db: Queryable = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `INSERT INTO user_account (id, username, display_name, roles, setup_code_hash, setup_code_expires_at, created_at, created_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.id, user.username, user.displayName, user.roles, user.setupCodeHash, user.setupCodeExpiresAt, user.now, user.createdBy],
    );
    return rows.length > 0;
  }

  async list(db: Queryable = this.dataSource): Promise<User[]> {
    const rows: UserRow[] = await db.query(`SELECT ${COLUMNS} FROM user_account ORDER BY username`);
    return rows.map(toUser);
  }

  async findById(id: string, db: Queryable = this.dataSource): Promise<User | undefined> {
    const [row]: UserRow[] = await db.query(`SELECT ${COLUMNS} FROM user_account WHERE id = $1`, [id]);
    return row ? toUser(row) : undefined;
  }

  /** Row-locks the account until the transaction ends, so concurrent admin actions on one user queue up. */
  async findByIdForUpdate(id: string, db: Queryable): Promise<User | undefined> {
    const [row]: UserRow[] = await db.query(`SELECT ${COLUMNS} FROM user_account WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toUser(row) : undefined;
  }

  async findByUsername(username: string, db: Queryable = this.dataSource): Promise<User | undefined> {
    const [row]: UserRow[] = await db.query(`SELECT ${COLUMNS} FROM user_account WHERE username = $1`, [username]);
    return row ? toUser(row) : undefined;
  }

  /** A new setup code; with `clearPassword` (a reset) the old password stops working at once. */
  async setSetupCode(id: string, codeHash: string, expiresAt: Date, clearPassword: boolean, now: Date, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE user_account SET setup_code_hash = $2, setup_code_expires_at = $3, updated_at = $4,
         password_hash = CASE WHEN $5 THEN NULL ELSE password_hash END,
         password_set_at = CASE WHEN $5 THEN NULL ELSE password_set_at END
       WHERE id = $1`,
      [id, codeHash, expiresAt, now, clearPassword],
    );
  }

  /**
   * Sets the password and clears the code in one statement, only while that code is still the account's,
   * unexpired and the account enabled: of two requests racing with one code, one wins. False when it lost.
   */
  async redeemSetupCode(id: string, codeHash: string, passwordHash: string, now: Date, db: Queryable = this.dataSource): Promise<boolean> {
    const result: unknown = await db.query(
      `UPDATE user_account SET password_hash = $3, password_set_at = $4, setup_code_hash = NULL, setup_code_expires_at = NULL, updated_at = $4
       WHERE id = $1 AND setup_code_hash = $2 AND setup_code_expires_at > $4 AND disabled_at IS NULL`,
      [id, codeHash, passwordHash, now],
    );
    return affected(result) > 0;
  }

  async setDisabled(id: string, disabledAt: Date | null, now: Date, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE user_account SET disabled_at = $2, updated_at = $3 WHERE id = $1`, [id, disabledAt, now]);
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    passwordHash: row.password_hash,
    passwordSetAt: row.password_set_at,
    setupCodeHash: row.setup_code_hash,
    setupCodeExpiresAt: row.setup_code_expires_at,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}
