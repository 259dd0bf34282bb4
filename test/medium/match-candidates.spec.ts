import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSourceRecord } from '../support/record-factory.js';
import type { Principal } from '../../src/auth/principal.js';
import { ConsentService } from '../../src/consent/consent.service.js';
import { SourcesService } from '../../src/sources/sources.service.js';
import { createMatchingContext, type MatchingContext, PLATFORM } from './matching-context.js';

let context: MatchingContext;

beforeAll(async () => {
  context = await createMatchingContext();
});
afterAll(() => context?.close());

const addressOf = async (sourceRecordId: string) => (await context.read(sourceRecordId)).addresses[0].contactPointId as string;
const personOf = async (sourceRecordId: string) => (await context.read(sourceRecordId)).personId;

interface SuggestionRow {
  kind: string;
  left_id: string;
  right_id: string;
  status: string;
  score: number;
  fields: { field: string; agreement: string }[];
}
const suggestionsInvolving = (ids: string[]): Promise<SuggestionRow[]> =>
  context.dataSource.query('SELECT kind, left_id, right_id, status, score, fields FROM match_suggestion WHERE left_id = ANY($1::uuid[]) OR right_id = ANY($1::uuid[])', [ids]);
const mergesInvolving = (ids: string[]): Promise<{ kind: string; survivor_id: string; merged_id: string; origin: string; merged_by: string; split_at: Date | null }[]> =>
  context.dataSource.query('SELECT kind, survivor_id, merged_id, origin, merged_by, split_at FROM "merge" WHERE survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[])', [ids]);

