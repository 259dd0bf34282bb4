import { Injectable } from '@nestjs/common';
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
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
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
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }
}
