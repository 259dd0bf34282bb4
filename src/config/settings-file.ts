import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from './configuration.js';

/**
 * Reads one settings file under CONFIG_DIR, validated when its owner is constructed at boot.
 * Each domain declares its own file and defaults; a missing file means those defaults.
 */
export function readSettingsFile<T>(directory: string, file: string, schema: z.ZodType<T>, fallback: T): T {
  const path = join(directory, file);
  if (!existsSync(path)) return fallback;
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(content);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`${path}:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** For settings whose domain owns a parser: a missing file means the domain's defaults. */
export function parseSettingsFile<T>(directory: string, file: string, parse: (json: unknown) => T, fallback: unknown): T {
  const content = readSettingsFile(directory, file, z.unknown(), fallback);
  try {
    return parse(content);
  } catch (error) {
    throw new ConfigurationError(`${join(directory, file)}: ${(error as Error).message}`);
  }
}
