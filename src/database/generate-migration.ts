import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../common/free-port.js';
import { EmbeddedPostgresServer } from './embedded-postgres-server.js';
import { openDataSource } from './data-source-options.js';

/**
 * Generates a migration from the entities: applies the existing migrations to a
 * throw-away embedded PostgreSQL and writes what TypeORM's schema builder still wants.
 * Usage: npm run migration:generate -- <PascalCaseName>
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate <PascalCaseName>');
  const directory = mkdtempSync(join(tmpdir(), 'contact-recovery-migration-'));
  const server = new EmbeddedPostgresServer({ directory, port: await freePort(), database: 'migration' });
  await server.start();
  try {
    const dataSource = await openDataSource({ url: server.url });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    await dataSource.destroy();
    if (sql.upQueries.length === 0) {
      console.log('No changes: the migrations already match the entities.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const render = (queries: { query: string; parameters?: unknown[] }[]) =>
      queries.map((query) => `    await queryRunner.query(${JSON.stringify(query.query)}${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`).join('\n');
    const fileName = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;
    const folder = resolve('src/database/migrations');
    writeFileSync(
      join(folder, fileName),
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${render(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${render([...sql.downQueries].reverse())}
  }
}
`,
    );
    const indexPath = join(folder, 'index.ts');
    const index = readFileSync(indexPath, 'utf8');
    const importLine = `import { ${className} } from './${fileName.replace(/\.ts$/, '.js')}';\n`;
    const closing = index.lastIndexOf('];');
    if (closing < 0) throw new Error(`${indexPath}: cannot find the end of the MIGRATIONS array`);
    writeFileSync(indexPath, importLine + index.slice(0, closing) + `  ${className},\n` + index.slice(closing));
    console.log(`Wrote src/database/migrations/${fileName}`);
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}


main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
