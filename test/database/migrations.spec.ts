import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
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
});
