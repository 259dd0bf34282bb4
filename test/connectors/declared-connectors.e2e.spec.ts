import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LENDER_MAPPING, lenderRows, postgresLenderDatabase } from '../support/lender-tables.js';
import { bearer, createTestApplication, type TestApplication } from '../support/test-application.js';

// Issue 12: connectors declared in config/connectors.json are applied at start, and their cron
// schedules fire runs through the queue.

let context: TestApplication;
let lender: Awaited<ReturnType<typeof postgresLenderDatabase>>;
const configDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-config-'));

beforeAll(async () => {
  lender = await postgresLenderDatabase();
  await lender.insert(lenderRows(120));
  cpSync(join(process.cwd(), 'config'), configDirectory, { recursive: true });
  writeFileSync(
    join(configDirectory, 'connectors.json'),
    JSON.stringify({
      connectors: {
        'nightly-approval': {
          source: 'loan-application',
          kind: 'database',
          // Every second, so the test sees it fire; a lender would write "0 2 * * *".
          schedule: '* * * * * *',
          database: { urlEnv: 'APPROVAL_DATABASE_URL', query: 'SELECT * FROM v_contacts WHERE gmt_modified > :cursor ORDER BY gmt_modified, id', cursor: { column: 'gmt_modified', initial: '1970-01-01' } },
          mapping: LENDER_MAPPING,
        },
      },
    }),
  );
  context = await createTestApplication({ CONFIG_DIR: configDirectory, APPROVAL_DATABASE_URL: lender.url });
});
afterAll(async () => {
  await context?.close();
  await lender?.drop();
  rmSync(configDirectory, { recursive: true, force: true });
});

describe('connectors declared in config/connectors.json', () => {
  it('are applied at start, marked as declared in config, and scheduled once', async () => {
    const connector = await request(context.http).get('/v1/connectors/nightly-approval').set('Authorization', bearer('admin')).expect(200);
    expect(connector.body).toMatchObject({ key: 'nightly-approval', declaredIn: 'config', definition: { schedule: '* * * * * *' } });
    const schedules = await context.queue.schedules('connectors');
    expect(schedules.filter((schedule) => schedule.id === 'connector:nightly-approval')).toHaveLength(1);
  });

  it('run on their schedule', async () => {
    let runs: { trigger: string; state: string; read: number }[] = [];
    for (let tries = 0; tries < 100 && !runs.some((run) => run.state === 'completed'); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = (await request(context.http).get('/v1/connectors/nightly-approval/runs').set('Authorization', bearer('admin')).expect(200)).body;
    }
    const completed = runs.filter((run) => run.state === 'completed');
    expect(completed[0].trigger).toBe('schedule');
    expect(completed.reduce((sum, run) => sum + run.read, 0)).toBe(120);
  });
});
