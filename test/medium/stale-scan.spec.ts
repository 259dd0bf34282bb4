import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { BorrowersService } from '../../src/borrowers/borrowers.service.js';
import { ConsentRepository } from '../../src/consent/consent.repository.js';
import { ConsentService } from '../../src/consent/consent.service.js';
import { ContactAttemptRepository } from '../../src/contact-attempts/contact-attempt.repository.js';
import { ContactAttemptsService } from '../../src/contact-attempts/contact-attempts.service.js';
import { JobRunRepository } from '../../src/jobs/job-run.repository.js';
import type { SourceRecordPayload } from '../../src/records/source-record.js';
import { SourcesService } from '../../src/sources/sources.service.js';
import { StaleFactsRepository } from '../../src/stale/stale-facts.repository.js';
import { StaleFlagRepository } from '../../src/stale/stale-flag.repository.js';
import { StaleScanSettingsService } from '../../src/stale/stale-scan-settings.service.js';
import { StaleScanService } from '../../src/stale/stale-scan.service.js';
import { DEFAULT_STALE_RULES } from '../../src/stale/staleness.js';
import { aMobile, aSourceRecord } from '../support/record-factory.js';
import { WebhookDeliveryRepository } from '../../src/webhooks/webhook-delivery.repository.js';
import { WebhookEvents } from '../../src/webhooks/webhook-events.service.js';
import { WebhookRepository } from '../../src/webhooks/webhook.repository.js';
import { createIngestPipelineContext, type IngestPipelineContext, PLATFORM } from './ingest-pipeline-context.js';

// Issue 13, "The job": the facts query and the scan over rows the ingest pipeline and the contact-attempts service stored.

const ADMIN: Principal = { id: 'admin-1', role: 'admin' };
const DAY = 86_400_000;
const BATCH_SIZE = 2;
let context: IngestPipelineContext;
let scans: StaleScanService;

const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const phone = (n: number) => aMobile(7300 + n);
const e164 = (n: number) => `+86${phone(n)}`;

async function ingest(source: string, records: SourceRecordPayload[]): Promise<void> {
  const result = await context.pipeline.ingestBatch(source, records, PLATFORM);
  expect(result.rejected).toEqual([]);
}

const own = (id: string, ref: string, days: number, phones: string[], extra: Partial<SourceRecordPayload> = {}) =>
  aSourceRecord({ sourceRecordId: id, borrower: { ref }, observedAt: daysAgo(days), phones, addresses: [], ...extra });

async function consent(ref: string, externalSources: boolean): Promise<void> {
  await context.moduleRef.get(ConsentService).record(PLATFORM, ref, { externalSources, thirdPartyContact: true, evidenceRef: `doc-${ref}`, grantedAt: new Date(Date.now() - 1000) });
}

async function attempt(ref: string, n: number, outcome: string, days: number): Promise<void> {
  const result = await context.moduleRef.get(ContactAttemptsService).record(PLATFORM, [{ borrowerRef: ref, phone: phone(n), outcome, attemptedAt: daysAgo(days) }]);
  expect(result.rejected).toEqual([]);
}

interface FlagRow {
  ref: string;
  e164: string | null;
  type: string;
  status: string;
  replacement: string | null;
  closedBecause: { summary: string; observations?: { sourceKey: string }[] } | null;
}

async function flags(status?: 'open' | 'closed'): Promise<FlagRow[]> {
  return context.dataSource.query(
    `SELECT borrower.ref, point.e164, flag.type, flag.status, replacement.e164 AS replacement, flag.closed_because AS "closedBecause"
     FROM stale_flag flag JOIN borrower ON borrower.id = flag.borrower_id
     LEFT JOIN contact_point point ON point.id = flag.contact_point_id LEFT JOIN contact_point replacement ON replacement.id = flag.suggested_replacement_id
     WHERE ($1::text IS NULL OR flag.status = $1) ORDER BY borrower.ref, flag.type, point.e164`,
    [status ?? null],
  );
}

const key = (row: FlagRow) => `${row.ref} ${row.type} ${row.e164 ?? '-'} ${row.status} ${row.replacement ?? '-'}`;

async function scan(options: Parameters<StaleScanService['run']>[1] = {}) {
  return scans.run(await scans.create('test'), options);
}

