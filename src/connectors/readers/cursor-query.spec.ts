import { describe, expect, it } from 'vitest';
import { bindCursor, compareCursorValues, countQuery, CursorQueryError, substituteCursor } from './cursor-query.js';

describe('substituteCursor', () => {
  it('binds every :cursor to $1 for PostgreSQL and to one ? per occurrence for MySQL', () => {
    const query = 'SELECT * FROM t WHERE a > :cursor OR (a = :cursor AND b) ORDER BY a';
    expect(bindCursor(query, 'postgres', 'X')).toEqual({
      text: 'SELECT * FROM t WHERE a > $1 OR (a = $1 AND b) ORDER BY a',
      values: ['X'],
      occurrences: 2,
    });
    expect(bindCursor(query, 'mysql', 'X')).toEqual({
      text: 'SELECT * FROM t WHERE a > ? OR (a = ? AND b) ORDER BY a',
      values: ['X', 'X'],
      occurrences: 2,
    });
  });

  it('never puts the value into the text', () => {
    const bound = bindCursor("SELECT * FROM t WHERE a > :cursor", 'mysql', "x'; DROP TABLE t; --");
    expect(bound.text).toBe('SELECT * FROM t WHERE a > ?');
  });

  it('leaves :cursor inside string literals, quoted identifiers and comments as written', () => {
    const postgres = `SELECT ':cursor' AS a, "x:cursor" AS b, $$ :cursor $$, $tag$ it's :cursor $tag$, E'\\' :cursor' -- :cursor
      /* :cursor /* nested :cursor */ still :cursor */ FROM t WHERE m > :cursor`;
    expect(substituteCursor(postgres, 'postgres')).toEqual({ text: postgres.replace(/:cursor$/, '$1'), occurrences: 1 });

    const mysql = `SELECT ':cursor', "it\\" :cursor", \`c:cursor\`, 'it''s :cursor' # :cursor
      -- :cursor
      /* :cursor */ FROM t WHERE m > :cursor`;
    expect(substituteCursor(mysql, 'mysql')).toEqual({ text: mysql.replace(/:cursor$/, '?'), occurrences: 1 });
  });

  it('reads MySQL executable comments and optimiser hints as SQL, as mysql2 does', () => {
    expect(substituteCursor('SELECT /*+ MAX_EXECUTION_TIME(1000) */ * FROM t WHERE a > /*! :cursor */ 0', 'mysql').occurrences).toBe(1);
  });

  it('does not take a cast, a longer name or -- without a space (MySQL) for :cursor', () => {
    expect(substituteCursor('SELECT a::cursor, :cursor_id, :cursors FROM t WHERE a > :cursor', 'postgres')).toEqual({
      text: 'SELECT a::cursor, :cursor_id, :cursors FROM t WHERE a > $1',
      occurrences: 1,
    });
    // In MySQL "--" starts a comment only when followed by whitespace: 1--:cursor is 1 - (-?).
    expect(substituteCursor('SELECT 1--:cursor', 'mysql').text).toBe('SELECT 1--?');
  });

  it('refuses a query whose :cursor is only inside literals or comments', () => {
    expect(() => substituteCursor("SELECT * FROM t WHERE a > ':cursor'", 'postgres')).toThrow(CursorQueryError);
    expect(() => substituteCursor('SELECT * FROM t -- WHERE a > :cursor', 'mysql')).toThrow(/must use :cursor/);
  });

  it('refuses placeholders of the query\'s own', () => {
    expect(() => substituteCursor('SELECT * FROM t WHERE a > :cursor AND b = $1', 'postgres')).toThrow(/positional parameter \(\$1\)/);
    expect(() => substituteCursor('SELECT * FROM t WHERE a > :cursor AND b = ?', 'mysql')).toThrow(/"\?"/);
    // inside literals and as part of a name they are harmless
    expect(substituteCursor("SELECT '?', 'a$1', x$1 FROM t WHERE a > :cursor", 'mysql').occurrences).toBe(1);
    expect(substituteCursor("SELECT '$1', x$1 FROM t WHERE a > :cursor", 'postgres').occurrences).toBe(1);
  });
});

describe('countQuery', () => {
  it('wraps the bound query, dropping a trailing semicolon', () => {
    expect(countQuery('SELECT a FROM t WHERE a > $1 ORDER BY a;\n')).toBe('SELECT count(*) AS remaining FROM (\nSELECT a FROM t WHERE a > $1 ORDER BY a\n) AS rows_to_read');
  });
});

describe('compareCursorValues', () => {
  it('compares numbers and decimal strings exactly', () => {
    expect(compareCursorValues(2, 10)).toBe(-1);
    expect(compareCursorValues('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareCursorValues('-5', '3')).toBe(-1);
    expect(compareCursorValues('-5.5', '-5.25')).toBe(-1);
    expect(compareCursorValues('10.50', '10.5')).toBe(0);
    expect(compareCursorValues(7, '7')).toBe(0);
  });

  it('compares ISO dates, date-times and times, with microseconds', () => {
    expect(compareCursorValues('2024-05-01', '2024-05-02')).toBe(-1);
    expect(compareCursorValues('2024-05-01 10:00:00.000002', '2024-05-01 10:00:00.000010')).toBe(-1);
    expect(compareCursorValues('2024-05-01 10:00:00', '2024-05-01 10:00:00.000001')).toBe(-1);
    expect(compareCursorValues('2024-05-01 10:00:00.5', '2024-05-01 10:00:00.49')).toBe(1);
    expect(compareCursorValues('09:59:59.999999', '10:00:00')).toBe(-1);
  });

  it('compares date-times with offsets as instants', () => {
    // 10:00+08 is 02:00Z, before 03:00+00
    expect(compareCursorValues('2024-05-01 10:00:00+08', '2024-05-01 03:00:00+00')).toBe(-1);
    expect(compareCursorValues('2024-05-01 10:00:00.000001+08:00', '2024-05-01T02:00:00.000001Z')).toBe(0);
    expect(compareCursorValues('2024-10-27 02:30:00.1+02', '2024-10-27 02:10:00.1+01')).toBe(-1);
  });

  it('does not judge what it cannot compare reliably', () => {
    expect(compareCursorValues('b', 'a')).toBeUndefined(); // text: collation-dependent
    expect(compareCursorValues('2024-05-01 10:00:00', '2024-05-01 10:00:00+08')).toBeUndefined();
    expect(compareCursorValues('infinity', '2024-05-01')).toBeUndefined();
    expect(compareCursorValues(1.5, '2')).toBeUndefined();
  });
});
