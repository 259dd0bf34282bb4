import { ConflictException } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../src/audit/audit.service.js';
import { ProvenanceService } from '../../src/provenance/provenance.service.js';
import { MergeService } from '../../src/review/merge.service.js';
import { ReviewService } from '../../src/review/review.service.js';
import { aSourceRecord } from '../support/record-factory.js';
import { createMatchingContext, type MatchingContext, OPERATOR } from './matching-context.js';

let context: MatchingContext;

beforeAll(async () => {
  context = await createMatchingContext();
});
afterAll(() => context?.close());

const review = () => context.moduleRef.get(ReviewService);
const addressOf = async (sourceRecordId: string) => (await context.read(sourceRecordId)).addresses[0].contactPointId as string;
const personOf = async (sourceRecordId: string) => (await context.read(sourceRecordId)).personId;
/** Where each observation of these records points: a merge or split must never rewrite it. */
const observationsOf = (sourceRecordIds: string[]): Promise<{ source_record_id: string; field: string; contact_point_id: string | null }[]> =>
  context.dataSource.query(
    `SELECT head.source_record_id, observation.field, observation.contact_point_id
     FROM observation JOIN source_record_version version ON version.id = observation.source_record_version_id
     JOIN source_record head ON head.id = version.source_record_uuid
     WHERE head.source_record_id = ANY($1::text[]) ORDER BY observation.id`,
    [sourceRecordIds],
  );
const sourcesBehind = async (contactPointId: string) => {
  const point = await context.moduleRef.get(ProvenanceService).contactPoint(OPERATOR, contactPointId);
  return { id: point.id, mergedFrom: point.mergedFrom, records: point.observations.map((observation) => observation.sourceRecordId).sort() };
};

describe('accepting a suggestion and splitting the merge', () => {
  it('merges the pair with provenance kept, and the split puts both back where they were', async () => {
    const search = await context.ingest([
      aSourceRecord({ sourceRecordId: 'home-1', borrower: { ref: 'HOME-1' }, addresses: [{ text: '广东省深圳市南山区阳光花园3栋2单元501室' }] }),
      aSourceRecord({ sourceRecordId: 'home-2', borrower: { ref: 'HOME-2' }, addresses: [{ text: '深圳南山区阳光花圆小区3-2-501' }] }),
    ]);
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 1, merged: 0 });
    const [first, second] = [await addressOf('home-1'), await addressOf('home-2')];
    const observationsBefore = await observationsOf(['home-1', 'home-2']);
    expect(observationsBefore.filter((row) => row.field === 'address').map((row) => row.contact_point_id)).toEqual([first, second]);

    const page = await review().list(OPERATOR, { status: 'pending', kind: 'address', limit: 50 });
    expect(page.items).toHaveLength(1);
    const [suggestion] = page.items;
    const [survivor, merged] = [first, second].sort();
    expect([suggestion.left.id, suggestion.right.id]).toEqual([survivor, merged]);
    expect(suggestion.left.observations + suggestion.right.observations).toBe(2);

    const decision = await review().decide(OPERATOR, suggestion.id, 'accept', 'same flat, estate misspelt');
    expect(decision.suggestion).toMatchObject({ id: suggestion.id, status: 'accepted', decidedBy: OPERATOR.id, note: 'same flat, estate misspelt' });
    expect(decision.merge).toMatchObject({
      kind: 'address',
      survivorId: survivor,
      mergedId: merged,
      suggestionId: suggestion.id,
      origin: 'operator',
      mergedBy: OPERATOR.id,
      splitAt: null,
      splitBy: null,
      note: 'same flat, estate misspelt',
    });
    const mergeId = decision.merge!.id;
    await expect(review().decide(OPERATOR, suggestion.id, 'reject')).rejects.toBeInstanceOf(ConflictException);

    // Reads resolve both records to the survivor; the survivor's provenance holds both observations.
    expect([await addressOf('home-1'), await addressOf('home-2')]).toEqual([survivor, survivor]);
    expect(await sourcesBehind(survivor)).toEqual({ id: survivor, mergedFrom: [merged], records: ['home-1', 'home-2'] });
    expect(await sourcesBehind(merged)).toEqual({ id: survivor, mergedFrom: [merged], records: ['home-1', 'home-2'] });
    expect(await observationsOf(['home-1', 'home-2'])).toEqual(observationsBefore);
    expect(await review().listMerges({ id: merged, limit: 10 })).toEqual([expect.objectContaining({ id: mergeId, splitAt: null })]);

    const split = await review().split(OPERATOR, mergeId, 'different building phase');
    expect(split).toMatchObject({ id: mergeId, survivorId: survivor, mergedId: merged, splitBy: OPERATOR.id, note: 'different building phase' });
    expect(split.splitAt).toBeInstanceOf(Date);
    await expect(review().split(OPERATOR, mergeId)).rejects.toBeInstanceOf(ConflictException);

    expect([await addressOf('home-1'), await addressOf('home-2')]).toEqual([first, second]);
    expect(await sourcesBehind(first)).toEqual({ id: first, mergedFrom: [], records: ['home-1'] });
    expect(await sourcesBehind(second)).toEqual({ id: second, mergedFrom: [], records: ['home-2'] });
    expect(await observationsOf(['home-1', 'home-2'])).toEqual(observationsBefore);
    // The history stays, marked split, and so does the suggestion: the pair is not raised again.
    expect(await review().listMerges({ kind: 'address', id: survivor, limit: 10 })).toEqual([
      expect.objectContaining({ id: mergeId, splitBy: OPERATOR.id, splitAt: expect.any(Date) }),
    ]);
    const splitPage = await review().list(OPERATOR, { status: 'split', kind: 'address', limit: 50 });
    expect(splitPage.items).toEqual([expect.objectContaining({ id: suggestion.id, status: 'split', note: 'different building phase' })]);
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 0, merged: 0 });

    const audit = context.moduleRef.get(AuditService);
    expect((await audit.find({ action: 'merge.created', targetId: merged, limit: 10 })).items).toHaveLength(1);
    expect((await audit.find({ action: 'merge.split', targetId: merged, limit: 10 })).items).toEqual([
      expect.objectContaining({ actorId: OPERATOR.id, purpose: 'different building phase' }),
    ]);
  });
});

