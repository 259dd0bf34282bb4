import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactAttemptRepository } from '../../src/contact-attempts/contact-attempt.repository.js';
import { ContactAttemptsService } from '../../src/contact-attempts/contact-attempts.service.js';
import { anAddress } from '../../src/matching/normalisation.test-builders.js';
import { MatchSuggestionRepository } from '../../src/review/match-suggestion.repository.js';
import { MergeRepository } from '../../src/review/merge.repository.js';
import { MergeService } from '../../src/review/merge.service.js';
import { SourceYieldRepository } from '../../src/provenance/source-yield.repository.js';
import { SourceYieldService } from '../../src/provenance/source-yield.service.js';
import type { SourceRecordPayload } from '../../src/records/source-record.js';
import { aMobile, aSourceRecord } from '../support/record-factory.js';
import { createIngestPipelineContext, type IngestPipelineContext, PLATFORM } from './ingest-pipeline-context.js';

// Issue 12, "Source yield": counts over rows the ingest pipeline and the contact-attempts service stored.

let context: IngestPipelineContext;
let yields: SourceYieldService;
const moments: Date[] = [];

// Phones P1..P6 and dwellings D1, D2, each named by who brings it first.
const P = (n: number) => aMobile(9100 + n);
const D1 = anAddress({ room: 101 });
const D2 = anAddress({ room: 202 });

async function ingest(source: string, records: SourceRecordPayload[]): Promise<void> {
  const result = await context.pipeline.ingestBatch(source, records, PLATFORM);
  expect(result.rejected).toEqual([]);
}

/** A moment strictly between what came before and what comes after. */
async function mark(): Promise<Date> {
  await sleep(5);
  const moment = new Date();
  await sleep(5);
  moments.push(moment);
  return moment;
}

const attempt = (phone: string, outcome: string, attemptedAt: Date) => ({ borrowerRef: 'YIELD-A', phone, outcome, attemptedAt: attemptedAt.toISOString() });

beforeAll(async () => {
  context = await createIngestPipelineContext(['crm', 'bureau'], [
    ContactAttemptRepository,
    ContactAttemptsService,
    SourceYieldRepository,
    SourceYieldService,
    MergeRepository,
    MatchSuggestionRepository,
    MergeService,
  ]);
  yields = context.moduleRef.get(SourceYieldService);
  const before = await mark(); // t0
  // crm first brings P1, P2, P3 and D1.
  await ingest('crm', [
    aSourceRecord({ sourceRecordId: 'crm-A', borrower: { ref: 'YIELD-A' }, phones: [P(1), P(2)], addresses: [{ text: D1, kind: 'home' }] }),
    aSourceRecord({ sourceRecordId: 'crm-B', borrower: { ref: 'YIELD-A' }, subject: { role: 'contact', name: '王强', relation: '朋友' }, phones: [P(3)], addresses: [] }),
  ]);
  await mark(); // t1
  // The bureau repeats P2 (not first), brings P4, P5 and D2 first; its unusable value is no contact point.
  await ingest('bureau', [aSourceRecord({ sourceRecordId: 'bureau-A', borrower: { ref: 'YIELD-A' }, phones: [P(2), P(4), P(5), '未知'], addresses: [{ text: D2 }] })]);
  await mark(); // t2
  // crm again: a new version of crm-A adding P6, and a new record repeating the bureau's P4.
  await ingest('crm', [
    aSourceRecord({ sourceRecordId: 'crm-A', borrower: { ref: 'YIELD-A' }, phones: [P(1), P(2), P(6)], addresses: [{ text: D1, kind: 'home' }] }),
    aSourceRecord({ sourceRecordId: 'crm-C', borrower: { ref: 'YIELD-A' }, subject: { role: 'contact', name: '赵敏', relation: '同事' }, phones: [P(4)], addresses: [] }),
  ]);
  await mark(); // t3
  const now = new Date();
  const result = await context.moduleRef.get(ContactAttemptsService).record(PLATFORM, [
    attempt(P(1), 'answered', now),
    attempt(P(2), 'answered', now),
    // Answered before crm brought it: not a confirmation of what crm contributed.
    attempt(P(3), 'answered', new Date(before.getTime() - 60 * 60 * 1000)),
    attempt(P(4), 'answered', now),
    attempt(P(4), 'answered', new Date(now.getTime() + 1000)),
    attempt(P(5), 'no_answer', now),
    attempt(P(6), 'busy', now),
  ]);
  expect(result.rejected).toEqual([]);
});
afterAll(() => context?.close());

