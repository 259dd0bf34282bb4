import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isRetryable } from './transaction-retry.js';

/**
 * PostgreSQL errors (and TypeORM's QueryFailedError, which copies their fields) carry payload text
 * in `where` (the PL/pgSQL or SQL context), `detail` (`Key (phone)=(138…)`), `hint`, `parameters`
 * and `query`; the message itself can end in the offending value (`invalid input syntax for type
 * integer: "张三"`). None of that may reach a log.
 */
const PAYLOAD_FIELDS = ['where', 'detail', 'hint', 'parameters', 'query', 'internalQuery', 'driverError'] as const;
const SAFE_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'routine'] as const;

/** True for errors that carry PostgreSQL fields (pg's DatabaseError, TypeORM's QueryFailedError). */
export function isDatabaseError(error: unknown): error is Error & Record<string, unknown> {
  return error instanceof Error && PAYLOAD_FIELDS.some((field) => field in error);
}

/** The message with a trailing quoted value hidden, and the SQLSTATE, constraint, table and column. */
export function safeErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!isDatabaseError(error)) return error.message;
  const message = error.message.split('\n')[0].replace(/: ".*"$/, ': "…"');
  const facts = SAFE_FIELDS.flatMap((field) => (typeof error[field] === 'string' && error[field] ? [`${field} ${error[field]}`] : []));
  return facts.length > 0 ? `${message} (${facts.join(', ')})` : message;
}

/** A plain Error with the safe message and the original stack frames, for loggers that print whole errors. */
export function redactDatabaseError(error: Error): Error {
  const safe = new Error(safeErrorMessage(error));
  safe.name = error.name;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  safe.stack = [`${error.name}: ${safe.message}`, ...frames].join('\n');
  return safe;
}

/**
 * TypeORM's own loggers print a failed query with its parameters: phone numbers, names and
 * addresses. This one logs the safe error message and the start of the statement, never the parameters.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  constructor(private readonly logQueries: boolean) {}

  logQuery(query: string): void {
    if (this.logQueries) this.logger.debug(shorten(query));
  }

  logQueryError(error: string | Error, query: string): void {
    const message = `${safeErrorMessage(error)} in: ${shorten(query)}`;
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
