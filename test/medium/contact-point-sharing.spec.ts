import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSourceRecord } from '../support/record-factory.js';
import { createIngestPipelineContext, type IngestPipelineContext, PLATFORM, sharingRefreshes } from './ingest-pipeline-context.js';

// The deferred sharing refresh over rows ingestBatch stored; the test runs it, nothing else does.

let context: IngestPipelineContext;

beforeAll(async () => {
  context = await createIngestPipelineContext(['crm']);
});
afterAll(() => context?.close());

const sharingOf = async (contactPointId: string): Promise<{ borrower_count: number; source_count: number }> =>
  (await context.dataSource.query('SELECT borrower_count, source_count FROM contact_point WHERE id = $1', [contactPointId]))[0];

describe('ContactPointSharingService.refresh', () => {
  const shared = '13700002222';
  const first = aSourceRecord({ sourceRecordId: 'share-a', borrower: { ref: 'SHARE-A' }, subject: { role: 'contact', name: '李四', relation: '朋友' }, phones: [shared], addresses: [] });
  const second = aSourceRecord({ sourceRecordId: 'share-b', borrower: { ref: 'SHARE-B' }, subject: { role: 'contact', name: '李四', relation: '同事' }, phones: [shared], addresses: [] });
  let pointId: string;

  it('counts two borrowers on the number both name', async () => {
    const result = await context.pipeline.ingestBatch('crm', [first, second], PLATFORM);
    pointId = result.records[0].contactPointIds[0];
    expect(result.records[1].contactPointIds).toEqual([pointId]);
    // Ingest never writes the counts: the point waits for the deferred refresh the batch asked for.
    expect(await sharingOf(pointId)).toEqual({ borrower_count: 0, source_count: 0 });
    expect(sharingRefreshes(context.jobs)).toEqual([pointId]);

    expect(await context.sharing.refresh(sharingRefreshes(context.jobs))).toBe(1);
    expect(await sharingOf(pointId)).toEqual({ borrower_count: 2, source_count: 1 });
    // Nothing changed since: the row is not written again.
    expect(await context.sharing.refresh([pointId])).toBe(0);
  });

  it('after one record changes away, still counts the superseded version that named the number', async () => {
    const result = await context.pipeline.ingestBatch('crm', [{ ...second, phones: ['13700003333'] }], PLATFORM);
    expect(result).toMatchObject({ accepted: 1 });
    const [newPoint] = result.records[0].contactPointIds;
    // The change batch asks to refresh the number it names now, not the one it stopped naming.
    expect(sharingRefreshes(context.jobs)).toEqual([pointId, newPoint]);
    await context.sharing.refresh([pointId, newPoint]);
    // Observations are history: version 1 of share-b still names the number, so SHARE-B still counts.
    expect(await sharingOf(pointId)).toEqual({ borrower_count: 2, source_count: 1 });
    expect(await sharingOf(newPoint)).toEqual({ borrower_count: 1, source_count: 1 });
  });
});
