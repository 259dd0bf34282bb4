/**
 * How records of a dropped file become ConnectorRows. Pure: the file reader streams and decodes,
 * these functions decide what each record means.
 *
 * A record that cannot be a row (a bad NDJSON line, a CSV record whose field count differs from
 * the header's) still counts as a row, so that row numbers and checkpoints stay exact, and is
 * returned as an InvalidFileRow for the run to quarantine with its reason.
 */
import type { ConnectorRow } from './connector-reader.js';

/**
 * A record that could not be read as a row. Its keys are reserved: a file cannot forge one (a CSV
 * header or NDJSON field with one of these names is refused). The run should test with isInvalidFileRow and quarantine the row
 * with `__invalid` as its reason instead of mapping it.
 */
export type InvalidFileRow = {
  /** Why the record is not a row, e.g. "line is not valid JSON: Unexpected token } in JSON at position 12". */
  __invalid: string;
  /** The file's name (within its directory). */
  __file: string;
  /** 1-based number of the row within the file, counted as rowsDone counts (CSV: the header is not a row; NDJSON: blank lines are not rows). */
  __row: number;
  /** NDJSON only: the 1-based physical line. */
  __line?: number;
};

/** Keys an InvalidFileRow uses; a CSV column or NDJSON field of these names is refused, so no file can forge one. */
export const RESERVED_ROW_KEYS: ReadonlySet<string> = new Set(['__invalid', '__file', '__row', '__line']);

export function isInvalidFileRow(row: ConnectorRow): row is ConnectorRow & InvalidFileRow {
  return typeof row.__invalid === 'string' && typeof row.__file === 'string' && typeof row.__row === 'number';
}

export function invalidRow(file: string, row: number, reason: string, line?: number): InvalidFileRow {
  return line === undefined ? { __invalid: reason, __file: file, __row: row } : { __invalid: reason, __file: file, __row: row, __line: line };
}

/** A file that cannot be read at all (bad header, broken CSV quoting, a record beyond the size limit): the run fails naming it. */
export class FileReadError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`file "${file}": ${reason}`);
    this.name = 'FileReadError';
  }
}

/**
 * The CSV header as column names: trimmed; an empty name (a trailing comma in an Excel export)
 * drops that column's values; a repeated name makes the file unreadable, since a mapping could
 * not tell the columns apart.
 */
export function csvColumns(file: string, header: readonly string[]): Array<string | null> {
  const seen = new Set<string>();
  return header.map((raw, index) => {
    const name = (index === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (name === '') return null;
    if (RESERVED_ROW_KEYS.has(name)) throw new FileReadError(file, `header column "${name}" is a reserved name`);
    if (seen.has(name)) throw new FileReadError(file, `header names column "${name}" twice`);
    seen.add(name);
    return name;
  });
}

/** One CSV record as a row (values stay strings, empty fields are ""), or invalid when its field count is not the header's. */
export function csvRow(file: string, rowNumber: number, columns: ReadonlyArray<string | null>, fields: readonly string[]): ConnectorRow {
  if (fields.length !== columns.length) {
    return invalidRow(file, rowNumber, `row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${columns.length}`);
  }
  const row: ConnectorRow = {};
  for (let index = 0; index < columns.length; index++) {
    const name = columns[index];
    if (name !== null && name !== undefined) row[name] = fields[index];
  }
  return row;
}

/** One NDJSON line (without its line break) as a row; blank lines are not rows (null). */
export function ndjsonRow(file: string, rowNumber: number, lineNumber: number, line: string): ConnectorRow | null {
  const text = (lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line).replace(/\r$/, '');
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return invalidRow(file, rowNumber, `line is not valid JSON: ${(error as Error).message}`, lineNumber);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return invalidRow(file, rowNumber, `line is ${kind}, not a JSON object`, lineNumber);
  }
  const reserved = Object.keys(value).find((key) => RESERVED_ROW_KEYS.has(key));
  if (reserved !== undefined) return invalidRow(file, rowNumber, `line has the reserved field "${reserved}"`, lineNumber);
  return value as ConnectorRow;
}
