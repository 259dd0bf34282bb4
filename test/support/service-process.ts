import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/common/free-port.js';

/**
 * The service as an operator runs it (`src/main.ts`: API and jobs in one process, embedded PostgreSQL,
 * generated keys), as a child process in its own group, so a SIGKILL takes its PostgreSQL down too:
 * for crash tests.
 */
export interface ServiceProcess {
  child: ChildProcess;
  /** The embedded PostgreSQL, as src/bootstrap/database-server.ts sets it up. */
  databaseUrl: string;
  call(method: string, path: string, role: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export interface ServiceHome {
  dataDirectory: string;
  ports: { http: number; database: number };
}

const running = new Set<ChildProcess>();
const homes: string[] = [];

/** A data directory and ports for one service, kept across its restarts. */
export async function aServiceHome(): Promise<ServiceHome> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-process-'));
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to reach the data directory.
  chmodSync(dataDirectory, 0o755);
  homes.push(dataDirectory);
  return { dataDirectory, ports: { http: await freePort(), database: await freePort() } };
}

export async function startServiceProcess({ dataDirectory, ports }: ServiceHome, environment: Record<string, string> = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', './test/support/register-typescript.mjs', 'src/main.ts'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      DATA_DIR: dataDirectory,
      CONFIG_DIR: join(process.cwd(), 'config'),
      EMBEDDED_POSTGRES_PORT: String(ports.database),
      PORT: String(ports.http),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'text',
      ...environment,
    },
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${ports.http}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited during start:\n${output}`);
    const healthy = await fetch(`${base}/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`service did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const password = readFileSync(join(dataDirectory, 'postgres-password'), 'utf8').trim();
  return {
    child,
    databaseUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.database}/contact_recovery`,
    async call(method, path, role, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${generatedKey(dataDirectory, role)}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    },
  };
}

/** SIGKILL: the whole group (service and its PostgreSQL); SIGTERM: the service, which stops PostgreSQL itself. */
export function stopServiceProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(signal === 'SIGKILL' ? -child.pid! : child.pid!, signal);
    } catch {
      resolve();
    }
  });
}

/** For afterAll: kills what is still running and removes the data directories. */
export async function cleanUpServiceProcesses(): Promise<void> {
  for (const child of [...running]) await stopServiceProcess(child, 'SIGKILL');
  for (const directory of homes.splice(0)) rmSync(directory, { recursive: true, force: true });
}

function generatedKey(dataDirectory: string, role: string): string {
  const stored = JSON.parse(readFileSync(join(dataDirectory, 'api-keys.json'), 'utf8')) as { apiKeys: string };
  return stored.apiKeys.split(',').find((item) => item.startsWith(`${role}:`))!.slice(role.length + 1);
}
