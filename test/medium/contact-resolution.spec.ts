import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSourceRecord } from '../support/record-factory.js';
import { createIngestPipelineContext, type IngestPipelineContext, PLATFORM, sharingRefreshes } from './ingest-pipeline-context.js';

// ingestBatch over real rows: what a batch resolves to, and what it stores as provenance.

let context: IngestPipelineContext;

beforeAll(async () => {
  context = await createIngestPipelineContext(['crm', 'service-desk']);
});
afterAll(() => context?.close());

const count = async (sql: string, parameters: unknown[] = []): Promise<number> => Number((await context.dataSource.query(`SELECT count(*) AS count FROM ${sql}`, parameters))[0].count);

/** Every observation of a contact point with the record version it came from. */
const provenanceOf = (contactPointId: string): Promise<{ source_key: string; source_record_id: string; version: number; raw: string; field: string }[]> =>
  context.dataSource.query(
    `SELECT observation.source_key, record.source_record_id, version.version, observation.raw, observation.field
     FROM observation
     JOIN source_record_version version ON version.id = observation.source_record_version_id
     JOIN source_record record ON record.id = version.source_record_uuid
     WHERE observation.contact_point_id = $1
     ORDER BY observation.source_key, record.source_record_id, version.version`,
    [contactPointId],
  );

describe('IngestPipelineService.ingestBatch', () => {
  const fromCrm = aSourceRecord({ sourceRecordId: 'three-ways-crm', borrower: { ref: 'RES-1', name: '张三' }, phones: ['138-1234-5678'], addresses: [] });
  const fromDesk = [
    aSourceRecord({ sourceRecordId: 'three-ways-desk-1', borrower: { ref: 'RES-1', name: '张三' }, phones: ['+86 138 1234 5678'], addresses: [] }),
    aSourceRecord({ sourceRecordId: 'three-ways-desk-2', borrower: { ref: 'RES-1', name: '张三' }, phones: ['手机:13812345678'], addresses: [] }),
  ];
  let pointId: string;

  it('resolves one phone written three ways by two sources to one contact point with three observations and their provenance', async () => {
    const crm = await context.pipeline.ingestBatch('crm', [fromCrm], PLATFORM);
    const desk = await context.pipeline.ingestBatch('service-desk', fromDesk, PLATFORM);
    expect(crm).toMatchObject({ accepted: 1, duplicates: 0, rejected: [], unusablePhones: [] });
    expect(desk).toMatchObject({ accepted: 2, duplicates: 0, rejected: [], unusablePhones: [] });

    const ids = [...crm.records, ...desk.records].map((record) => record.contactPointIds);
    pointId = ids[0][0];
    expect(ids).toEqual([[pointId], [pointId], [pointId]]);
    expect(await count("contact_point WHERE kind = 'phone' AND e164 = '+8613812345678'")).toBe(1);
    expect(await provenanceOf(pointId)).toEqual([
      { source_key: 'crm', source_record_id: 'three-ways-crm', version: 1, raw: '138-1234-5678', field: 'phone' },
      { source_key: 'service-desk', source_record_id: 'three-ways-desk-1', version: 1, raw: '+86 138 1234 5678', field: 'phone' },
      { source_key: 'service-desk', source_record_id: 'three-ways-desk-2', version: 1, raw: '手机:13812345678', field: 'phone' },
    ]);
    // One person: the borrower, named three times.
    expect(await count("borrower_person JOIN borrower ON borrower.id = borrower_id WHERE borrower.ref = 'RES-1'")).toBe(1);
    expect(sharingRefreshes(context.jobs)).toContain(pointId);
  });

  it('stores a changed record as a new version and keeps the old one with its observations', async () => {
    const changed = { ...fromCrm, phones: ['13900000009'] };
    const result = await context.pipeline.ingestBatch('crm', [changed], PLATFORM);
    expect(result).toMatchObject({ accepted: 1, duplicates: 0 });
    const [record] = result.records;
    expect(record).toMatchObject({ sourceRecordId: 'three-ways-crm', stored: true });
    expect(record.contactPointIds).toHaveLength(1);
    expect(record.contactPointIds[0]).not.toBe(pointId);

    const versions = await context.dataSource.query(
      `SELECT version.version FROM source_record record JOIN source_record_version version ON version.source_record_uuid = record.id
       WHERE record.source_key = 'crm' AND record.source_record_id = 'three-ways-crm' ORDER BY version.version`,
    );
    expect(versions).toEqual([{ version: 1 }, { version: 2 }]);
    expect((await provenanceOf(record.contactPointIds[0])).map((row) => [row.source_record_id, row.version, row.raw])).toEqual([['three-ways-crm', 2, '13900000009']]);
    // History stays: version 1 still names the first point.
    expect((await provenanceOf(pointId)).filter((row) => row.source_key === 'crm')).toEqual([expect.objectContaining({ source_record_id: 'three-ways-crm', version: 1 })]);
  });

  it('answers a resent record as a duplicate, stores nothing, and still names its contact points', async () => {
    const tables = ['source_record_version', 'observation', 'contact_point', 'person', 'borrower_person', 'person_contact_point'];
    const before = await Promise.all(tables.map((table) => count(table)));
    const result = await context.pipeline.ingestBatch('service-desk', fromDesk, PLATFORM);
    expect(result).toMatchObject({ accepted: 0, duplicates: 2, rejected: [], unusablePhones: [] });
    expect(result.records).toEqual([
      { index: 0, sourceRecordId: 'three-ways-desk-1', stored: false, contactPointIds: [pointId] },
      { index: 1, sourceRecordId: 'three-ways-desk-2', stored: false, contactPointIds: [pointId] },
    ]);
    expect(await Promise.all(tables.map((table) => count(table)))).toEqual(before);
    expect(await count('ingest_batch WHERE id = $1 AND accepted = 0 AND duplicates = 2', [result.batchId])).toBe(1);
  });

  it('rejects and quarantines a bad record without failing the batch', async () => {
    const result = await context.pipeline.ingestBatch('crm', [{ sourceRecordId: 'bad-1' }, aSourceRecord({ sourceRecordId: 'good-after-bad', addresses: [] })], PLATFORM);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([expect.objectContaining({ index: 0, sourceRecordId: 'bad-1' })]);
    expect(result.records.map((record) => [record.index, record.sourceRecordId])).toEqual([[1, 'good-after-bad']]);
    expect(await count('quarantined_record WHERE batch_id = $1 AND batch_index = 0', [result.batchId])).toBe(1);
  });
});
