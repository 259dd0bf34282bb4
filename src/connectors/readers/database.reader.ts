import type { Readable } from 'node:stream';
import mysql from 'mysql2';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { Checkpoint, ConnectorReader, ConnectorRow, DatabaseCheckpoint, ReadBatch } from './connector-reader.js';
import { bindCursor, compareCursorValues, countQuery, substituteCursor, type SqlDialect } from './cursor-query.js';

/**
 * Reads a lender's database table through the connector's declared query, keyset style:
 *
 *   SELECT … FROM loans_contacts WHERE gmt_modified > :cursor ORDER BY gmt_modified[, id]
 *
 * `:cursor` is bound as a parameter (see cursor-query.ts) to the checkpoint's cursor, or the declared
 * `initial` value when there is none. Rows are streamed through a server-side cursor (PostgreSQL: a
 * portal read `fetchSize` rows at a time with pg-query-stream; MySQL/MariaDB: a non-prepared streamed
 * result that pauses the socket when the consumer lags), so memory stays bounded whatever the table.
 *
 * A batch ends only where the cursor value changes: rows sharing the cursor value of a batch's last
 * row go in the same batch (a batch may outgrow `batchSize` by a tie group), so resuming with
 * `> :cursor` never skips them. The checkpoint is that last row's cursor value, as text, exactly as
 * the database printed it: date and time types and numerics are read as text (never a JS Date or
 * float), so microseconds and offsets survive the round trip.
 *
 * One connection per reading (and one short one per `remaining`), never a pool; it is ended when the
 * iteration ends, fails, is broken off (return()) or aborted, and by close().
 */

export interface DatabaseReaderOptions {
  /** postgres://, postgresql://, mysql:// or mariadb:// URL (query parameters are passed to the driver). */
  url: string;
  /** The declared query, with `:cursor`. */
  query: string;
  /** The cursor column (as the query's rows name it) and its value before the first row. */
  cursor: { column: string; initial: string };
  /** Rows fetched from the server per round trip (PostgreSQL) / buffered before pausing the socket (MySQL). Default 500. */
  fetchSize?: number;
  /** Names the connection on the server (application_name / connection attribute program_name). */
  applicationName?: string;
  /** How long to wait for the connection. Default 10 s. No statement timeout is set. */
  connectTimeoutMilliseconds?: number;
}

export class DatabaseReaderError extends Error {
  override name = 'DatabaseReaderError';
}

const DEFAULT_APPLICATION_NAME = 'contact-recovery';
const DEFAULT_FETCH_SIZE = 500;

/** PostgreSQL types read as the server prints them: date, timestamp, timestamptz, time, timetz, numeric, interval, and their arrays. */
const POSTGRES_TEXT_TYPES = [1082, 1114, 1184, 1083, 1266, 1700, 1186, 1182, 1115, 1185, 1183, 1270, 1231, 1187];

interface Session {
  stream(text: string, values: string[]): Readable;
  count(text: string, values: string[]): Promise<number>;
  /** Ends the connection: politely after a completed query, at once (socket closed) mid-stream. */
  end(midStream: boolean): Promise<void>;
}

function dialectOf(url: string): SqlDialect {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new DatabaseReaderError('the connector database URL is not a valid URL');
  }
  if (protocol === 'postgres:' || protocol === 'postgresql:') return 'postgres';
  if (protocol === 'mysql:' || protocol === 'mariadb:') return 'mysql';
  throw new DatabaseReaderError(`unsupported database URL scheme "${protocol}" (postgres://, postgresql://, mysql:// or mariadb://)`);
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), milliseconds);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function openPostgres(options: Required<Omit<DatabaseReaderOptions, 'query' | 'cursor'>>): Promise<Session> {
  const client = new pg.Client({
    connectionString: options.url,
    application_name: options.applicationName,
    // Dates print as ISO (2024-05-01 10:00:00.123456+08) whatever the server's DateStyle; the
    // field order for reading ambiguous input is left as the server has it.
    options: '-c DateStyle=ISO',
    connectionTimeoutMillis: options.connectTimeoutMilliseconds,
  });
  for (const oid of POSTGRES_TEXT_TYPES) client.setTypeParser(oid, 'text', (value: string) => value);
  // A connection lost while idle is reported here; the pending query (if any) fails on its own.
  client.on('error', () => undefined);
  await client.connect();
  let ended = false;
  return {
    stream: (text, values) => client.query(new QueryStream(text, values, { batchSize: options.fetchSize })),
    count: async (text, values) => {
      const result = await client.query<{ remaining: string | number }>(text, values);
      return Number(result.rows[0]?.remaining);
    },
    end: async () => {
      if (ended) return;
      ended = true;
      // Terminate ends the backend even mid-portal; give up waiting (and drop the socket) if the server is gone.
      const done = await withTimeout(
        client.end().then(() => true),
        5_000,
      ).catch(() => true);
      if (!done) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    },
  };
}

