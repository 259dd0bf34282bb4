import iconv from 'iconv-lite';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import { LENDER_MAPPING, lenderRows } from '../support/lender-tables.js';
import { bearer, createTestApplication, type TestApplication } from '../support/test-application.js';

// Issue 12: file-drop connectors through the API: a GBK CSV export as Excel on Chinese Windows
// saves it, read once even when renamed, and NDJSON with a broken line quarantined with its reason.

const root = mkdtempSync(join(tmpdir(), 'contact-recovery-drops-'));
const csvDirectory = join(root, 'crm');
const ndjsonDirectory = join(root, 'partner');
let context: TestApplication;
const admin = bearer('admin');
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();

const COLUMNS = ['id', 'gmt_modified', 'customer_no', 'cust_name', 'role', 'contact_name', 'relation', 'mobile', 'tel', 'addr', 'company'] as const;

function csv(rows: ReturnType<typeof lenderRows>): string {
  const quote = (value: unknown) => (value === null ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => quote(row[column])).join(','))].join('\r\n') + '\r\n';
}

beforeAll(async () => {
  mkdirSync(csvDirectory);
  mkdirSync(ndjsonDirectory);
  context = await createTestApplication({ CONNECTOR_FILE_ROOTS: `${root},/srv/never`, CONNECTOR_BATCH_SIZE: '100' });
});
afterAll(async () => {
  await context?.close();
  rmSync(root, { recursive: true, force: true });
});

async function runToEnd(key: string): Promise<any> {
  const accepted = await request(context.http).post(`/v1/connectors/${key}/runs`).set('Authorization', admin).expect(202);
  for (let tries = 0; tries < 400; tries += 1) {
    await idle();
    const run = await request(context.http).get(`/v1/connectors/${key}/runs/${accepted.body.id}`).set('Authorization', admin).expect(200);
    if (run.body.state === 'completed' || run.body.state === 'failed') return run.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('run did not finish');
}

describe('a file-drop connector', () => {
  it('refuses a directory outside CONNECTOR_FILE_ROOTS', async () => {
    const response = await request(context.http)
      .put('/v1/connectors/escape')
      .set('Authorization', admin)
      .send({ source: 'sales-crm', kind: 'file', file: { directory: `${root}/../etc`, format: 'csv' }, mapping: LENDER_MAPPING })
      .expect(400);
    expect(JSON.stringify(response.body)).toMatch(/file\.directory/);
  });

  it('reads a GBK CSV export once, even after it is renamed, with quoted fields holding commas and newlines', async () => {
    const rows = lenderRows(250, { prefix: 'F' });
    rows[3].addr = '广东省深圳市南山区"阳光花园",3栋\n2单元501室';
    writeFileSync(join(csvDirectory, 'contacts-2026-03-01.csv'), iconv.encode(csv(rows), 'gbk'));
    await request(context.http)
      .put('/v1/connectors/crm-drop')
      .set('Authorization', admin)
      .send({ source: 'sales-crm', kind: 'file', file: { directory: csvDirectory, pattern: '*.csv', format: 'csv', encoding: 'gbk' }, mapping: LENDER_MAPPING })
      .expect(201);
    const first = await runToEnd('crm-drop');
    expect(first).toMatchObject({ state: 'completed', read: 250, accepted: 250, rejected: 0, files: 1 });
    const [stored] = await context.dataSource.query(
      `SELECT version.payload FROM source_record record JOIN source_record_version version ON version.source_record_uuid = record.id
       WHERE record.source_key = 'sales-crm' AND record.source_record_id = $1`,
      [String(rows[3].id)],
    );
    expect(stored.payload.borrower.name).toBe('王五');
    expect(stored.payload.addresses[0].text).toBe(rows[3].addr);

    renameSync(join(csvDirectory, 'contacts-2026-03-01.csv'), join(csvDirectory, 'contacts-renamed.csv'));
    expect(await runToEnd('crm-drop')).toMatchObject({ state: 'completed', read: 0, files: 0 });
    writeFileSync(join(csvDirectory, 'contacts-2026-03-02.csv'), iconv.encode(csv(lenderRows(20, { start: 900, prefix: 'F' })), 'gbk'));
    expect(await runToEnd('crm-drop')).toMatchObject({ state: 'completed', read: 20, accepted: 20, files: 1 });
  });

  it('quarantines an NDJSON line that is not a row, with the reader\'s reason, and goes on', async () => {
    const rows = lenderRows(12, { prefix: 'N' });
    const lines = rows.map((row) => JSON.stringify(row));
    lines.splice(5, 0, '{"id": 77, "customer_no": ');
    writeFileSync(join(ndjsonDirectory, 'partner.ndjson'), `${lines.join('\n')}\n`);
    await request(context.http)
      .put('/v1/connectors/partner-drop')
      .set('Authorization', admin)
      .send({ source: 'telemarketing', kind: 'file', file: { directory: ndjsonDirectory, pattern: '*.ndjson', format: 'ndjson' }, mapping: LENDER_MAPPING })
      .expect(201);
    expect(await runToEnd('partner-drop')).toMatchObject({ state: 'completed', read: 13, accepted: 12, rejected: 1 });
    const [quarantined] = await context.dataSource.query(`SELECT errors FROM quarantined_record WHERE source_key = 'telemarketing'`);
    expect(quarantined.errors.join(' ')).toMatch(/partner\.ndjson row 6: .*JSON/);
  });
});
