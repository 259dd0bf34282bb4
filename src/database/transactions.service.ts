import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from './queryable.js';
import { withTransactionRetry } from './transaction-retry.js';

/**
 * How services group repository calls into one transaction without holding SQL: the callback gets a
 * Queryable to pass to each repository method. `retry` runs the whole callback again after a
 * deadlock or serialization failure, so it must be idempotent.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (transaction: Queryable) => Promise<T>, options: { retry?: boolean } = {}): Promise<T> {
    const once = () => this.dataSource.transaction((manager) => work(manager));
    return options.retry ? withTransactionRetry(once) : once();
  }

  /**
   * Runs `work` while holding a PostgreSQL advisory lock named `key` (held to the end of a transaction):
   * across every process on this database, one at a time. Waits for the lock.
   */
  withAdvisoryLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, key, 'pg_try_advisory_xact_lock', 'pg_advisory_xact_lock');
      return work();
    });
  }

  /**
   * Runs `work` while this process holds the session-level advisory lock `key` on a connection of its
   * own, for work too long for one transaction (a connector run). Waits for the lock. A process that
   * dies loses its connection and with it the lock, so a crashed holder never blocks the next one.
   */
  async withSessionLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await this.lock(runner, key, 'pg_try_advisory_lock', 'pg_advisory_lock');
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** Takes the lock at once when free; otherwise says (at log level) that it waits, and how long it waited. */
  private async lock(db: Queryable, key: string, tryLock: 'pg_try_advisory_lock' | 'pg_try_advisory_xact_lock', lock: 'pg_advisory_lock' | 'pg_advisory_xact_lock'): Promise<void> {
    const [{ locked }]: { locked: boolean }[] = await db.query(`SELECT ${tryLock}(hashtext($1)) AS locked`, [key]);
    if (locked) return;
    const started = performance.now();
    this.logger.log(`waiting for lock ${key} (held by another process)`);
    await db.query(`SELECT ${lock}(hashtext($1))`, [key]);
    this.logger.log(`lock ${key} acquired after ${Math.round(performance.now() - started)} ms`);
  }
}
