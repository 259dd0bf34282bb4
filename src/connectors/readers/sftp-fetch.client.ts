/**
 * SFTP drops: copies the remote files a file connector wants into a local work folder, from where
 * the file reader reads them like any local drop. Nothing is read from the remote side but the
 * listing and the matching files; nothing is ever written or deleted there.
 *
 * The connection comes from one URL held in the environment (the definition names the variable):
 *
 *   sftp://user[:password]@host[:port]/remote/directory[?key=/path/to/private_key][&passphrase=…][&hostKey=SHA256:…]
 *
 * - user and password are percent-decoded (encode "@", ":", "/" and "%" in them); the port defaults to 22;
 * - the path is the remote directory, absolute on the server (`sftp://h/srv/out` → `/srv/out`;
 *   `sftp://h/~/out` → `out` relative to the login directory);
 * - `key`: absolute path of a private key file (OpenSSH or PEM) on this machine, used instead of or
 *   besides the password; `passphrase` decrypts it;
 * - `hostKey`: the server's host key fingerprint as `ssh-keygen -lf` prints it (`SHA256:…`);
 *   when given, a server presenting another key is refused. Without it any host key is accepted
 *   (say so in your runbook; pin it in production);
 * - any other query parameter is refused, so a typo cannot silently weaken the connection.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, readFile, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import SftpClient from 'ssh2-sftp-client';

export interface SftpLocation {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKeyPath?: string;
  passphrase?: string;
  /** `SHA256:<base64, unpadded>` as printed by ssh-keygen -lf. */
  hostKeyFingerprint?: string;
  remoteDirectory: string;
}

export class SftpUrlError extends Error {
  constructor(reason: string) {
    // Never echoes the URL: it may hold a password.
    super(`SFTP URL: ${reason} (expected sftp://user[:password]@host[:port]/remote/path[?key=/path/to/key&hostKey=SHA256:…])`);
    this.name = 'SftpUrlError';
  }
}

const QUERY_PARAMETERS = new Set(['key', 'passphrase', 'hostKey']);

export function parseSftpUrl(url: string): SftpLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SftpUrlError('not a URL');
  }
  if (parsed.protocol !== 'sftp:') throw new SftpUrlError(`scheme must be sftp, not ${parsed.protocol.replace(/:$/, '')}`);
  if (parsed.hostname === '') throw new SftpUrlError('no host');
  if (parsed.username === '') throw new SftpUrlError('no user');
  for (const name of parsed.searchParams.keys()) {
    if (!QUERY_PARAMETERS.has(name)) throw new SftpUrlError(`unknown parameter "${name}" (known: key, passphrase, hostKey)`);
  }
  const port = parsed.port === '' ? 22 : Number(parsed.port);
  const decode = (value: string): string => {
    try {
      return decodeURIComponent(value);
    } catch {
      throw new SftpUrlError('bad percent-encoding in user or password');
    }
  };
  let remoteDirectory = decode(parsed.pathname);
  if (remoteDirectory.startsWith('/~/')) remoteDirectory = remoteDirectory.slice(3) || '.';
  else if (remoteDirectory === '/~') remoteDirectory = '.';
  if (remoteDirectory === '') remoteDirectory = '/';
  const location: SftpLocation = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port, username: decode(parsed.username), remoteDirectory };
  if (parsed.password !== '') location.password = decode(parsed.password);
  const key = parsed.searchParams.get('key');
  if (key !== null) {
    if (!isAbsolute(key)) throw new SftpUrlError('key must be an absolute path to a private key file');
    location.privateKeyPath = key;
  }
  const passphrase = parsed.searchParams.get('passphrase');
  if (passphrase !== null) location.passphrase = passphrase;
  const hostKey = parsed.searchParams.get('hostKey');
  if (hostKey !== null) {
    if (!/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(hostKey)) throw new SftpUrlError('hostKey must be a SHA256:… fingerprint as ssh-keygen -lf prints it');
    location.hostKeyFingerprint = hostKey.replace(/=$/, '');
  }
  if (location.password === undefined && location.privateKeyPath === undefined) throw new SftpUrlError('needs a password or a key');
  return location;
}

