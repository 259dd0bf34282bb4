import { ConsoleLogger, type ConsoleLoggerOptions, type LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/configuration.js';
import { isDatabaseError, redactDatabaseError } from '../database/safe-typeorm.logger.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's logger prints a whole error object, own fields included: a PostgreSQL error (or TypeORM's
 * QueryFailedError) logged by Nest's exception handler would show its `where`, `detail`,
 * `parameters` and `query`. This one prints such errors without them.
 */
export class SafeConsoleLogger extends ConsoleLogger {
  /** The process's name (WORKER_NAME): a field of every JSON line, the prefix of every text line. */
  private workerName?: string;

  static named(options: ConsoleLoggerOptions, workerName: string): SafeConsoleLogger {
    const logger = new SafeConsoleLogger({ ...options, prefix: workerName });
    logger.workerName = workerName;
    return logger;
  }

  protected override getJsonLogObject(...args: Parameters<ConsoleLogger['getJsonLogObject']>): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const object = super.getJsonLogObject(...args);
    return this.workerName === undefined ? object : { ...object, worker: this.workerName };
  }

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
  return SafeConsoleLogger.named({ json: config.log.format === 'json', logLevels, colors: config.log.format === 'text' }, config.workerName);
}