async function openMysql(options: Required<Omit<DatabaseReaderOptions, 'query' | 'cursor'>>): Promise<Session> {
  const url = options.url.replace(/^mariadb:/i, 'mysql:');
  const connection = mysql.createConnection({
    uri: url,
    // Read as text: DATETIME(6)/TIMESTAMP(6) keep their microseconds, BIGINT and DECIMAL their digits.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    connectTimeout: options.connectTimeoutMilliseconds,
    connectAttributes: { program_name: options.applicationName },
  });
  connection.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  let ended = false;
  return {
    stream: (text, values) => {
      const query = connection.query(text, values);
      // The stream reports the query's errors; once it is destroyed (broken off), later ones have nowhere to go.
      query.on('error', () => undefined);
      return query.stream({ highWaterMark: options.fetchSize });
    },
    count: (text, values) =>
      new Promise((resolve, reject) => {
        connection.query(text, values, (error, rows) => {
          if (error) reject(error);
          else resolve(Number((rows as Array<{ remaining: string | number }>)[0]?.remaining));
        });
      }),
    end: async (midStream) => {
      if (ended) return;
      ended = true;
      if (midStream) {
        // QUIT would wait for the rest of the result, and a closed socket alone leaves the server thread
        // writing to it ('Writing to net') until net_write_timeout: close it and kill the thread.
        const threadId = connection.threadId;
        connection.destroy();
        if (threadId !== null) await killMysqlThread(url, threadId, options.connectTimeoutMilliseconds);
        return;
      }
      const done = await withTimeout(
        new Promise<boolean>((resolve) => connection.end(() => resolve(true))),
        5_000,
      );
      if (!done) connection.destroy();
    },
  };
}

/** Stops a server thread from another short connection (what the mysql client does on Ctrl-C); best effort. */
async function killMysqlThread(url: string, threadId: number, connectTimeout: number): Promise<void> {
  const killer = mysql.createConnection({ uri: url, connectTimeout });
  killer.on('error', () => undefined);
  await withTimeout(
    new Promise<void>((resolve) => killer.query('KILL ?', [threadId], () => resolve())),
    5_000,
  ).catch(() => undefined);
  killer.destroy();
}

function normaliseValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (typeof value === 'object') return value; // json / jsonb, point, …: as the driver parsed it
  return String(value);
}

function normaliseRow(raw: Record<string, unknown>): ConnectorRow {
  const row: ConnectorRow = {};
  for (const key of Object.keys(raw)) row[key] = normaliseValue(raw[key]);
  return row;
}

export class DatabaseReader implements ConnectorReader {
  readonly dialect: SqlDialect;
  private readonly options: Required<Omit<DatabaseReaderOptions, 'query' | 'cursor'>>;
  private readonly query: string;
  private readonly cursor: { column: string; initial: string };
  /** Open sessions, each with what to do to end it (mid-stream or not). */
  private readonly open = new Map<Session, () => Promise<void>>();
  private closed = false;

  constructor(options: DatabaseReaderOptions) {
    this.dialect = dialectOf(options.url);
    substituteCursor(options.query, this.dialect); // refuse a query without a usable :cursor now, not at the first run
    if (!options.cursor.column) throw new DatabaseReaderError('the cursor column must be named');
    this.query = options.query;
    this.cursor = { ...options.cursor };
    this.options = {
      url: options.url,
      fetchSize: Math.max(1, Math.floor(options.fetchSize ?? DEFAULT_FETCH_SIZE)),
      applicationName: options.applicationName ?? DEFAULT_APPLICATION_NAME,
      connectTimeoutMilliseconds: options.connectTimeoutMilliseconds ?? 10_000,
    };
  }