describe('candidate search over addresses', () => {
  it('suggests one flat written two ways, never the neighbouring flat, and raises a stored pair only once', async () => {
    const search = await context.ingest([
      aSourceRecord({ sourceRecordId: 'flat-1', borrower: { ref: 'FLAT-1' }, addresses: [{ text: '广东省深圳市南山区阳光花园3栋2单元501室' }] }),
      aSourceRecord({ sourceRecordId: 'flat-2', borrower: { ref: 'FLAT-2' }, addresses: [{ text: '深圳南山区阳光花圆小区3-2-501' }] }),
      aSourceRecord({ sourceRecordId: 'flat-3', borrower: { ref: 'FLAT-3' }, addresses: [{ text: '广东省深圳市南山区阳光花园3栋2单元502室' }] }),
    ]);
    const [same, sameMisspelt, neighbour] = [await addressOf('flat-1'), await addressOf('flat-2'), await addressOf('flat-3')];
    expect(new Set([same, sameMisspelt, neighbour]).size).toBe(3);
    expect(search.addressPointIds).toEqual(expect.arrayContaining([same, sameMisspelt, neighbour]));

    // The misspelt estate keeps the pair uncertain: an operator decides, nothing merges on its own.
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 1, merged: 0 });
    const rows = await suggestionsInvolving([same, sameMisspelt, neighbour]);
    expect(rows).toHaveLength(1);
    const [left, right] = [same, sameMisspelt].sort();
    expect(rows[0]).toMatchObject({ kind: 'address', left_id: left, right_id: right, status: 'pending' });
    expect(rows[0].score).toBeGreaterThan(0);
    expect(rows[0].fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/community/), agreement: 'similar' })]));
    expect(await mergesInvolving([same, sameMisspelt, neighbour])).toEqual([]);

    // The job retried (or a later batch naming the same points) finds the pair stored already.
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 0, merged: 0 });
    expect(await suggestionsInvolving([same, sameMisspelt, neighbour])).toHaveLength(1);
  });

  it('merges an estate typo once the estate is known at the street address, closing the suggestion it had raised', async () => {
    const first = await context.ingest([
      aSourceRecord({ sourceRecordId: 'typo-1', borrower: { ref: 'TYPO-1' }, addresses: [{ text: '浙江省杭州市西湖区锦绣家园5幢1单元302' }] }),
      aSourceRecord({ sourceRecordId: 'typo-2', borrower: { ref: 'TYPO-2' }, addresses: [{ text: '杭州市西湖区文三路88号绵绣家园5-1-302' }] }),
    ]);
    const [estateOnly, misspelt] = [await addressOf('typo-1'), await addressOf('typo-2')];
    // Nothing says yet that 锦绣家园 stands at 文三路88号: an operator's call.
    await expect(context.findCandidates(first)).resolves.toEqual({ suggested: 1, merged: 0 });
    // The same flat written with the estate's street address teaches where the estate is.
    const later = await context.ingest([
      aSourceRecord({ sourceRecordId: 'typo-3', borrower: { ref: 'TYPO-1' }, addresses: [{ text: '杭州市西湖区文三路88号锦绣家园5栋1单元302室' }] }),
    ]);
    expect(await addressOf('typo-3')).toBe(estateOnly);
    await expect(context.findCandidates(later)).resolves.toEqual({ suggested: 0, merged: 1 });
    expect(await addressOf('typo-2')).toBe(await addressOf('typo-1'));
    const rows = await suggestionsInvolving([estateOnly, misspelt]);
    expect(rows).toEqual([expect.objectContaining({ kind: 'address', status: 'accepted' })]);
    const [{ decided_by }]: { decided_by: string }[] = await context.dataSource.query('SELECT decided_by FROM match_suggestion WHERE left_id = $1', [rows[0].left_id]);
    expect(decided_by).toBe('system');
  });

  it('completes a flat stored without its street address from a later writing, so a typo at that street address merges', async () => {
    await context.ingest([aSourceRecord({ sourceRecordId: 'street-1', borrower: { ref: 'STREET-1' }, addresses: [{ text: '浙江省杭州市拱墅区丽水路66号旁边' }, { text: '浙江省杭州市拱墅区怡景花园7幢2单元601' }] })]);
    const flat = (await context.read('street-1')).addresses[1].contactPointId as string;
    await context.ingest([aSourceRecord({ sourceRecordId: 'street-2', borrower: { ref: 'STREET-2' }, addresses: [{ text: '杭州市拱墅区丽水路66号怡景花园7栋2单元601室' }] })]);
    expect(await addressOf('street-2')).toBe(flat);
    const [stored]: { address: { road?: string; roadNumber?: string } }[] = await context.dataSource.query('SELECT address FROM contact_point WHERE id = $1', [flat]);
    expect(stored.address).toMatchObject({ road: '丽水路', roadNumber: '66' });
    const blocks: { block_key: string }[] = await context.dataSource.query('SELECT block_key FROM contact_point_block WHERE contact_point_id = $1', [flat]);
    expect(blocks.map((row) => row.block_key)).toContain('330105|road:丽水路#66|room:601');
    // Another borrower's writing with the estate one homophone off, at the same street address and flat.
    const typo = await context.ingest([aSourceRecord({ sourceRecordId: 'street-3', borrower: { ref: 'STREET-3' }, addresses: [{ text: '杭州市拱墅区丽水路66号怡井花园7-2-601' }] })]);
    await expect(context.findCandidates(typo)).resolves.toEqual({ suggested: 0, merged: 1 });
    expect(await addressOf('street-3')).toBe(flat);
  });

  it('raises nothing for flats of one estate that differ in room or building', async () => {
    const search = await context.ingest([
      aSourceRecord({ sourceRecordId: 'other-1', borrower: { ref: 'OTHER-1' }, addresses: [{ text: '北京市朝阳区望京花园1栋1单元101室' }] }),
      aSourceRecord({ sourceRecordId: 'other-2', borrower: { ref: 'OTHER-2' }, addresses: [{ text: '北京市朝阳区望京花园1栋1单元102室' }] }),
      aSourceRecord({ sourceRecordId: 'other-3', borrower: { ref: 'OTHER-3' }, addresses: [{ text: '北京市朝阳区望京花园2栋1单元101室' }] }),
    ]);
    const ids = [await addressOf('other-1'), await addressOf('other-2'), await addressOf('other-3')];
    expect(new Set(ids).size).toBe(3);
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 0, merged: 0 });
    expect(await suggestionsInvolving(ids)).toEqual([]);
    expect(await mergesInvolving(ids)).toEqual([]);
  });
});

