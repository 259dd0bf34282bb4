import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRow, ReadBatch } from './connector-reader.js';
import { DatabaseReader, type DatabaseReaderOptions } from './database.reader.js';

/**
 * Against the real servers on this machine: PostgreSQL 127.0.0.1:5432 (a throwaway database) and
 * MariaDB 127.0.0.1:3306 (random-suffixed tables in `test`). Both are dropped afterwards.
 */

const POSTGRES_ADMIN_URL = process.env.CONNECTOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MYSQL_URL = process.env.CONNECTOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const BIG_TABLE_ROWS = 300_000;

interface Harness {
  dialect: 'postgres' | 'mysql';
  url: string;
  suffix: string;
  types: { timestamp6: string; timestamptz6: string; text: string; bytes: string };
  connectionIdExpression: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  exec(sql: string, values?: unknown[]): Promise<void>;
  rows(sql: string, values?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Whether the server still has the connection (by backend pid / connection id), and its name. */
  connection(id: number): Promise<{ alive: boolean; name?: string }>;
  fillBigTable(table: string, rows: number): Promise<void>;
}

function suffix(): string {
  return randomBytes(4).toString('hex');
}

function postgresHarness(): Harness {
  const id = suffix();
  const database = `reader_test_${id}`;
  const adminUrl = new URL(POSTGRES_ADMIN_URL);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  let admin: pg.Client;
  let client: pg.Client;
  return {
    dialect: 'postgres',
    url: url.toString(),
    suffix: id,
    types: { timestamp6: 'timestamp(6)', timestamptz6: 'timestamptz(6)', text: 'text', bytes: 'bytea' },
    connectionIdExpression: 'pg_backend_pid()',
    async setup() {
      admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      // The reader must print ISO dates whatever the database's DateStyle, and keep the session's offsets.
      await admin.query(`ALTER DATABASE ${database} SET DateStyle = 'SQL, DMY'`);
      await admin.query(`ALTER DATABASE ${database} SET TimeZone = 'Asia/Shanghai'`);
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
    },
    async teardown() {
      await client?.end();
      if (admin) {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.end();
      }
    },
    async exec(sql, values) {
      await client.query(sql, values);
    },
    async rows(sql, values) {
      return (await client.query(sql, values)).rows as Array<Record<string, unknown>>;
    },
    async connection(pid) {
      const result = await admin.query<{ application_name: string }>('SELECT application_name FROM pg_stat_activity WHERE pid = $1', [pid]);
      return { alive: result.rows.length > 0, name: result.rows[0]?.application_name };
    },
    async fillBigTable(table, rows) {
      await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, gmt_modified timestamp(6) NOT NULL, payload text NOT NULL)`);
      await client.query(
        `INSERT INTO ${table} SELECT g, timestamp '2024-01-01' + g * interval '1 millisecond', repeat(md5(g::text), 8) FROM generate_series(1, $1) g`,
        [rows],
      );
    },
  };
}

function mysqlHarness(): Harness {
  const id = suffix();
  let connection: mysql.Connection;
  const tables: string[] = [];
  return {
    dialect: 'mysql',
    url: MYSQL_URL.replace(/^mysql:/, 'mariadb:'), // both schemes are taken
    suffix: id,
    types: { timestamp6: 'DATETIME(6)', timestamptz6: 'TIMESTAMP(6)', text: 'VARCHAR(200)', bytes: 'VARBINARY(200)' },
    connectionIdExpression: 'CONNECTION_ID()',
    async setup() {
      connection = await mysql.createConnection({ uri: MYSQL_URL, dateStrings: true });
    },
    async teardown() {
      if (!connection) return;
      for (const table of tables) await connection.query(`DROP TABLE IF EXISTS ${table}`);
      await connection.end();
    },
    async exec(sql, values) {
      const created = /^\s*CREATE TABLE (\w+)/i.exec(sql);
      if (created) tables.push(created[1]);
      await connection.query(sql, values);
    },
    async rows(sql, values) {
      const [rows] = await connection.query(sql, values);
      return rows as Array<Record<string, unknown>>;
    },
    async connection(connectionId) {
      const [rows] = await connection.query('SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ?', [connectionId]);
      return { alive: (rows as unknown[]).length > 0 };
    },
    async fillBigTable(table, rows) {
      await this.exec(`CREATE TABLE ${table} (id INT PRIMARY KEY, gmt_modified DATETIME(6) NOT NULL, payload VARCHAR(300) NOT NULL)`);
      await connection.query(
        `INSERT INTO ${table} SELECT seq, TIMESTAMP('2024-01-01') + INTERVAL seq * 1000 MICROSECOND, REPEAT(MD5(seq), 8) FROM seq_1_to_${rows}`,
      );
    },
  };
}

async function readAll(reader: DatabaseReader, from: string | null, batchSize: number): Promise<ReadBatch[]> {
  const batches: ReadBatch[] = [];
  for await (const batch of reader.batches(from === null ? null : { kind: 'database', cursor: from }, batchSize)) batches.push(batch);
  return batches;
}

function cursorOf(batch: ReadBatch): string | undefined {
  return batch.checkpoint.kind === 'database' ? batch.checkpoint.cursor : undefined;
}

function column(batches: ReadBatch[], name: string): unknown[] {
  return batches.flatMap((batch) => batch.rows.map((row) => row[name]));
}

// Generous: on a loaded machine the server notices a closed socket only when it next writes.
async function eventually(check: () => Promise<boolean>, milliseconds = 25_000): Promise<boolean> {
  const deadline = Date.now() + milliseconds;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe.each([postgresHarness(), mysqlHarness()])('DatabaseReader on $dialect', (harness) => {
  const contacts = `contacts_${harness.suffix}`;
  const ties = `ties_${harness.suffix}`;
  const micro = `micro_${harness.suffix}`;
  const big = `big_${harness.suffix}`;
  const readers: DatabaseReader[] = [];

  function reader(options: Partial<DatabaseReaderOptions> & Pick<DatabaseReaderOptions, 'query' | 'cursor'>): DatabaseReader {
    const created = new DatabaseReader({ url: harness.url, ...options });
    readers.push(created);
    return created;
  }

  beforeAll(async () => {
    await harness.setup();
    const { timestamp6, text, bytes } = harness.types;
    await harness.exec(
      `CREATE TABLE ${contacts} (id INT PRIMARY KEY, gmt_modified ${timestamp6} NOT NULL, name ${text}, phone ${text}, amount DECIMAL(12, 2), note ${bytes}, active BOOLEAN)`,
    );
    for (let id = 1; id <= 20; id += 1) {
      await harness.exec(
        `INSERT INTO ${contacts} VALUES (${id}, '2024-05-01 10:00:00.${String(id).padStart(6, '0')}', 'name ${id}', '1380000${String(id).padStart(4, '0')}', ${id}.50, ${harness.dialect === 'postgres' ? `convert_to('备注 ${id}', 'UTF8')` : `CAST('备注 ${id}' AS BINARY)`}, ${id % 2 === 0 ? 'true' : 'false'})`,
      );
    }
    // 2 rows, then 10 sharing one timestamp, then 3: with batches of 3 the tie group straddles a boundary.
    await harness.exec(`CREATE TABLE ${ties} (id INT PRIMARY KEY, gmt_modified ${timestamp6} NOT NULL)`);
    const tieValues = Array.from({ length: 15 }, (_, index) => {
      const id = index + 1;
      const at = id <= 2 ? `2024-05-01 09:00:0${id}` : id <= 12 ? '2024-05-01 10:00:00.5' : `2024-05-01 11:00:0${id - 12}`;
      return `(${id}, '${at}')`;
    });
    await harness.exec(`INSERT INTO ${ties} VALUES ${tieValues.join(', ')}`);
  });

  afterAll(async () => {
    await Promise.all(readers.map((created) => created.close()));
    await harness.teardown();
  });

  it('reads all rows in keyset order, in batches ending where the cursor changes', async () => {
    const batches = await readAll(reader({ query: `SELECT * FROM ${contacts} WHERE id > :cursor ORDER BY id`, cursor: { column: 'id', initial: '0' } }), null, 7);
    expect(batches.map((batch) => batch.rows.length)).toEqual([7, 7, 6]);
    expect(batches.map((batch) => batch.checkpoint)).toEqual([
      { kind: 'database', cursor: '7' },
      { kind: 'database', cursor: '14' },
      { kind: 'database', cursor: '20' },
    ]);
    expect(batches.every((batch) => batch.completedFiles.length === 0)).toBe(true);
    expect(column(batches, 'id')).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    // Values as handed on: text for dates and decimals, utf-8 text for bytes, booleans as the driver gives them.
    const row = batches[0].rows[1] as ConnectorRow;
    expect(row).toMatchObject({ id: 2, gmt_modified: '2024-05-01 10:00:00.000002', name: 'name 2', phone: '13800000002', amount: '2.50', note: '备注 2' });
    expect([true, 1]).toContain(row.active);
  });

  it('resumes from a checkpoint and reads exactly the rest', async () => {
    const source = reader({ query: `SELECT id FROM ${contacts} WHERE id > :cursor ORDER BY id`, cursor: { column: 'id', initial: '0' } });
    const batches = await readAll(source, '7', 5);
    expect(column(batches, 'id')).toEqual(Array.from({ length: 13 }, (_, index) => index + 8));
    expect(batches.at(-1)?.checkpoint).toEqual({ kind: 'database', cursor: '20' });
    expect(await readAll(source, '20', 5)).toEqual([]);
  });

  it('never splits rows sharing a cursor value across a batch boundary', async () => {
    const source = reader({
      query: `SELECT id, gmt_modified FROM ${ties} WHERE gmt_modified > :cursor ORDER BY gmt_modified, id`,
      cursor: { column: 'gmt_modified', initial: '1970-01-01 00:00:00' },
    });
    const batches = await readAll(source, null, 3);
    expect(batches.map((batch) => batch.rows.map((row) => row.id))).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [13, 14, 15]]);
    // The tie value exactly as the server prints it (PostgreSQL drops trailing zeros, MariaDB pads to the column's precision).
    const tie = harness.dialect === 'postgres' ? '2024-05-01 10:00:00.5' : '2024-05-01 10:00:00.500000';
    expect(batches[0].checkpoint).toEqual({ kind: 'database', cursor: tie });
    // Resuming after the committed batch reads exactly what followed it: nothing skipped, nothing twice.
    const resumed = await readAll(source, tie, 3);
    expect(column(resumed, 'id')).toEqual([13, 14, 15]);

    const small = await readAll(source, null, 1);
    expect(small.map((batch) => batch.rows.length)).toEqual([1, 1, 10, 1, 1, 1]);
    for (let index = 1; index < small.length; index += 1) {
      // each batch starts after its predecessor's checkpoint, never on it
      expect(small[index].rows[0].gmt_modified).not.toBe(cursorOf(small[index - 1]));
      expect(cursorOf(small[index - 1])).toBe(small[index - 1].rows.at(-1)?.gmt_modified);
    }
  });

  it(`round-trips microseconds of ${harness.types.timestamp6} and ${harness.types.timestamptz6} cursor columns`, async () => {
    const { timestamp6, timestamptz6 } = harness.types;
    await harness.exec(`CREATE TABLE ${micro} (id INT PRIMARY KEY, local_at ${timestamp6} NOT NULL, zoned_at ${timestamptz6} NOT NULL)`);
    const zoned = harness.dialect === 'postgres' ? (at: string): string => `${at}+08` : (at: string): string => at;
    const values = [1, 2, 3, 4, 999_999].map((fraction, index) => {
      const at = `2024-05-01 10:00:00.${String(fraction).padStart(6, '0')}`;
      return `(${index + 1}, '${at}', '${zoned(at)}')`;
    });
    await harness.exec(`INSERT INTO ${micro} VALUES ${values.join(', ')}`);

    const local = reader({ query: `SELECT * FROM ${micro} WHERE local_at > :cursor ORDER BY local_at`, cursor: { column: 'local_at', initial: '2000-01-01' } });
    const localBatches = await readAll(local, null, 2);
    expect(localBatches.map((batch) => batch.checkpoint)).toEqual([
      { kind: 'database', cursor: '2024-05-01 10:00:00.000002' },
      { kind: 'database', cursor: '2024-05-01 10:00:00.000004' },
      { kind: 'database', cursor: '2024-05-01 10:00:00.999999' },
    ]);
    expect(column(await readAll(local, '2024-05-01 10:00:00.000002', 2), 'id')).toEqual([3, 4, 5]);

    const zonedReader = reader({ query: `SELECT * FROM ${micro} WHERE zoned_at > :cursor ORDER BY zoned_at`, cursor: { column: 'zoned_at', initial: '2000-01-01 00:00:00' } });
    const zonedBatches = await readAll(zonedReader, null, 2);
    expect(column(zonedBatches, 'id')).toEqual([1, 2, 3, 4, 5]);
    const checkpoint = cursorOf(zonedBatches[0]) ?? '';
    // ISO text with microseconds (and, in PostgreSQL, the session's offset: the database is set to Asia/Shanghai)
    expect(checkpoint).toBe(harness.dialect === 'postgres' ? '2024-05-01 10:00:00.000002+08' : '2024-05-01 10:00:00.000002');
    expect(column(await readAll(zonedReader, checkpoint, 2), 'id')).toEqual([3, 4, 5]);
  });

  it('binds every :cursor occurrence', async () => {
    const source = reader({
      query: `SELECT id FROM ${contacts} WHERE id > :cursor AND id <= :cursor + 5 AND name <> ':cursor' ORDER BY id`,
      cursor: { column: 'id', initial: '0' },
    });
    expect(column(await readAll(source, '3', 100), 'id')).toEqual([4, 5, 6, 7, 8]);
    expect(await source.remaining({ kind: 'database', cursor: '3' })).toBe(5);
  });

  it('fails clearly when the cursor column is missing or goes down', async () => {
    const missing = reader({ query: `SELECT id AS ident FROM ${contacts} WHERE id > :cursor ORDER BY id`, cursor: { column: 'id', initial: '0' } });
    await expect(readAll(missing, null, 5)).rejects.toThrow(/no cursor column "id" \(columns: ident\)/);
    const descending = reader({ query: `SELECT id, gmt_modified FROM ${contacts} WHERE id > :cursor ORDER BY gmt_modified DESC`, cursor: { column: 'gmt_modified', initial: '0' } });
    await expect(readAll(descending, null, 50)).rejects.toThrow(/cursor column "gmt_modified" went down .* order by "gmt_modified" first, ascending/);
  });

  it('counts the rows still to read', async () => {
    const source = reader({ query: `SELECT * FROM ${contacts} WHERE id > :cursor ORDER BY id;`, cursor: { column: 'id', initial: '0' } });
    expect(await source.remaining(null)).toBe(20);
    expect(await source.remaining({ kind: 'database', cursor: '7' })).toBe(13);
    const broken = reader({ query: `SELECT * FROM no_such_table_${harness.suffix} WHERE id > :cursor`, cursor: { column: 'id', initial: '0' } });
    expect(await broken.remaining(null)).toBeUndefined();
  });

  describe(`with ${BIG_TABLE_ROWS.toLocaleString('en')} rows`, () => {
    beforeAll(async () => {
      await harness.fillBigTable(big, BIG_TABLE_ROWS);
    }, 60_000);

    it('streams with bounded memory', async () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const source = reader({
        query: `SELECT id, gmt_modified, payload FROM ${big} WHERE gmt_modified > :cursor ORDER BY gmt_modified`,
        cursor: { column: 'gmt_modified', initial: '2000-01-01' },
        fetchSize: 1_000,
      });
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      let rows = 0;
      let batches = 0;
      let lastId = 0;
      for await (const batch of source.batches(null, 1_000)) {
        rows += batch.rows.length;
        batches += 1;
        const firstId = batch.rows[0].id as number;
        expect(firstId).toBe(lastId + 1);
        lastId = batch.rows.at(-1)?.id as number;
        if (batches % 25 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        }
      }
      expect(rows).toBe(BIG_TABLE_ROWS);
      expect(lastId).toBe(BIG_TABLE_ROWS);
      // Streamed, growth stays about 1 MB; the rows kept as read measure about 110 MB (300,000 rows of 256-character payloads).
      expect(peak).toBeLessThan(40 * 1024 * 1024);
    }, 60_000);

    it('releases the connection when the iteration is broken off, and names it', async () => {
      const source = reader({
        query: `SELECT id, ${harness.connectionIdExpression} AS connection_id FROM ${big} WHERE id > :cursor ORDER BY id`,
        cursor: { column: 'id', initial: '0' },
        fetchSize: 100,
      });
      let connectionId = 0;
      for await (const batch of source.batches(null, 100)) {
        connectionId = Number(batch.rows[0].connection_id);
        const during = await harness.connection(connectionId);
        expect(during.alive).toBe(true);
        if (harness.dialect === 'postgres') expect(during.name).toBe('contact-recovery');
        break;
      }
      expect(connectionId).toBeGreaterThan(0);
      expect(await eventually(async () => !(await harness.connection(connectionId)).alive)).toBe(true);
    });

    it('ends a reading in progress on close(), and on abort', async () => {
      const query = `SELECT id, ${harness.connectionIdExpression} AS connection_id FROM ${big} WHERE id > :cursor ORDER BY id`;
      const source = reader({ query, cursor: { column: 'id', initial: '0' }, fetchSize: 100 });
      const iterator = source.batches(null, 100)[Symbol.asyncIterator]();
      const first = await iterator.next();
      const connectionId = Number((first.value as ReadBatch).rows[0].connection_id);
      await source.close();
      expect(await eventually(async () => !(await harness.connection(connectionId)).alive)).toBe(true);
      await iterator.return?.(undefined);
      await expect(source.remaining(null)).resolves.toBeUndefined();

      const controller = new AbortController();
      const aborted = reader({ query, cursor: { column: 'id', initial: '0' }, fetchSize: 100 });
      let abortedConnection = 0;
      await expect(
        (async () => {
          for await (const batch of aborted.batches(null, 100, controller.signal)) {
            abortedConnection = Number(batch.rows[0].connection_id);
            controller.abort(new Error('run cancelled'));
          }
        })(),
      ).rejects.toThrow('run cancelled');
      expect(await eventually(async () => !(await harness.connection(abortedConnection)).alive)).toBe(true);
    }, 60_000);
  });
});

describe('DatabaseReader settings', () => {
  it('refuses unsupported URL schemes and queries without :cursor', () => {
    expect(() => new DatabaseReader({ url: 'sqlserver://db/x', query: 'SELECT 1 WHERE 1 > :cursor', cursor: { column: 'a', initial: '' } })).toThrow(/unsupported database URL scheme "sqlserver:"/);
    expect(() => new DatabaseReader({ url: 'postgres://db/x', query: "SELECT ':cursor'", cursor: { column: 'a', initial: '' } })).toThrow(/must use :cursor/);
  });
});
