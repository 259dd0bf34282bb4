import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UserRole } from '../auth/identity-provider.js';
import type { Queryable } from '../database/queryable.js';

export interface NewSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  now: Date;
}

/** A session with the account it belongs to. */
export interface SessionWithUser {
  tokenHash: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  userId: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  disabledAt: Date | null;
}

interface SessionRow {
  token_hash: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  user_id: string;
  username: string;
  display_name: string;
  roles: UserRole[];
  disabled_at: Date | null;
}

// TypeORM answers UPDATE and DELETE with [rows, affected count], not with the rows alone.
const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/** Console sessions: rows keyed by the SHA-256 of the cookie's token. */
@Injectable()
export class UserSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(session: NewSession, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)`, [
      session.tokenHash,
      session.userId,
      session.csrfToken,
      session.now,
    ]);
  }

  async findWithUser(tokenHash: string, db: Queryable = this.dataSource): Promise<SessionWithUser | undefined> {
    const [row]: SessionRow[] = await db.query(
      `SELECT session.token_hash, session.csrf_token, session.created_at, session.last_seen_at, session.user_id,
              account.username, account.display_name, account.roles, account.disabled_at
       FROM user_session session JOIN user_account account ON account.id = session.user_id
       WHERE session.token_hash = $1`,
      [tokenHash],
    );
    return row
      ? {
          tokenHash: row.token_hash,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          userId: row.user_id,
          username: row.username,
          displayName: row.display_name,
          roles: row.roles,
          disabledAt: row.disabled_at,
        }
      : undefined;
  }

  /** Never moves the time back, whichever of two concurrent requests writes last. */
  async recordActivity(tokenHash: string, now: Date, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE user_session SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2`, [tokenHash, now]);
  }

  /** True when there was such a session. */
  async delete(tokenHash: string, db: Queryable = this.dataSource): Promise<boolean> {
    return affected(await db.query(`DELETE FROM user_session WHERE token_hash = $1`, [tokenHash])) > 0;
  }

  /** Ends every session of a user (disable, reset); how many there were. */
  async deleteForUser(userId: string, db: Queryable = this.dataSource): Promise<number> {
    return affected(await db.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]));
  }

  /** Drops sessions past their idle timeout or lifetime (they are refused anyway; this keeps the table small). */
  async deleteEnded(now: Date, idleMilliseconds: number, absoluteMilliseconds: number, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `DELETE FROM user_session WHERE last_seen_at <= $1::timestamptz - make_interval(secs => $2) OR created_at <= $1::timestamptz - make_interval(secs => $3)`,
      [now, idleMilliseconds / 1000, absoluteMilliseconds / 1000],
    );
  }
}