/** The OpenSSH SHA256 fingerprint of a raw public host key blob. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export interface SftpFetchOptions {
  /** The sftp:// URL (from the environment variable the definition names). */
  url: string;
  /** Local folder the copies land in (must exist); the reader reads it afterwards. */
  workDirectory: string;
  /** Which remote file names to fetch (the connector's pattern). */
  matches(name: string): boolean;
  signal?: AbortSignal;
  /** How long to wait for the SSH handshake, in ms (default 20,000). */
  readyTimeoutMs?: number;
}

export interface SftpFetchResult {
  /** Names copied this time. */
  fetched: string[];
  /** Names already in the work folder with the remote size: not copied again. */
  unchanged: string[];
  /** Names whose remote size or time changed while copying (still being written): left for the next run. */
  changing: string[];
}

/**
 * Copies every regular remote file whose name matches into the work folder, in name order. A file
 * already there with the same size is not copied again. A copy is written to a hidden
 * `.name.part-<uuid>` file (created exclusively, mode 0600) and renamed into place only when
 * complete and the remote file did not change meanwhile, so the reader never sees half a file.
 */
export async function fetchSftpFiles(options: SftpFetchOptions): Promise<SftpFetchResult> {
  const location = parseSftpUrl(options.url);
  const result: SftpFetchResult = { fetched: [], unchanged: [], changing: [] };
  const client = new SftpClient('connector-sftp-fetch');
  let connectionError: Error | undefined;
  client.on('error', (error: Error) => {
    connectionError = error;
  });
  const onAbort = (): void => void client.end().catch(() => undefined);
  options.signal?.throwIfAborted();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect({
      host: location.host,
      port: location.port,
      username: location.username,
      ...(location.password !== undefined ? { password: location.password } : {}),
      ...(location.privateKeyPath !== undefined ? { privateKey: await readFile(location.privateKeyPath) } : {}),
      ...(location.passphrase !== undefined ? { passphrase: location.passphrase } : {}),
      readyTimeout: options.readyTimeoutMs ?? 20_000,
      hostVerifier: (key: Buffer): boolean => location.hostKeyFingerprint === undefined || hostKeyFingerprint(key) === location.hostKeyFingerprint,
    });
    const listing = (await client.list(location.remoteDirectory))
      .filter((entry) => entry.type === '-' && isPlainName(entry.name) && options.matches(entry.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listing) {
      options.signal?.throwIfAborted();
      const localPath = join(options.workDirectory, entry.name);
      const local = await lstat(localPath).catch(() => undefined);
      if (local?.isFile() && local.size === entry.size) {
        result.unchanged.push(entry.name);
        continue;
      }
      const remotePath = posix.join(location.remoteDirectory, entry.name);
      const partPath = join(options.workDirectory, `.${entry.name}.part-${randomUUID()}`);
      try {
        await pipeline(client.createReadStream(remotePath), createWriteStream(partPath, { flags: 'wx', mode: 0o600 }), { signal: options.signal });
        const copied = await lstat(partPath);
        const after = await client.stat(remotePath);
        if (copied.size !== entry.size || after.size !== entry.size || after.modifyTime !== entry.modifyTime) {
          await rm(partPath, { force: true });
          result.changing.push(entry.name);
          continue;
        }
        await rename(partPath, localPath);
        result.fetched.push(entry.name);
      } catch (error) {
        await rm(partPath, { force: true });
        throw error;
      }
    }
    return result;
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`SFTP fetch from ${location.username}@${location.host}:${location.port}${location.remoteDirectory.startsWith('/') ? '' : '/'}${location.remoteDirectory} failed: ${reason}${connectionError && connectionError !== error ? ` (${connectionError.message})` : ''}`, { cause: error });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}

/** A remote name the fetch will write locally: a plain, visible file name (no separators, no dot files, no NUL). */
function isPlainName(name: string): boolean {
  return name !== '' && !name.startsWith('.') && !name.includes('/') && !name.includes('\\') && !name.includes('\0');
}