describe('candidate search over persons', () => {
  it('merges on its own a contact two borrowers share once the second names their mobile', async () => {
    const first = await context.ingest([
      aSourceRecord({ sourceRecordId: 'share-1', borrower: { ref: 'SHARE-1' }, subject: { role: 'contact', name: '周杰', relation: '朋友' }, phones: ['13688880001'] }),
      aSourceRecord({ sourceRecordId: 'share-2', borrower: { ref: 'SHARE-2' }, subject: { role: 'contact', name: '周杰', relation: '朋友' }, phones: ['无'] }),
    ]);
    await expect(context.findCandidates(first)).resolves.toEqual({ suggested: 0, merged: 0 });
    const [known, unnumbered] = [await personOf('share-1'), await personOf('share-2')];
    expect(known).not.toBe(unnumbered);

    const second = await context.ingest([
      aSourceRecord({ sourceRecordId: 'share-3', borrower: { ref: 'SHARE-2' }, subject: { role: 'contact', name: '周杰', relation: '朋友' }, phones: ['13688880001'] }),
    ]);
    // The exact rules put share-3 with share-2 (same borrower, same name); the shared mobile joins share-1.
    expect(await personOf('share-3')).toBe(unnumbered);
    await expect(context.findCandidates(second)).resolves.toEqual({ suggested: 0, merged: 1 });
    const [survivor, merged] = [known, unnumbered].sort();
    expect(await mergesInvolving([known, unnumbered])).toEqual([
      { kind: 'person', survivor_id: survivor, merged_id: merged, origin: 'automatic', merged_by: 'system', split_at: null },
    ]);
    expect(await suggestionsInvolving([known, unnumbered])).toEqual([]);
    for (const record of ['share-1', 'share-2', 'share-3']) expect(await personOf(record)).toBe(survivor);

    // Run again: the pair is one person now, so there is nothing left to merge.
    await expect(context.findCandidates(second)).resolves.toEqual({ suggested: 0, merged: 0 });
    expect(await mergesInvolving([known, unnumbered])).toHaveLength(1);
  });

  it('suggests two contacts of one borrower with similar names, and leaves a different name alone', async () => {
    const search = await context.ingest([
      aSourceRecord({ sourceRecordId: 'kin-1', borrower: { ref: 'KIN-1' }, subject: { role: 'contact', name: '王小明', relation: '朋友' }, phones: ['13911112222'] }),
      aSourceRecord({ sourceRecordId: 'kin-2', borrower: { ref: 'KIN-1' }, subject: { role: 'contact', name: '王小名', relation: 'friend' }, phones: ['13933334444'] }),
      aSourceRecord({ sourceRecordId: 'kin-3', borrower: { ref: 'KIN-1' }, subject: { role: 'contact', name: '李大伟', relation: '同事' }, phones: ['13955556666'] }),
    ]);
    const [one, similar, other] = [await personOf('kin-1'), await personOf('kin-2'), await personOf('kin-3')];
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 1, merged: 0 });
    const rows = await suggestionsInvolving([one, similar, other]);
    expect(rows).toEqual([expect.objectContaining({ kind: 'person', left_id: [one, similar].sort()[0], right_id: [one, similar].sort()[1], status: 'pending' })]);
    expect(rows[0].fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name', agreement: 'similar' })]));
    const [{ borrower_id }]: { borrower_id: string }[] = await context.dataSource.query('SELECT borrower_id FROM match_suggestion WHERE left_id = $1', [rows[0].left_id]);
    expect(borrower_id).toBe((await context.read('kin-1')).borrowerId);
  });
});

