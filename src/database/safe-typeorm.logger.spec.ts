import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redactDatabaseError, safeErrorMessage, SafeTypeOrmLogger } from './safe-typeorm.logger.js';

/** What pg's DatabaseError carries for a failure inside a PL/pgSQL function fed with payload. */
function aDriverError(): Error {
  return Object.assign(new Error('invalid input syntax for type integer: "张三 13812345678"'), {
    code: '22P02',
    severity: 'ERROR',
    where: 'PL/pgSQL function upsert_contact(text) line 4 at assignment: 广东省深圳市南山区阳光花园',
    detail: 'Key (phone)=(13812345678) already exists.',
    hint: 'name 王小明',
    routine: 'pg_strtoint32_safe',
  });
}

const PAYLOAD = ['张三', '13812345678', '阳光花园', '王小明', 'secret-parameter'];

function expectNoPayload(text: string): void {
  for (const value of PAYLOAD) expect(text).not.toContain(value);
}

describe('safeErrorMessage', () => {
  it('keeps the message, SQLSTATE and routine; drops where, detail, hint, parameters and the trailing value', () => {
    const error = new QueryFailedError('SELECT upsert_contact($1)', ['secret-parameter'], aDriverError());
    const message = safeErrorMessage(error);
    expect(message).toBe('invalid input syntax for type integer: "…" (code 22P02, routine pg_strtoint32_safe)');
    expectNoPayload(message);
  });

  it('keeps constraint, table and column names', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "uq_contact_point"'), {
      code: '23505',
      detail: 'Key (value)=(13812345678) already exists.',
      constraint: 'uq_contact_point',
      table: 'contact_point',
    });
    expect(safeErrorMessage(error)).toBe('duplicate key value violates unique constraint "uq_contact_point" (code 23505, constraint uq_contact_point, table contact_point)');
  });

  it('leaves other errors alone', () => {
    expect(safeErrorMessage(new Error('boom: "x"'))).toBe('boom: "x"');
    expect(safeErrorMessage('text')).toBe('text');
  });

  it('redacts a whole error for loggers that print error objects', () => {
    const redacted = redactDatabaseError(new QueryFailedError('SELECT 1', ['secret-parameter'], aDriverError()));
    expect(Object.keys(redacted)).toEqual(['name']);
    expect(redacted.stack).toMatch(/^QueryFailedError: invalid input syntax/);
    expectNoPayload(`${redacted.stack} ${JSON.stringify(redacted)}`);
  });
});

describe('SafeTypeOrmLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  // Finding: PostgreSQL errors were logged with their `where` context.
  it('logs a failed query without where, detail or parameters', () => {
    const error = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new SafeTypeOrmLogger(false).logQueryError(new QueryFailedError('SELECT upsert_contact($1)', ['secret-parameter'], aDriverError()), 'SELECT upsert_contact($1)');
    expect(error).toHaveBeenCalledOnce();
    const logged = String(error.mock.calls[0][0]);
    expect(logged).toContain('22P02');
    expect(logged).toContain('SELECT upsert_contact($1)');
    expectNoPayload(logged);
  });
});