describe('splitting an automatic merge', () => {
  it('puts both persons back and remembers the pair, so the pipeline does not merge it again', async () => {
    await context.findCandidates(
      await context.ingest([
        aSourceRecord({ sourceRecordId: 'mate-1', borrower: { ref: 'MATE-1' }, subject: { role: 'contact', name: '周杰', relation: '朋友' }, phones: ['13688880002'] }),
        aSourceRecord({ sourceRecordId: 'mate-2', borrower: { ref: 'MATE-2' }, subject: { role: 'contact', name: '周杰', relation: '朋友' }, phones: ['无'] }),
      ]),
    );
    const [first, second] = [await personOf('mate-1'), await personOf('mate-2')];
    const search = await context.ingest([
      aSourceRecord({ sourceRecordId: 'mate-3', borrower: { ref: 'MATE-2' }, subject: { role: 'contact', name: '周杰', relation: '朋友' }, phones: ['13688880002'] }),
    ]);
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 0, merged: 1 });
    const [survivor, merged] = [first, second].sort();
    const [merge] = await review().listMerges({ kind: 'person', id: first, limit: 10 });
    expect(merge).toMatchObject({ survivorId: survivor, mergedId: merged, origin: 'automatic', suggestionId: null, mergedBy: 'system' });
    expect(await personOf('mate-1')).toBe(await personOf('mate-3'));
    const observationsBefore = await observationsOf(['mate-1', 'mate-2', 'mate-3']);

    const split = await context.moduleRef.get(MergeService).split(OPERATOR, merge.id, 'two friends of that name');
    expect(split).toMatchObject({ id: merge.id, splitBy: OPERATOR.id, note: 'two friends of that name' });
    expect([await personOf('mate-1'), await personOf('mate-2'), await personOf('mate-3')]).toEqual([first, second, second]);
    expect(await observationsOf(['mate-1', 'mate-2', 'mate-3'])).toEqual(observationsBefore);

    const remembered = await review().list(OPERATOR, { status: 'split', kind: 'person', limit: 50 });
    expect(remembered.items).toEqual([
      expect.objectContaining({ kind: 'person', status: 'split', score: 0, fields: [], decidedBy: OPERATOR.id, left: expect.objectContaining({ id: survivor }), right: expect.objectContaining({ id: merged }) }),
    ]);
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 0, merged: 0 });
    expect(await personOf('mate-1')).not.toBe(await personOf('mate-3'));
  });
});
