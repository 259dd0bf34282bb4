import { type ArgumentsHost, BadRequestException, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { answerDatabaseUnavailable } from './database-unavailable.filter.js';

/**
 * What PostgreSQL says about a value it cannot take (class 22, data exception, and 54000, a value
 * over a size limit such as an index row). Input checks stop these first; anything that slips past
 * is still the request's fault, never the server's: 400 rather than 500.
 */
const INPUT_ERRORS: Record<string, string> = {
  '22P02': 'a value is not valid for its type (e.g. not a UUID or a number)',
  '22P05': 'a value holds a character the database cannot store',
  '22021': 'a value is not valid UTF-8 text',
  '22001': 'a value is too long',
  '22003': 'a number is out of range',
  '22007': 'a date or time is not valid',
  '22008': 'a date or time is out of range',
  '22023': 'a value is not valid',
  '2201B': 'a pattern is not valid',
  '22012': 'a value leads to division by zero',
  '22004': 'a required value is missing',
  '54000': 'a value is too large to store or index',
};

function inputErrorMessage(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  return INPUT_ERRORS[code] ?? (code.startsWith('22') ? 'a value is not valid' : undefined);
}

/** Answers a query that failed on a bad value 400, in one place; every other query failure stays a 500. */
@Catch(QueryFailedError)
export class DatabaseInputErrorFilter extends BaseExceptionFilter {
  override catch(error: QueryFailedError, host: ArgumentsHost): void {
    // A connection lost mid-query also arrives as QueryFailedError: 503 as everywhere else.
    if (isDatabaseUnavailable(error)) return answerDatabaseUnavailable(this, host);
    const message = inputErrorMessage((error.driverError as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code);
    super.catch(message ? new BadRequestException(`request rejected by the database: ${message}`) : error, host);
  }
}
