import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startDatabase } from '../src/bootstrap/database-server.js';
import { freePort } from '../src/common/free-port.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { EmbeddedPostgresServer } from '../src/database/embedded-postgres-server.js';

const root = mkdtempSync(join(tmpdir(), 'contact-recovery-pg-security-'));
// As root, PostgreSQL runs as the 'postgres' user, which must be able to reach the data directory.
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function connects(port: number, password: string): Promise<true | string> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function setting(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SHOW ${name}`)).rows[0][name];
  } finally {
    await client.end();
  }
}

// Finding: the embedded PostgreSQL listened as postgres/postgres: any local user could read everything.
describe('embedded PostgreSQL', () => {
  it('gets a random password kept owner-only, listens on loopback TCP only, and keeps it across restarts', async () => {
    const directory = join(root, 'fresh', 'postgres');
    const passwordFile = join(root, 'fresh', 'postgres-password');
    const port = await freePort();
    const first = new EmbeddedPostgresServer({ directory, port, passwordFile, database: 'contact_recovery' });
    await first.start();
    let password: string;
    try {
      password = readFileSync(passwordFile, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(40);
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(first.url).toContain(encodeURIComponent(password));
      expect(await connects(port, 'postgres')).toBe('28P01');
      expect(await connects(port, password)).toBe(true);
      expect(await setting(first.url, 'listen_addresses')).toBe('127.0.0.1');
      expect(await setting(first.url, 'unix_socket_directories')).toBe('');
    } finally {
      await first.stop();
    }
    const second = new EmbeddedPostgresServer({ directory, port, passwordFile, database: 'contact_recovery' });
    await second.start();
    try {
      expect(readFileSync(passwordFile, 'utf8').trim()).toBe(password);
      expect(await connects(port, password)).toBe(true);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('starts a data directory created with the old fixed password and replaces that password', async () => {
    const directory = join(root, 'legacy', 'postgres');
    const passwordFile = join(root, 'legacy', 'postgres-password');
    const port = await freePort();
    // What every data directory was initialised with before: user postgres, password postgres.
    const old = new EmbeddedPostgresServer({ directory, port, password: 'postgres', database: 'contact_recovery' });
    await old.start();
    await old.stop();
    expect(existsSync(passwordFile)).toBe(false);

    const logs: string[] = [];
    const upgraded = new EmbeddedPostgresServer({ directory, port, passwordFile, database: 'contact_recovery', onLog: (line) => logs.push(line) });
    await upgraded.start();
    try {
      const password = readFileSync(passwordFile, 'utf8').trim();
      expect(await connects(port, password)).toBe(true);
      expect(await connects(port, 'postgres')).toBe('28P01');
      expect(logs.join('\n')).toContain('replaced the old fixed password');
      expect(logs.join('\n')).not.toContain(password);
    } finally {
      await upgraded.stop();
    }
  }, 120_000);

  it('is started by the zero-configuration default with its password in DATA_DIR', async () => {
    const dataDirectory = join(root, 'default');
    const config = loadConfiguration({ DATA_DIR: dataDirectory, EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'error' });
    const database = await startDatabase(config);
    try {
      const passwordFile = join(dataDirectory, 'postgres-password');
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(database.url).toBe(`postgres://postgres:${encodeURIComponent(readFileSync(passwordFile, 'utf8').trim())}@127.0.0.1:${config.database.embeddedPort}/contact_recovery`);
      expect(await connects(config.database.embeddedPort, 'postgres')).toBe('28P01');
    } finally {
      await database.stop();
    }
  }, 120_000);
});
