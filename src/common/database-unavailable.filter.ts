import { type ArgumentsHost, Catch, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';

/** 503 with Retry-After while the database cannot be reached: the request may succeed later, it is not the server's bug. */
export function answerDatabaseUnavailable(filter: BaseExceptionFilter, host: ArgumentsHost): void {
  if (host.getType() === 'http') host.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  BaseExceptionFilter.prototype.catch.call(filter, new ServiceUnavailableException('the database is unavailable; try again shortly'), host);
}

/**
 * Catches whatever no other filter claims (registered first, so it is consulted last): a connection
 * error of any route becomes 503, anything else keeps Nest's default answer.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (isDatabaseUnavailable(error)) answerDatabaseUnavailable(this, host);
    else super.catch(error, host);
  }
}
