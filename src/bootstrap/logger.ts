import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/configuration.js';
import { isDatabaseError, redactDatabaseError } from '../database/safe-typeorm.logger.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's logger prints a whole error object, own fields included: a PostgreSQL error (or TypeORM's
 * QueryFailedError) logged by Nest's exception handler would show its `where`, `detail`,
 * `parameters` and `query`. This one prints such errors without them.
 */
export class SafeConsoleLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    super.error(redact(message), ...rest.map(redact));
  }

  override warn(message: unknown, ...rest: unknown[]): void {
    super.warn(redact(message), ...rest.map(redact));
  }

  override fatal(message: unknown, ...rest: unknown[]): void {
    super.fatal(redact(message), ...rest.map(redact));
  }

  override log(message: unknown, ...rest: unknown[]): void {
    super.log(redact(message), ...rest.map(redact));
  }

  override debug(message: unknown, ...rest: unknown[]): void {
    super.debug(redact(message), ...rest.map(redact));
  }
}

function redact(value: unknown): unknown {
  return isDatabaseError(value) ? redactDatabaseError(value) : value;
}

/** Structured JSON logs (one object per line) by default; LOG_FORMAT=text for people at a terminal. */
export function createLogger(config: AppConfig): ConsoleLogger {
  const logLevels = LEVELS.slice(0, LEVELS.indexOf(config.log.level) + 1);
  return new SafeConsoleLogger({ json: config.log.format === 'json', logLevels, colors: config.log.format === 'text' });
}