describe('candidate search over one borrower’s contacts of the same name', () => {
  const aContact = (sourceRecordId: string, relation: string, phone: string, observedAt: string) =>
    aSourceRecord({ sourceRecordId, observedAt, borrower: { ref: `NAMESAKE-${sourceRecordId.split('-')[1]}` }, subject: { role: 'contact', name: '罗娟怡', relation }, phones: [phone] });

  it('asks an operator about two entries of one application (同事 and 朋友, each with a mobile) instead of merging them', async () => {
    const search = await context.ingest([
      aContact('namesake-application-colleague', '同事', '13911110001', '2026-05-01T10:00:00+08:00'),
      aContact('namesake-application-friend', '朋友', '13911110002', '2026-05-01T10:00:00+08:00'),
    ]);
    const [colleague, friend] = [await personOf('namesake-application-colleague'), await personOf('namesake-application-friend')];
    expect(colleague).not.toBe(friend);
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 1, merged: 0 });
    const rows = await suggestionsInvolving([colleague, friend]);
    expect(rows).toEqual([expect.objectContaining({ kind: 'person', left_id: [colleague, friend].sort()[0], right_id: [colleague, friend].sort()[1], status: 'pending' })]);
    expect(await mergesInvolving([colleague, friend])).toEqual([]);
  });

  it('keeps a phoneless 同事 and a later 朋友 of one name apart until an operator decides', async () => {
    const first = await context.ingest([
      aSourceRecord({ sourceRecordId: 'namesake-phoneless-first', borrower: { ref: 'NAMESAKE-phoneless' }, subject: { role: 'contact', name: '罗娟怡', relation: '同事' }, phones: ['无'] }),
    ]);
    await context.findCandidates(first);
    const later = await context.ingest([aContact('namesake-phoneless-later', '朋友', '13911110004', '2026-05-01T10:00:00+08:00')]);
    const [colleague, friend] = [await personOf('namesake-phoneless-first'), await personOf('namesake-phoneless-later')];
    expect(colleague).not.toBe(friend);
    await expect(context.findCandidates(later)).resolves.toEqual({ suggested: 1, merged: 0 });
  });
});

describe('candidate search and consent', () => {
  const BUREAU = 'medium-bureau';
  const ADMIN: Principal = { id: 'admin:medium', role: 'admin' };
  const grant = (ref: string, externalSources: boolean) =>
    context.moduleRef.get(ConsentService).record(PLATFORM, ref, { externalSources, thirdPartyContact: false, evidenceRef: `consent-${ref}-${externalSources}`, grantedAt: new Date('2026-04-01T00:00:00Z') });

  it('never pairs an address seen only in a bureau record of a borrower without externalSources consent, and pairs it once consent is given', async () => {
    await context.moduleRef.get(SourcesService).put(ADMIN, { key: BUREAU, system: 'credit_bureau', kind: 'external' });
    await grant('GATE-2', false);
    const bureau = await context.ingest([aSourceRecord({ sourceRecordId: 'gate-1', borrower: { ref: 'GATE-1' }, addresses: [{ text: '广东省广州市天河区翠竹花园6栋1单元302室' }] })], BUREAU);
    const internal = await context.ingest([aSourceRecord({ sourceRecordId: 'gate-2', borrower: { ref: 'GATE-2' }, addresses: [{ text: '广州天河区翠竹花圆小区6-1-302' }] })]);
    // The record read hides a bureau record without consent, so its point is looked up directly.
    const [{ id: external }]: { id: string }[] = await context.dataSource.query(
      `SELECT observation.contact_point_id AS id FROM observation JOIN source_record_version version ON version.id = observation.source_record_version_id
       JOIN source_record record ON record.id = version.source_record_uuid WHERE record.source_key = $1 AND record.source_record_id = 'gate-1' AND observation.field = 'address'`,
      [BUREAU],
    );
    const own = await addressOf('gate-2');
    expect(external).not.toBe(own);
    const search = { ...internal, addressPointIds: [...bureau.addressPointIds, ...internal.addressPointIds] };

    // GATE-1 has no consent on record: its bureau address is neither suggested nor merged with GATE-2's.
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 0, merged: 0 });
    expect(await suggestionsInvolving([external, own])).toEqual([]);
    expect(await mergesInvolving([external, own])).toEqual([]);

    // GATE-2 has no externalSources consent either, but saw its address in its own (internal) records: that keeps nothing out.
    await grant('GATE-1', true);
    await expect(context.findCandidates(search)).resolves.toEqual({ suggested: 1, merged: 0 });
    expect(await suggestionsInvolving([external, own])).toEqual([expect.objectContaining({ kind: 'address', left_id: [external, own].sort()[0], right_id: [external, own].sort()[1] })]);
  });
});
