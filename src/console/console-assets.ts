import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's files, served as they are: no build step of their own (see tsconfig.console.json). */
export const CONSOLE_WEB_DIRECTORY = fileURLToPath(new URL('./web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
}

/**
 * Every servable file under the directory, by its path relative to it ('app.js', 'screens/review-screen.js'),
 * read once at boot: a request names an entry of this map or gets a 404, so no path reaches the file system.
 */
export function loadConsoleAssets(directory: string = CONSOLE_WEB_DIRECTORY): Map<string, ConsoleAsset> {
  const assets = new Map<string, ConsoleAsset>();
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (CONTENT_TYPES[extname(name)]) assets.set(`${prefix}${name}`, { body: readFileSync(path), contentType: CONTENT_TYPES[extname(name)] });
    }
  };
  walk(directory, '');
  if (!assets.has('index.html')) throw new Error(`console: no index.html in ${directory}`);
  return assets;
}
