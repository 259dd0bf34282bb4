import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/common/free-port.js';
import { aSourceRecord } from './support/record-factory.js';
import { expectSharedPhoneCountedAndNothingOwed } from './support/deferred-work-assertions.js';

// Issue 11, part 3: the service killed (-9) right after a batch commits loses none of the batch's
// deferred work. Zero-configuration start (embedded PostgreSQL, in-process queue) as a child process.

const dataDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-crash-'));
// As root, PostgreSQL runs as the 'postgres' user, which must be able to reach the data directory.
chmodSync(dataDirectory, 0o755);
const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) await stop(child, 'SIGKILL');
  rmSync(dataDirectory, { recursive: true, force: true });
});

interface Service {
  child: ChildProcess;
  call(method: string, path: string, role: string, body?: unknown): Promise<{ status: number; body: any }>;
}

function generatedKey(role: string): string {
  const stored = JSON.parse(readFileSync(join(dataDirectory, 'api-keys.json'), 'utf8')) as { apiKeys: string };
  return stored.apiKeys.split(',').find((item) => item.startsWith(`${role}:`))!.slice(role.length + 1);
}

async function start(ports: { http: number; database: number }, environment: Record<string, string> = {}): Promise<Service> {
  // Its own process group, so a kill reaches the embedded PostgreSQL as well: the whole machine goes.
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
  return {
    child,
    async call(method, path, role, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${generatedKey(role)}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    },
  };
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
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
      // SIGKILL: the group (service and its PostgreSQL); SIGTERM: the service, which stops PostgreSQL itself.
      process.kill(signal === 'SIGKILL' ? -child.pid! : child.pid!, signal);
    } catch {
      resolve();
    }
  });
}

describe('kill -9 right after a batch commits', () => {
  it('runs the batch’s deferred work after the restart', async () => {
    const ports = { http: await freePort(), database: await freePort() };
    // Jobs would start a minute after being queued: the kill comes first.
    const first = await start(ports, { TEST_JOB_START_DELAY_MS: '60000' });
    expect((await first.call('PUT', '/v1/sources/crash', 'admin', { system: 'sales', kind: 'internal' })).status).toBe(201);
    const shared = '13622223333';
    const ingested = await first.call('POST', '/v1/sources/crash/records', 'platform', {
      records: [
        aSourceRecord({ sourceRecordId: 'crash-a', borrower: { ref: 'CRASH-A' }, subject: { role: 'contact', name: '钱七', relation: '朋友' }, phones: [shared] }),
        aSourceRecord({ sourceRecordId: 'crash-b', borrower: { ref: 'CRASH-B' }, subject: { role: 'contact', name: '钱七', relation: '同事' }, phones: [shared] }),
      ],
    });
    expect(ingested.status).toBe(200);
    const before = await first.call('GET', '/v1/pipeline/status', 'platform');
    expect(before.body.pending).toBe(2);
    await stop(first.child, 'SIGKILL');

    const second = await start(ports);
    try {
      const deadline = Date.now() + 30_000;
      let status = await second.call('GET', '/v1/pipeline/status', 'platform');
      while (status.body.pending !== 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = await second.call('GET', '/v1/pipeline/status', 'platform');
      }
      expect(status.body).toMatchObject({ pending: 0, failed: 0, queue: 'in-process' });
      const password = readFileSync(join(dataDirectory, 'postgres-password'), 'utf8').trim();
      await expectSharedPhoneCountedAndNothingOwed(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.database}/contact_recovery`);
    } finally {
      await stop(second.child, 'SIGTERM');
    }
  }, 240_000);
});
