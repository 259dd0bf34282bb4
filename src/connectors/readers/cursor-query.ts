/**
 * Binds the `:cursor` of a database connector's declared query. Pure: no driver, no I/O.
 *
 * Each `:cursor` becomes a bound parameter, never the value spliced into the text:
 * - PostgreSQL: every occurrence becomes `$1` (one parameter, one inferred type);
 * - MySQL / MariaDB: every occurrence becomes `?` and the value is repeated once per occurrence.
 *
 * The query is scanned as SQL, so `:cursor` is only replaced where it is SQL, not text:
 * - left as written inside string literals (`'…'`, PostgreSQL `E'…'` and `$tag$…$tag$`, MySQL `"…"`),
 *   quoted identifiers (PostgreSQL `"…"`, MySQL `` `…` ``) and comments (`-- …`, `/* … *\/` — nested in
 *   PostgreSQL —, MySQL `# …`);
 * - MySQL executable comments and optimiser hints (`/*! … *\/`, `/*+ … *\/`) are SQL to the server (and
 *   to mysql2's placeholder scan), so `:cursor` in them is replaced;
 * - `::cursor` (a PostgreSQL cast) and `:cursor_id` / `:cursors` (a longer name) are not `:cursor`.
 * A query whose only `:cursor` is inside a literal or comment is refused, as is a query carrying its
 * own placeholders (`$1` in PostgreSQL, `?` outside literals in MySQL), which would take the value.
 */

export type SqlDialect = 'postgres' | 'mysql';

export interface BoundCursorQuery {
  /** The query with each `:cursor` replaced by the dialect's placeholder. */
  text: string;
  /** The parameter values: one for PostgreSQL, one per occurrence for MySQL. */
  values: string[];
  /** How many times `:cursor` occurs (as SQL). */
  occurrences: number;
}

export class CursorQueryError extends Error {
  override name = 'CursorQueryError';
}

const PLACEHOLDER = ':cursor';

function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(char);
}