  async remaining(from: Checkpoint | null): Promise<number | undefined> {
    let session: Session | undefined;
    try {
      const bound = bindCursor(this.query, this.dialect, this.startCursor(from));
      session = await this.connect();
      const count = await session.count(countQuery(bound.text), bound.values);
      return Number.isFinite(count) ? count : undefined;
    } catch {
      return undefined;
    } finally {
      if (session) await this.release(session, false);
    }
  }

  async *batches(from: Checkpoint | null, batchSize: number, signal?: AbortSignal): AsyncIterable<ReadBatch> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new DatabaseReaderError(`batch size must be a positive integer (got ${batchSize})`);
    signal?.throwIfAborted();
    const bound = bindCursor(this.query, this.dialect, this.startCursor(from));
    const session = await this.connect();
    let stream: Readable | undefined;
    let completed = false;
    const onAbort = (): void => {
      stream?.destroy(signal?.reason instanceof Error ? signal.reason : new DatabaseReaderError('reading was aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      stream = session.stream(bound.text, bound.values);
      const column = this.cursor.column;
      let pending: ConnectorRow[] = [];
      let pendingCursor = '';
      let previous: unknown;
      let rowNumber = 0;
      for await (const raw of stream as AsyncIterable<Record<string, unknown>>) {
        rowNumber += 1;
        const row = normaliseRow(raw);
        if (!Object.prototype.hasOwnProperty.call(row, column)) {
          throw new DatabaseReaderError(
            `the query's rows have no cursor column "${column}" (columns: ${Object.keys(row).join(', ') || 'none'}); select it, named as the query's result names it`,
          );
        }
        const value = row[column];
        const text = cursorText(value, column, rowNumber);
        if (rowNumber > 1) {
          const order = compareCursorValues(previous, value);
          if (order !== undefined && order > 0) {
            throw new DatabaseReaderError(
              `cursor column "${column}" went down from ${String(previous)} to ${text} at row ${rowNumber}: the query must order by "${column}" first, ascending`,
            );
          }
        }
        if (pending.length >= batchSize && text !== pendingCursor) {
          yield { rows: pending, checkpoint: { kind: 'database', cursor: pendingCursor }, completedFiles: [] };
          pending = [];
          signal?.throwIfAborted();
        }
        pending.push(row);
        pendingCursor = text;
        previous = value;
      }
      completed = true;
      if (pending.length > 0) {
        yield { rows: pending, checkpoint: { kind: 'database', cursor: pendingCursor }, completedFiles: [] };
      }
      signal?.throwIfAborted();
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!completed) stream?.destroy();
      await this.release(session, !completed);
    }
  }

  /** Ends every connection of the reader, a reading in progress included (it then fails or stops). Final: the reader cannot be used again. */
  async close(): Promise<void> {
    this.closed = true;
    const ends = [...this.open.values()];
    this.open.clear();
    await Promise.all(ends.map((end) => end()));
  }

  private startCursor(from: Checkpoint | null): string {
    if (from === null) return this.cursor.initial;
    if (from.kind !== 'database') throw new DatabaseReaderError(`a database reader cannot resume from a ${from.kind} checkpoint`);
    return (from as DatabaseCheckpoint).cursor;
  }

  private async connect(): Promise<Session> {
    if (this.closed) throw new DatabaseReaderError('the reader is closed');
    const session = this.dialect === 'postgres' ? await openPostgres(this.options) : await openMysql(this.options);
    if (this.closed) {
      await session.end(false);
      throw new DatabaseReaderError('the reader is closed');
    }
    // close() while a query is in flight: drop the connection at once.
    this.open.set(session, () => session.end(true));
    return session;
  }

  private async release(session: Session, midStream: boolean): Promise<void> {
    if (!this.open.delete(session)) return; // already ended by close()
    await session.end(midStream);
  }
}

function cursorText(value: unknown, column: string, rowNumber: number): string {
  if (value === null || value === undefined) {
    throw new DatabaseReaderError(`cursor column "${column}" is null at row ${rowNumber}: rows with no cursor value cannot be resumed after; filter them out or COALESCE them`);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new DatabaseReaderError(`cursor column "${column}" must be a scalar (number, text, date or time), got ${Array.isArray(value) ? 'an array' : typeof value} at row ${rowNumber}`);
}