const window = (from: number, to: number) => ({ from: moments[from], to: moments[to] });

describe('source yield', () => {
  it('counts records received, points contributed first and those answered calls confirmed since, per kind', async () => {
    expect(await yields.sourceYield('crm', window(0, 3))).toEqual({
      source: 'crm',
      ...window(0, 3),
      recordsReceived: 4,
      newRecords: 3,
      contributedFirst: 5,
      confirmed: 2,
      share: 2 / 5,
      byKind: { phone: { contributedFirst: 4, confirmed: 2, share: 0.5 }, address: { contributedFirst: 1, confirmed: 0, share: 0 } },
    });
    expect(await yields.sourceYield('bureau', window(0, 3))).toEqual({
      source: 'bureau',
      ...window(0, 3),
      recordsReceived: 1,
      newRecords: 1,
      contributedFirst: 3,
      confirmed: 1,
      share: 1 / 3,
      byKind: { phone: { contributedFirst: 2, confirmed: 1, share: 0.5 }, address: { contributedFirst: 1, confirmed: 0, share: 0 } },
    });
  });

  it('counts a point only in the window its first observation arrived in, and only for the source that brought it first', async () => {
    // crm-A's second version repeats P1, P2 and D1 (first seen before t1) and crm-C repeats the bureau's P4: only P6 is new.
    expect(await yields.sourceYield('crm', window(1, 3))).toMatchObject({
      recordsReceived: 2,
      newRecords: 1,
      contributedFirst: 1,
      confirmed: 0,
      share: 0,
      byKind: { phone: { contributedFirst: 1, confirmed: 0, share: 0 }, address: { contributedFirst: 0, confirmed: 0, share: null } },
    });
  });

  it('answers zeros and no share for a window in which the source sent nothing', async () => {
    expect(await yields.sourceYield('bureau', window(0, 1))).toMatchObject({
      recordsReceived: 0,
      newRecords: 0,
      contributedFirst: 0,
      confirmed: 0,
      share: null,
      byKind: { phone: { contributedFirst: 0, confirmed: 0, share: null }, address: { contributedFirst: 0, confirmed: 0, share: null } },
    });
  });

  it('refuses a source that is not registered', async () => {
    await expect(yields.sourceYield('nobody', window(0, 3))).rejects.toMatchObject({ status: 404 });
  });

  // Last: it changes what the tests above count.
  it('counts merged points once, for the source whose observation of any of them came first', async () => {
    const [d1, d2] = await Promise.all(['crm', 'bureau'].map(async (source) => {
      const [row]: { id: string }[] = await context.dataSource.query(
        `SELECT DISTINCT contact_point_id AS id FROM observation WHERE source_key = $1 AND field = 'address'`,
        [source],
      );
      return row.id;
    }));
    // The bureau's D2 survives, but crm brought D1 earlier.
    await context.dataSource.transaction((transaction) =>
      context.moduleRef.get(MergeService).merge(transaction, PLATFORM, { kind: 'address', survivorId: d2, mergedId: d1, origin: 'operator' }),
    );
    expect((await yields.sourceYield('crm', window(0, 3))).byKind.address).toEqual({ contributedFirst: 1, confirmed: 0, share: 0 });
    expect((await yields.sourceYield('bureau', window(0, 3))).byKind.address).toEqual({ contributedFirst: 0, confirmed: 0, share: null });
  });
});
