import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LENDER_MAPPING, lenderRows, postgresLenderDatabase } from '../support/lender-tables.js';
import { createTestDatabase } from '../support/test-database.js';
import { TEST_KEYS } from '../support/test-application.js';

// Issue 12: `npm run connector -- …` for backfills by hand, run as a data engineer would.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let lender: Awaited<ReturnType<typeof postgresLenderDatabase>>;
const configDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-cli-config-'));
const dataDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-cli-data-'));

beforeAll(async () => {
  database = await createTestDatabase();
  lender = await postgresLenderDatabase();
  await lender.insert(lenderRows(400, { invalidEvery: 50 }));
  cpSync(join(process.cwd(), 'config'), configDirectory, { recursive: true });
  writeFileSync(
    join(configDirectory, 'connectors.json'),
    JSON.stringify({
      connectors: {
        approval: {
          source: 'loan-application',
          kind: 'database',
          database: { urlEnv: 'APPROVAL_DATABASE_URL', query: 'SELECT * FROM v_contacts WHERE gmt_modified > :cursor ORDER BY gmt_modified, id', cursor: { column: 'gmt_modified', initial: '1970-01-01' } },
          mapping: LENDER_MAPPING,
        },
      },
    }),
  );
});
afterAll(async () => {
  await database?.drop();
  await lender?.drop();
  rmSync(configDirectory, { recursive: true, force: true });
  rmSync(dataDirectory, { recursive: true, force: true });
});

function command(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', './test/support/register-typescript.mjs', 'src/main-connector.ts', ...args], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      API_KEYS: Object.entries(TEST_KEYS).map(([role, key]) => `${role}:${key}`).join(','),
      CONFIG_DIR: configDirectory,
      DATA_DIR: dataDirectory,
      APPROVAL_DATABASE_URL: lender.url,
      CONNECTOR_BATCH_SIZE: '100',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run connector', () => {
  it('explains itself', async () => {
    const help = await command('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run <key>/);
    const unknown = await command('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('lists the declared connectors', async () => {
    const list = await command('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^approval\tdatabase\t→ loan-application\ton demand/m);
  });

  it('runs a backfill to its end with progress lines and a summary, storing every row once', async () => {
    const run = await command('run', 'approval');
    expect(run.stderr).toMatch(/running approval \(400 rows to read\)/);
    expect(run.stdout).toMatch(/^completed: 400 rows read, 392 stored, 0 duplicates, 8 quarantined, 0 file\(s\)$/m);
    expect(run.code).toBe(0);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT (SELECT count(*)::int FROM source_record WHERE source_key = 'loan-application') AS stored,
      (SELECT count(*)::int FROM outbox WHERE done_at IS NULL) AS owed`);
    await client.end();
    // The deferred matching work was done before the command ended (in-process queue).
    expect(rows[0]).toEqual({ stored: 392, owed: 0 });
    const again = await command('run', 'approval');
    expect(again.stdout).toMatch(/^completed: 0 rows read/m);
  });

  it('fails with the reason for an unknown connector', async () => {
    const run = await command('run', 'nope');
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/connector "nope" is not declared/);
  });
});
