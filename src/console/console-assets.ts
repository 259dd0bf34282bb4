import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's files, served as they are: no build step of their own (see tsconfig.console.json). */
export const CONSOLE_WEB_DIRECTORY = fileURLToPath(new URL('./web/', import.meta.url));
export const CONSOLE_ASSET_PATH = '/console/assets/';

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
  /** A strong validator of the content, so a browser revalidates a file it holds instead of fetching it again. */
  etag: string;
}

/**
 * Every servable file under the directory, by its path relative to it ('app.js', 'screens/review-screen.js'),
 * read once at boot: a request names an entry of this map or gets a 404, so no path reaches the file system.
 * The page lists every script as a module preload, so the browser fetches them side by side rather than
 * one import level after another.
 */
export function loadConsoleAssets(directory: string = CONSOLE_WEB_DIRECTORY): Map<string, ConsoleAsset> {
  const assets = new Map<string, ConsoleAsset>();
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (CONTENT_TYPES[extname(name)]) assets.set(`${prefix}${name}`, asset(readFileSync(path), CONTENT_TYPES[extname(name)]));
    }
  };
  walk(directory, '');
  const page = assets.get('index.html');
  if (!page) throw new Error(`console: no index.html in ${directory}`);
  const scripts = [...assets.keys()].filter((name) => name.endsWith('.js'));
  assets.set('index.html', asset(Buffer.from(withModulePreloads(page.body.toString('utf8'), scripts)), page.contentType));
  return assets;
}

/** The page with a module preload link for each script, just before its end of head. */
export function withModulePreloads(page: string, scripts: readonly string[]): string {
  const links = scripts.map((name) => `    <link rel="modulepreload" href="${CONSOLE_ASSET_PATH}${name}" />\n`).join('');
  return page.replace('  </head>', `${links}  </head>`);
}

function asset(body: Buffer, contentType: string): ConsoleAsset {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
