import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryRunner } from 'typeorm';

// src/ (tests), dist/ (the build copies *.sql beside the compiled files) or dist-bench/src/.
const compiledRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function sourceRoot(): string {
  let directory = compiledRoot;
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory) directory = dirname(directory);
  return join(directory, 'src');
}

/** A checked-in SQL file by its path under src/, e.g. `contact-plan/sql/contact-plan-facts.sql`. */
export function readSqlFile(path: string): string {
  const compiled = join(compiledRoot, path);
  return readFileSync(existsSync(compiled) ? compiled : join(sourceRoot(), path), 'utf8');
}

export function sqlChecksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * SQL functions live in .sql files beside their repository (CREATE OR REPLACE, so reloading is
 * safe). A migration that (re)loads one names the file with the checksum it was written for; a
 * test checks the newest such migration matches the file, so an edit without a migration fails CI.
 */
export interface SqlFileMigration {
  readonly sqlFiles: Readonly<Record<string, string>>;
}

export async function loadSqlFiles(queryRunner: QueryRunner, migration: SqlFileMigration): Promise<void> {
  for (const path of Object.keys(migration.sqlFiles)) await queryRunner.query(readSqlFile(path));
}
