/**
 * The least CPU any ingest design could spend on this machine for the rows this one stores: what
 * bounds records/s from above whatever the matching does. Two parts, each measured on the records
 * the benchmark just ingested:
 * - PostgreSQL: every row ingest wrote, reloaded by COPY (binary, server-side file) into empty
 *   copies of its tables with the same indexes but no foreign keys or triggers, one statement per
 *   table, nothing else running. Empty tables make this optimistic: the real ones are large.
 * - Node: the per-record work no design can skip (parse the request body, validate, hash the
 *   content for idempotency, normalise phones, addresses and names), in one thread, with the memo
 *   caches as warm as the ingest left them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { contentHash, validateSourceRecord } from '../src/records/source-record-validation.js';
import { prepareRecord } from '../src/matching/record-preparation.js';
import { postgresCpuSeconds, processCpuSeconds } from './harness.js';
import { syntheticBatches, THROUGHPUT_PROFILE } from './synthetic-contacts.js';

/** Every table an ingest request writes rows into for its records; the per-batch ones (ingest_batch, audit_event) are left out. */
export const INGEST_TABLES = [
  'borrower',
  'contact_point',
  'contact_point_block',
  'person',
  'source_record',
  'source_record_version',
  'borrower_person',
  'person_contact_point',
  'observation',
  'estate_location',
] as const;

export interface TableLoad {
  table: string;
  rows: number;
  seconds: number;
}

export interface StorageFloor {
  tables: TableLoad[];
  seconds: number;
  /** all PostgreSQL processes of the server, background writers included; undefined off Linux */
  postgresCpuSeconds: number | undefined;
  /** the one backend that ran the COPY statements: the least any loader could spend */
  backendCpuSeconds: number | undefined;
}

/** Reloads what ingest stored into empty copies of its tables; the copies and files are removed afterwards. */
export async function measureStorageFloor(dataSource: DataSource, postgresDirectory: string): Promise<StorageFloor> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const tables: TableLoad[] = [];
  // Inside the data directory: the server may write there (server-side COPY needs an absolute path).
  const fileOf = (table: string) => join(postgresDirectory, `floor_${table}.copy`);
  try {
    for (const table of INGEST_TABLES) {
      await runner.query(`DROP TABLE IF EXISTS floor_${table}`);
      await runner.query(`CREATE TABLE floor_${table} (LIKE ${table} INCLUDING ALL)`);
      await runner.query(`COPY ${table} TO '${fileOf(table)}' (FORMAT binary)`);
    }
    await runner.query('CHECKPOINT');
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    const backendBefore = processCpuSeconds(pid);
    const cpuBefore = postgresCpuSeconds(postgresDirectory);
    const started = performance.now();
    for (const table of INGEST_TABLES) {
      const tableStarted = performance.now();
      await runner.query(`COPY floor_${table} FROM '${fileOf(table)}' (FORMAT binary)`);
      tables.push({ table, rows: 0, seconds: (performance.now() - tableStarted) / 1000 });
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = postgresCpuSeconds(postgresDirectory);
    const backendAfter = processCpuSeconds(pid);
    for (const load of tables) {
      const [{ rows }] = (await runner.query(`SELECT count(*)::int AS rows FROM floor_${load.table}`)) as { rows: number }[];
      load.rows = rows;
    }
    return {
      tables,
      seconds,
      postgresCpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      backendCpuSeconds: backendBefore === undefined || backendAfter === undefined ? undefined : backendAfter - backendBefore,
    };
  } finally {
    for (const table of INGEST_TABLES) {
      await runner.query(`DROP TABLE IF EXISTS floor_${table}`);
      rmSync(fileOf(table), { force: true });
    }
    await runner.release();
  }
}

/** CPU seconds of one thread for the per-record work every design does, over the benchmark's own records. */
export function measureRecordWorkFloor(options: { seed: number; records: number; batchSize: number }): { records: number; phones: number; cpuSeconds: number } {
  const bodies: string[] = [];
  for (const batch of syntheticBatches({ seed: options.seed, profile: THROUGHPUT_PROFILE, records: options.records, batchSize: options.batchSize })) {
    bodies.push(JSON.stringify({ records: batch.records.map((record) => record.payload) }));
  }
  const receivedAt = new Date();
  let records = 0;
  let phones = 0;
  const before = process.cpuUsage();
  for (const body of bodies) {
    for (const record of (JSON.parse(body) as { records: unknown[] }).records) {
      const result = validateSourceRecord(record, receivedAt);
      records += 1;
      if (!result.valid) continue;
      contentHash(result.payload);
      phones += prepareRecord(result.payload).phones.length;
    }
  }
  const used = process.cpuUsage(before);
  return { records, phones, cpuSeconds: (used.user + used.system) / 1e6 };
}
