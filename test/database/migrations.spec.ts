import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DataSource } from 'typeorm';
import { MIGRATION_LOCK_KEY, openDataSource, runMigrations } from '../../src/database/data-source-options.js';
import { Transactions } from '../../src/database/transactions.service.js';
import { EstateLocation1796175498180 } from '../../src/database/migrations/1796175498180-estate-location.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { collectContactPoints } from '../../src/matching/contact-point-rows.js';
import { ensureContactPoints } from '../../src/matching/contact-point.repository.js';
import { prepareRecord } from '../../src/matching/record-preparation.js';
import { aSourceRecord } from '../support/record-factory.js';
import { createTestDatabase } from '../support/test-database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await openDataSource({ url: database.url, poolSize: 2 });
});
afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describe('connections', () => {
  it('run with JIT off, whatever the server’s default', async () => {
    const [{ jit }]: { jit: string }[] = await dataSource.query('SHOW jit');
    expect(jit).toBe('off');
  });
});

describe('migrations', () => {
  it('match the entities: nothing is left for the schema builder to change', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('revert all the way down and apply again', async () => {
    for (let index = 0; index < MIGRATIONS.length; index += 1) await dataSource.undoLastMigration();
    const tables: { table_name: string }[] = await dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration'",
    );
    expect(tables).toEqual([]);
    const applied = await dataSource.runMigrations();
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('EstateLocation learns where estates stand from the dwellings already stored', async () => {
    const later = MIGRATIONS.length - MIGRATIONS.indexOf(EstateLocation1796175498180);
    for (let index = 0; index < later; index += 1) await dataSource.undoLastMigration();
    const texts = ['上海市徐汇区虹桥路977号融创花园2栋402室', '上海市徐汇区融创花园3栋101室', '上海市徐汇区虹桥路981号3栋101室', '上海市徐汇区虹桥路977号融创花园丰巢快递柜'];
    const records = texts.map((text) => ({ prepared: prepareRecord(aSourceRecord({ addresses: [{ text }] })), observedAt: new Date() }));
    await ensureContactPoints(dataSource, [...collectContactPoints(records).values()]);
    await dataSource.runMigrations();
    // Only the dwelling naming both; the pickup point serves the estate but says nothing of homes.
    expect(await dataSource.query('SELECT district_code, community, road, road_number FROM estate_location')).toEqual([
      { district_code: '310104', community: '融创花园', road: '虹桥路', road_number: '977' },
    ]);
  });
});

describe('migration and advisory lock waits', () => {
  it('are logged at log level: the wait, how long it lasted, and what was applied', async () => {
    // Another process: its own connection (this data source's two are what the migration run needs).
    const other = await openDataSource({ url: database.url, poolSize: 1 }, false);
    const holder = other.createQueryRunner();
    await holder.connect();
    const logger = new Logger('Database');
    const log = vi.spyOn(logger, 'log').mockImplementation(() => undefined);
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const migrating = runMigrations(dataSource, logger);
      for (let tries = 0; tries < 200 && log.mock.calls.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(log.mock.calls.map(([message]) => message)).toEqual(['waiting for migration lock (another process is migrating)']);
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      expect(await migrating).toEqual([]);
      expect(log.mock.calls.map(([message]) => String(message))).toEqual([
        'waiting for migration lock (another process is migrating)',
        expect.stringMatching(/^migration lock acquired after \d+ ms$/),
        'no pending migrations',
      ]);
    } finally {
      await holder.release();
      await other.destroy();
    }
  });

  it('are logged for the advisory locks jobs and schedules take', async () => {
    const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const transactions = new Transactions(dataSource);
    let release!: () => void;
    const held = transactions.withSessionLock('test:lock', () => new Promise<void>((resolve) => (release = resolve)));
    for (let tries = 0; tries < 200 && !release; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).not.toHaveBeenCalled();
    const waiting = transactions.withAdvisoryLock('test:lock', async () => 'done');
    for (let tries = 0; tries < 200 && log.mock.calls.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await held;
    expect(await waiting).toBe('done');
    expect(log.mock.calls.map(([message]) => String(message))).toEqual([
      'waiting for lock test:lock (held by another process)',
      expect.stringMatching(/^lock test:lock acquired after \d+ ms$/),
    ]);
    log.mockRestore();
  });
});
