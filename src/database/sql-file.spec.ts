import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';
import { readSqlFile, sqlChecksum, type SqlFileMigration } from './sql-file.js';

const SOURCE = join(import.meta.dirname, '..');

function sqlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sqlFiles(join(directory, entry.name)) : entry.name.endsWith('.sql') ? [relative(SOURCE, join(directory, entry.name))] : [],
  );
}

describe('checked-in SQL files', () => {
  const loaders = MIGRATIONS.map((Migration) => new Migration()).filter((migration): migration is never => 'sqlFiles' in migration) as unknown as (SqlFileMigration & { name: string })[];

  it.each(sqlFiles(SOURCE))('%s is loaded by a migration written for its current text', (path) => {
    const newest = loaders.filter((migration) => path in migration.sqlFiles).at(-1);
    expect(newest, `no migration loads ${path}`).toBeDefined();
    expect(
      newest!.sqlFiles[path],
      `${path} changed after ${newest!.name}: add a migration that reloads it with checksum ${sqlChecksum(readSqlFile(path))}`,
    ).toBe(sqlChecksum(readSqlFile(path)));
  });
});
