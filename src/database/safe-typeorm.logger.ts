import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isRetryable } from './transaction-retry.js';

/**
 * TypeORM's own loggers print a failed query with its parameters: phone numbers, names and
 * addresses. This one logs the error and the start of the statement, never the parameters.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  constructor(private readonly logQueries: boolean) {}

  logQuery(query: string): void {
    if (this.logQueries) this.logger.debug(shorten(query));
  }

  logQueryError(error: string | Error, query: string): void {
    const message = `${error instanceof Error ? error.message : error} in: ${shorten(query)}`;
    // A conflict with a concurrent transaction is retried (and reported) by withTransactionRetry.
    if (isRetryable(error)) this.logger.debug(message);
    else this.logger.error(message);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${shorten(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