/** The index just past a quoted run opened at `start` by `quote`; a doubled quote is an escaped quote. */
function skipQuoted(query: string, start: number, quote: string, backslashEscapes: boolean): number {
  let index = start + 1;
  while (index < query.length) {
    const char = query[index];
    if (backslashEscapes && char === '\\') {
      index += 2;
      continue;
    }
    if (char === quote) {
      if (query[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  return query.length; // unterminated: the server reports it
}

function skipLineComment(query: string, start: number): number {
  const end = query.indexOf('\n', start);
  return end === -1 ? query.length : end + 1;
}

function skipBlockComment(query: string, start: number, nested: boolean): number {
  let depth = 1;
  let index = start + 2;
  while (index < query.length) {
    if (nested && query.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (query.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else {
      index += 1;
    }
  }
  return query.length;
}

/** `$tag$` (or `$$`) opening a PostgreSQL dollar-quoted string at `start`, or null. */
function dollarTag(query: string, start: number): string | null {
  const match = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(query.slice(start, start + 130));
  return match ? match[0] : null;
}

/**
 * Replaces each `:cursor` of `query` (as SQL, see above) with the dialect's placeholder. Throws
 * CursorQueryError when there is none, or when the query has placeholders of its own.
 */
export function substituteCursor(query: string, dialect: SqlDialect): { text: string; occurrences: number } {
  const postgres = dialect === 'postgres';
  let text = '';
  let occurrences = 0;
  let chunkStart = 0;
  let index = 0;
  while (index < query.length) {
    const char = query[index];
    const next = query[index + 1];
    if (char === "'") {
      // PostgreSQL E'…' strings take backslash escapes; MySQL strings always do (unless NO_BACKSLASH_ESCAPES).
      const escapeString = postgres ? index > 0 && /[eE]/.test(query[index - 1]) && !isIdentifierChar(query[index - 2]) : true;
      index = skipQuoted(query, index, "'", escapeString);
    } else if (char === '"') {
      index = skipQuoted(query, index, '"', !postgres);
    } else if (char === '`' && !postgres) {
      index = skipQuoted(query, index, '`', false);
    } else if (char === '-' && next === '-' && (postgres || query[index + 2] === undefined || /\s/.test(query[index + 2]))) {
      index = skipLineComment(query, index);
    } else if (char === '#' && !postgres) {
      index = skipLineComment(query, index);
    } else if (char === '/' && next === '*' && (postgres || (query[index + 2] !== '!' && query[index + 2] !== '+'))) {
      index = skipBlockComment(query, index, postgres);
    } else if (char === '$' && postgres && !isIdentifierChar(query[index - 1])) {
      const tag = dollarTag(query, index);
      if (tag) {
        const end = query.indexOf(tag, index + tag.length);
        index = end === -1 ? query.length : end + tag.length;
      } else if (next !== undefined && /[0-9]/.test(next)) {
        throw new CursorQueryError(`the query has a positional parameter (${/^\$[0-9]+/.exec(query.slice(index))?.[0]}); only :cursor is bound`);
      } else {
        index += 1;
      }
    } else if (char === '?' && !postgres) {
      throw new CursorQueryError('the query has a "?" outside string literals, which mysql2 reads as a placeholder; only :cursor is bound');
    } else if (
      char === ':' &&
      query.startsWith(PLACEHOLDER, index) &&
      query[index - 1] !== ':' &&
      !isIdentifierChar(query[index + PLACEHOLDER.length])
    ) {
      text += query.slice(chunkStart, index) + (postgres ? '$1' : '?');
      occurrences += 1;
      index += PLACEHOLDER.length;
      chunkStart = index;
    } else {
      index += 1;
    }
  }
  if (occurrences === 0) {
    throw new CursorQueryError('the query must use :cursor (outside string literals and comments) to read rows after the last committed cursor value');
  }
  return { text: text + query.slice(chunkStart), occurrences };
}

/** The query ready for the driver, with `cursor` as the value of every `:cursor`. */
export function bindCursor(query: string, dialect: SqlDialect, cursor: string): BoundCursorQuery {
  const { text, occurrences } = substituteCursor(query, dialect);
  const values = dialect === 'postgres' ? [cursor] : Array.from({ length: occurrences }, () => cursor);
  return { text, values, occurrences };
}

/** `SELECT count(*)` over the declared query (already bound), for progress. */
export function countQuery(boundText: string): string {
  return `SELECT count(*) AS remaining FROM (\n${stripTrailingSemicolon(boundText)}\n) AS rows_to_read`;
}

function stripTrailingSemicolon(text: string): string {
  return text.replace(/[\s;]+$/, '');
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
// Date, date-time or time as PostgreSQL (DateStyle ISO) and MySQL print them: 2024-05-01,
// 2024-05-01 10:00:00.123456, 2024-05-01T10:00:00Z, 2024-05-01 10:00:00+08, 10:00:00.5, with an
// optional UTC offset (Z, +08, +08:00, +0800, +05:30:15).
const ISO_TEMPORAL = /^(?:(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?|(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/;

function compareDecimals(left: string, right: string): number {
  const leftNegative = left.startsWith('-');
  const rightNegative = right.startsWith('-');
  if (leftNegative !== rightNegative) return leftNegative ? -1 : 1;
  const sign = leftNegative ? -1 : 1;
  const [leftInteger, leftFraction = ''] = (leftNegative ? left.slice(1) : left).split('.');
  const [rightInteger, rightFraction = ''] = (rightNegative ? right.slice(1) : right).split('.');
  const a = leftInteger.replace(/^0+(?=\d)/, '');
  const b = rightInteger.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return sign * (a.length < b.length ? -1 : 1);
  if (a !== b) return sign * (a < b ? -1 : 1);
  const width = Math.max(leftFraction.length, rightFraction.length);
  const c = leftFraction.padEnd(width, '0');
  const d = rightFraction.padEnd(width, '0');
  if (c === d) return 0;
  return sign * (c < d ? -1 : 1);
}

/** Microseconds since the epoch of an ISO date-time with an offset, as a bigint (exact). */
function epochMicroseconds(date: string, time: string, offset: string): bigint | undefined {
  const [clock, fraction = ''] = time.split('.');
  const seconds = clock.length === 5 ? `${clock}:00` : clock;
  let zone = offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})?(\d{2})?$/, (_all, hours: string, minutes?: string) => `${hours}:${minutes ?? '00'}`);
  let extraSeconds = 0;
  const long = /^([+-])(\d{2}):(\d{2}):(\d{2})$/.exec(offset) ?? /^([+-])(\d{2})(\d{2})(\d{2})$/.exec(offset);
  if (long) {
    // Historical offsets with seconds (LMT): Date cannot parse them; apply the seconds by hand.
    zone = `${long[1]}${long[2]}:${long[3]}`;
    extraSeconds = (long[1] === '+' ? -1 : 1) * Number(long[4]);
  }
  if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
  const milliseconds = Date.parse(`${date}T${seconds}${zone}`);
  if (Number.isNaN(milliseconds)) return undefined;
  const micro = BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
  return (BigInt(milliseconds) + BigInt(extraSeconds * 1000)) * 1000n + micro;
}

/**
 * Compares two cursor values as the database orders them, when that can be told reliably from the
 * values alone: numbers, decimal strings (bigint, numeric) and ISO dates / date-times / times (with or
 * without an offset, but not a mix). Returns undefined for anything else — text (collation-dependent),
 * uuid, infinity, BC dates —, which is then not checked.
 */
export function compareCursorValues(left: unknown, right: unknown): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') {
    if (Number.isNaN(left) || Number.isNaN(right)) return undefined;
    return left === right ? 0 : left < right ? -1 : 1;
  }
  if (typeof left === 'bigint' && typeof right === 'bigint') return left === right ? 0 : left < right ? -1 : 1;
  const a = typeof left === 'number' && Number.isFinite(left) && Number.isInteger(left) ? String(left) : left;
  const b = typeof right === 'number' && Number.isFinite(right) && Number.isInteger(right) ? String(right) : right;
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  if (DECIMAL.test(a) && DECIMAL.test(b)) return compareDecimals(a, b);
  const x = ISO_TEMPORAL.exec(a);
  const y = ISO_TEMPORAL.exec(b);
  if (!x || !y) return undefined;
  const [, xDate, xTime, xClock, xOffset] = x;
  const [, yDate, yTime, yClock, yOffset] = y;
  if (Boolean(xClock) !== Boolean(yClock) || Boolean(xOffset) !== Boolean(yOffset)) return undefined;
  if (xClock && yClock) {
    if (xOffset || yOffset) return undefined; // timetz orders by UTC time then offset: not checked
    return compareClock(xClock, yClock);
  }
  if (xOffset && yOffset) {
    if (!xTime || !yTime) return undefined;
    const p = epochMicroseconds(xDate, xTime, xOffset);
    const q = epochMicroseconds(yDate, yTime, yOffset);
    if (p === undefined || q === undefined) return undefined;
    return p === q ? 0 : p < q ? -1 : 1;
  }
  if (xDate !== yDate) return xDate < yDate ? -1 : 1;
  return compareClock(xTime ?? '00:00', yTime ?? '00:00');
}

function compareClock(left: string, right: string): number {
  const normalise = (clock: string): string => {
    const [main, fraction = ''] = clock.split('.');
    return `${main.length === 5 ? `${main}:00` : main}.${fraction.padEnd(9, '0')}`;
  };
  const a = normalise(left);
  const b = normalise(right);
  return a === b ? 0 : a < b ? -1 : 1;
}
