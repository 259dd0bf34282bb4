import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { inject } from 'vitest';
import type { ConnectorDefinition } from '../../src/connectors/connector-definition.js';
import { aMobile } from './record-factory.js';

/** A row of a lender's contact table as a CRM or loan-approval system keeps it (synthetic). */
export interface LenderRow {
  id: number;
  gmt_modified: string;
  customer_no: string;
  cust_name: string;
  role: 'borrower' | 'contact';
  contact_name: string | null;
  relation: string | null;
  mobile: string | null;
  tel: string | null;
  addr: string | null;
  company: string | null;
}

const DISTRICTS = ['南山区科技南十二路18号阳光花园', '福田区深南大道1001号华强小区', '罗湖区人民南路88号金色家园'];

/**
 * `count` rows for count/3 borrowers, modified one second apart from 2026-01-01 (several share a
 * second, as rows written in one transaction do). `invalidEvery` makes every n-th row unusable (no
 * borrower ref), so the run must quarantine it and go on.
 */
export function lenderRows(count: number, options: { start?: number; invalidEvery?: number; prefix?: string } = {}): LenderRow[] {
  const start = options.start ?? 0;
  const prefix = options.prefix ?? 'L';
  const borrowers = Math.max(1, Math.floor(count / 3));
  return Array.from({ length: count }, (_, offset) => {
    const index = start + offset;
    const borrower = index % borrowers;
    const isBorrower = offset < borrowers;
    const seconds = Math.floor(index / 3);
    const modified = new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString().replace('T', ' ').replace('Z', '');
    return {
      id: index + 1,
      gmt_modified: `${modified}123`,
      customer_no: options.invalidEvery && (index + 1) % options.invalidEvery === 0 ? '' : `${prefix}-C${borrower}`,
      cust_name: '王五',
      role: isBorrower ? 'borrower' : 'contact',
      contact_name: isBorrower ? null : `联系人${index}`,
      relation: isBorrower ? null : index % 2 ? '朋友' : '同事',
      mobile: aMobile(index * 7919 + 17),
      tel: index % 5 === 0 ? `0755-8${String(1_000_000 + index).slice(-7)}` : null,
      addr: `广东省深圳市${DISTRICTS[index % DISTRICTS.length]}${(index % 9) + 1}栋${(index % 4) + 1}单元${(index % 30) + 101}室`,
      company: isBorrower ? `深圳市测试科技有限公司${borrower % 7}` : null,
    };
  });
}

/** How the lender's columns become a SourceRecord. */
export const LENDER_MAPPING: ConnectorDefinition['mapping'] = {
  sourceRecordId: 'id',
  observedAt: 'gmt_modified',
  'borrower.ref': 'customer_no',
  'borrower.name': 'cust_name',
  'subject.role': 'role',
  'subject.name': 'contact_name',
  'subject.relation': 'relation',
  phones: ['mobile', 'tel'],
  addresses: [{ text: 'addr', kind: { const: 'home' } }],
  'employer.name': 'company',
};

const COLUMNS = ['id', 'gmt_modified', 'customer_no', 'cust_name', 'role', 'contact_name', 'relation', 'mobile', 'tel', 'addr', 'company'] as const;

/** A throw-away PostgreSQL database on the test server holding the lender's table `v_contacts`. */
export async function postgresLenderDatabase(): Promise<{ url: string; insert(rows: LenderRow[]): Promise<void>; drop(): Promise<void> }> {
  const adminUrl = inject('postgresUrl');
  const name = `lender_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE v_contacts (id bigint PRIMARY KEY, gmt_modified timestamp(6) NOT NULL, customer_no text, cust_name text, role text,
    contact_name text, relation text, mobile text, tel text, addr text, company text)`);
  return {
    url,
    async insert(rows) {
      for (let offset = 0; offset < rows.length; offset += 1_000) {
        const chunk = rows.slice(offset, offset + 1_000);
        await client.query(
          `INSERT INTO v_contacts SELECT * FROM jsonb_populate_recordset(NULL::v_contacts, $1::jsonb)`,
          [JSON.stringify(chunk)],
        );
      }
    },
    async drop() {
      await client.end();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** A throw-away table on the machine's MariaDB (database `test`). */
export async function mysqlLenderTable(): Promise<{ url: string; table: string; insert(rows: LenderRow[]): Promise<void>; drop(): Promise<void> }> {
  const table = `v_contacts_${randomBytes(5).toString('hex')}`;
  const url = 'mysql://root@127.0.0.1:3306/test';
  const connection = await mysql.createConnection({ uri: url, charset: 'utf8mb4' });
  await connection.query(`CREATE TABLE ${table} (id BIGINT PRIMARY KEY, gmt_modified DATETIME(6) NOT NULL, customer_no VARCHAR(64), cust_name VARCHAR(64),
    role VARCHAR(16), contact_name VARCHAR(64), relation VARCHAR(32), mobile VARCHAR(32), tel VARCHAR(32), addr VARCHAR(500), company VARCHAR(200),
    KEY by_modified (gmt_modified, id)) CHARACTER SET utf8mb4`);
  return {
    url,
    table,
    async insert(rows) {
      for (let offset = 0; offset < rows.length; offset += 1_000) {
        const chunk = rows.slice(offset, offset + 1_000);
        await connection.query(`INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ?`, [chunk.map((row) => COLUMNS.map((column) => row[column]))]);
      }
    },
    async drop() {
      await connection.query(`DROP TABLE IF EXISTS ${table}`);
      await connection.end();
    },
  };
}
