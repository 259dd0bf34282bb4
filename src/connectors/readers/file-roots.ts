/**
 * Which local directories a file connector may read: only those under the roots the environment
 * allows (CONNECTOR_FILE_ROOTS, comma-separated absolute paths), so an admin key cannot turn the
 * service into a reader of arbitrary files. Pure path arithmetic: symlinks are resolved by the
 * caller (realpath) before asking.
 */
import { isAbsolute, resolve, sep } from 'node:path';

/**
 * Whether `path` is one of `roots` or lies beneath one. Both sides are normalised (`..`, `.`,
 * repeated and trailing slashes), so `/srv/drop/../etc` is not under `/srv/drop`, and `/srv/drop2`
 * is not under `/srv/drop`. Relative paths, relative roots and paths containing NUL never match.
 */
export function isUnderRoots(path: string, roots: readonly string[]): boolean {
  if (!isAbsolute(path) || path.includes('\0')) return false;
  const target = resolve(path);
  return roots.some((root) => {
    if (!isAbsolute(root) || root.includes('\0')) return false;
    const base = resolve(root);
    if (target === base) return true;
    return target.startsWith(base.endsWith(sep) ? base : base + sep);
  });
}

/**
 * Reads CONNECTOR_FILE_ROOTS: comma-separated absolute paths, blanks ignored, each normalised.
 * Unset or blank: no roots, so no file connector can run. A relative entry is a configuration
 * error (thrown, naming it) rather than something silently resolved against the working directory.
 */
export function parseFileRoots(value: string | undefined): string[] {
  if (value === undefined) return [];
  const roots: string[] = [];
  for (const entry of value.split(',')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    if (!isAbsolute(trimmed) || trimmed.includes('\0')) {
      throw new Error(`CONNECTOR_FILE_ROOTS: "${trimmed}" is not an absolute path (roots are comma-separated absolute paths)`);
    }
    const normalised = resolve(trimmed);
    if (!roots.includes(normalised)) roots.push(normalised);
  }
  return roots;
}
