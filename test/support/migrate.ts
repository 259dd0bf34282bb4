import { openDataSource } from '../../src/database/data-source-options.js';

/** Runs the project's migrations on the template database every test file clones. */
export async function migrateDatabase(url: string): Promise<void> {
  const dataSource = await openDataSource({ url, poolSize: 2 });
  await dataSource.destroy();
}