beforeAll(async () => {
  context = await createIngestPipelineContext([], [
    ContactAttemptRepository,
    ContactAttemptsService,
    ConsentRepository,
    ConsentService,
    BorrowersService,
    JobRunRepository,
    StaleFactsRepository,
    StaleFlagRepository,
    { provide: StaleScanSettingsService, useValue: { rules: DEFAULT_STALE_RULES, batchSize: BATCH_SIZE, schedule: { pattern: '0 2 * * *', tz: 'Asia/Shanghai' } } },
    StaleScanService,
    // The real event writer: with no webhook declared it writes nothing, as in production.
    WebhookRepository,
    WebhookDeliveryRepository,
    WebhookEvents,
  ]);
  scans = context.moduleRef.get(StaleScanService);
  const sources = context.moduleRef.get(SourcesService);
  await sources.put(ADMIN, { key: 'loan-app', system: 'approval', kind: 'internal' });
  await sources.put(ADMIN, { key: 'courier', system: 'logistics', kind: 'external' });
  await sources.put(ADMIN, { key: 'bureau', system: 'credit_bureau', kind: 'external' });

  // CHG-1: applied with phone 1; consented delivery and bureau records now show phone 2 twice.
  // CHG-2: the same, without consent to external sources.
  for (const [ref, base] of [['CHG-1', 0], ['CHG-2', 10]] as const) {
    await ingest('loan-app', [own(`${ref}-app`, ref, 200, [phone(base + 1)])]);
    await ingest('courier', [own(`${ref}-c1`, ref, 10, [phone(base + 2)])]);
    await ingest('bureau', [own(`${ref}-b1`, ref, 20, [phone(base + 2)])]);
  }
  await consent('CHG-1', true);
  await consent('CHG-2', false);
  // BAD-1: the application phone was reported disconnected.
  await ingest('loan-app', [own('BAD-1-app', 'BAD-1', 10, [phone(21)])]);
  await attempt('BAD-1', 21, 'disconnected', 2);
  // OLD-1: a phone only a courier saw, 200 days ago (logistics stays fresh 120 days).
  await ingest('courier', [own('OLD-1-c1', 'OLD-1', 200, [phone(31)])]);
  await consent('OLD-1', true);
  // JOB-1: five employers in a year (four changes, more than three).
  const employers = ['甲科技有限公司', '乙贸易有限公司', '丙物流有限公司', '丁餐饮有限公司', '戊电子有限公司'];
  await ingest('loan-app', employers.map((name, index) => own(`JOB-1-${index}`, 'JOB-1', 300 - index * 60, [phone(41)], { employer: { name } })));
  // Borrowers with nothing stale, so the scan runs over several batches.
  for (let index = 0; index < 4; index += 1) await ingest('loan-app', [own(`FINE-${index}`, `FINE-${index}`, 5, [phone(50 + index)])]);
});

afterAll(async () => {
  await context?.close();
});

describe('stale scan over PostgreSQL', () => {
  it('resumes after a worker died mid-run and ends as an uninterrupted run does', async () => {
    const id = await scans.create('test');
    let batches = 0;
    await expect(
      scans.run(id, {
        afterBatch: () => {
          batches += 1;
          // The database going away (or the worker dying) after two committed batches.
          if (batches === 2) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        },
      }),
    ).rejects.toThrow(/terminating/);
    const interrupted = await context.moduleRef.get(JobRunRepository).findById(id);
    expect(interrupted).toMatchObject({ state: 'running', progress: { borrowers: 9, done: 2 * BATCH_SIZE } });

    const resumed = await scans.run(id);
    expect(resumed).toMatchObject({ state: 'completed', progress: { borrowers: 9, done: 9 } });
    const afterResume = (await flags()).map(key);

    await context.dataSource.query('DELETE FROM stale_flag');
    const uninterrupted = await scan();
    expect((await flags()).map(key)).toEqual(afterResume);
    expect(resumed.counts.raised).toBe(uninterrupted.counts.raised);
  });

  it('raises each flag type from the evidence, and only consented evidence', async () => {
    expect((await flags('open')).map(key)).toEqual([
      `BAD-1 invalid_feedback ${e164(21)} open -`,
      `CHG-1 contact_changed ${e164(1)} open ${e164(2)}`,
      'JOB-1 job_change - open -',
      `OLD-1 not_seen_recently ${e164(31)} open -`,
    ]);
  });

  it('raises nothing new on a second run', async () => {
    const before = (await flags()).map(key);
    const run = await scan();
    expect(run).toMatchObject({ state: 'completed', counts: { raised: 0, closed: 0, open: 4 } });
    expect((await flags()).map(key)).toEqual(before);
  });

  it('closes flags when later evidence confirms the contact, keeping what closed them', async () => {
    await ingest('courier', [own('OLD-1-c2', 'OLD-1', 1, [phone(31)])]);
    await attempt('BAD-1', 21, 'answered', 1);
    const run = await scan();
    expect(run.counts).toMatchObject({ raised: 0, closed: 2, open: 2 });
    const closed = await flags('closed');
    expect(closed.map((row) => `${row.ref} ${row.type}`)).toEqual(expect.arrayContaining(['OLD-1 not_seen_recently', 'BAD-1 invalid_feedback']));
    expect(closed.find((row) => row.ref === 'OLD-1')?.closedBecause?.observations?.[0]?.sourceKey).toBe('courier');
    expect(closed.find((row) => row.ref === 'BAD-1')?.closedBecause?.summary).toMatch(/answered/);
  });

  it('uses external evidence once the borrower consents, and drops it when consent is withdrawn', async () => {
    await consent('CHG-2', true);
    expect((await scan()).counts.raised).toBe(1);
    expect((await flags('open')).map(key)).toContain(`CHG-2 contact_changed ${e164(11)} open ${e164(12)}`);
    await consent('CHG-2', false);
    await scan();
    expect((await flags('open')).map((row) => row.ref)).not.toContain('CHG-2');
  });

  it('reads one batch of facts per statement, keyset by borrower id', async () => {
    const facts = context.moduleRef.get(StaleFactsRepository);
    const window = { from: new Date(Date.now() - 90 * DAY), to: new Date() };
    const first = await facts.batchFacts('00000000-0000-0000-0000-000000000000', 4, window, ['disconnected']);
    const second = await facts.batchFacts(first[3]!.borrowerId, 100, window, ['disconnected']);
    expect(first).toHaveLength(4);
    expect(second).toHaveLength(5);
    expect([...first, ...second].map((row) => row.borrowerId)).toEqual([...first, ...second].map((row) => row.borrowerId).sort());
    const job = [...first, ...second].find((row) => (row.employers ?? []).length === 5);
    expect(job?.sightings?.[0]).toMatchObject({ sourceKey: 'loan-app', kind: 'phone', subtype: 'mobile' });
  });
});
