import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { SafeTypeOrmLogger } from './safe-typeorm.logger.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface DatabaseConnectionSettings {
  url: string;
  poolSize?: number;
  logQueries?: boolean;
}

export function dataSourceOptions(settings: DatabaseConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: settings.logQueries ? ['query', 'error', 'warn', 'migration'] : ['error', 'warn', 'migration'],
    logger: new SafeTypeOrmLogger(settings.logQueries ?? false),
    maxQueryExecutionTime: 2_000,
    poolSize: settings.poolSize ?? 10,
    applicationName: 'contact-recovery',
    // JIT compiles the bulk statements of every ingest batch afresh and never pays back: on PostgreSQL 15 with its
    // default jit=on it took PostgreSQL's CPU a record from 636 to 1,527 µs (bench:fleet, 50,000 records).
    extra: { options: '-c jit=off' },
  };
}

// Any constant works; it only has to be the same in every process of the deployment.
export const MIGRATION_LOCK_KEY = 4_242_017;

/**
 * Runs pending migrations under an advisory lock, so an API and several workers
 * starting together do not race on the schema. Says at log level whether it waited, and what it applied.
 */
export async function runMigrations(dataSource: DataSource, logger = new Logger('Database')): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (!locked) {
      const waitStarted = performance.now();
      logger.log('waiting for migration lock (another process is migrating)');
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      logger.log(`migration lock acquired after ${Math.round(performance.now() - waitStarted)} ms`);
    }
    const started = performance.now();
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    logger.log(migrationSummary(applied, performance.now() - started));
    return applied;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** The start-up line about migrations. */
export function migrationSummary(applied: readonly string[], milliseconds: number): string {
  if (applied.length === 0) return 'no pending migrations';
  return `migrations: ${applied.length} applied (${applied.join(', ')}) in ${Math.round(milliseconds)} ms`;
}

export async function openDataSource(settings: DatabaseConnectionSettings, migrate = true): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(settings));
  await dataSource.initialize();
  if (migrate) await runMigrations(dataSource);
  return dataSource;
}
