import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { IngestService } from '../ingest/ingest.service.js';
import { ContactResolutionService } from '../matching/contact-resolution.service.js';
import { normalizePhone, type UsablePhone } from '../matching/phone/phone-normalizer.js';
import { phoneKey } from '../matching/record-preparation.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { type ValidAttempt, validateContactAttempt } from './contact-attempt-validation.js';

/** Leads from calls are ingested from this source; config/sources.json declares it. */
export const INFORMANT_SOURCE = 'informant-leads';

export interface AttemptBatchResult {
  accepted: number;
  rejected: { index: number; errors: string[] }[];
  leads: number;
}

interface ReadyAttempt {
  index: number;
  id: string;
  attempt: ValidAttempt;
  borrowerId: string;
  phone: UsablePhone & { key: string };
  contactedPersonId: string | null;
}

/** Records what happened on calls; outcomes feed validity, scores, status, and new leads. */
@Injectable()
export class ContactAttemptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolution: ContactResolutionService,
    private readonly ingest: IngestService,
    private readonly audit: AuditService,
    private readonly queue: MessageQueueService,
  ) {}

  async record(principal: Principal, inputs: unknown[]): Promise<AttemptBatchResult> {
    const now = new Date();
    const rejected: AttemptBatchResult['rejected'] = [];
    const valid: { index: number; attempt: ValidAttempt }[] = [];
    inputs.forEach((input, index) => {
      const result = validateContactAttempt(input, now);
      if (result.valid) valid.push({ index, attempt: result.attempt });
      else rejected.push({ index, errors: result.errors });
    });
    const refs = [...new Set(valid.map((entry) => entry.attempt.borrowerRef))];
    const borrowers: { id: string; ref: string }[] = refs.length ? await this.dataSource.query('SELECT id, ref FROM borrower WHERE ref = ANY($1::text[])', [refs]) : [];
    const borrowerIds = new Map(borrowers.map((row) => [row.ref, row.id]));
    // Any person the plan may list (two hops out included) can answer; merged ids answer for their survivor.
    const named = valid.flatMap((entry) => (entry.attempt.contactedPerson ? [entry.attempt.contactedPerson] : []));
    const canonical: { id: string; root: string }[] = named.length
      ? await this.dataSource.query('SELECT id, canonical_person(id) AS root FROM person WHERE id = ANY($1::uuid[])', [named])
      : [];
    const roots = new Map(canonical.map((row) => [row.id, row.root]));

    const ready: ReadyAttempt[] = [];
    for (const { index, attempt } of valid) {
      const errors: string[] = [];
      const borrowerId = borrowerIds.get(attempt.borrowerRef);
      if (!borrowerId) errors.push(`borrowerRef: borrower "${attempt.borrowerRef}" is not known`);
      const phone = normalizePhone(attempt.phone);
      if (!phone.usable) errors.push(`phone: ${phone.reason}`);
      const contactedPersonId = attempt.contactedPerson ? roots.get(attempt.contactedPerson) : undefined;
      if (attempt.contactedPerson && !contactedPersonId) errors.push('contactedPerson: no such person');
      if (errors.length > 0 || !borrowerId || !phone.usable) {
        rejected.push({ index, errors });
        continue;
      }
      const key = phoneKey(phone.e164, phone.extension);
      ready.push({ index, id: attemptId(borrowerId, key, attempt, contactedPersonId), attempt, borrowerId, phone: { ...phone, key }, contactedPersonId: contactedPersonId ?? null });
    }

    await this.dataSource.transaction(async (manager) => {
      if (ready.length === 0) return;
      const pointIds = await this.resolution.ensurePhonePoints(manager, ready.map((entry) => ({ key: entry.phone.key, phone: entry.phone })), now);
      await manager.query(
        `INSERT INTO contact_attempt (id, borrower_id, contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at, recorded_by)
         SELECT id, borrower_id, contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at, $1
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::varchar[], $7::timestamptz[], $8::timestamptz[])
           AS row(id, borrower_id, contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at)
         ON CONFLICT (id) DO NOTHING`,
        [
          principal.id,
          ready.map((entry) => entry.id),
          ready.map((entry) => entry.borrowerId),
          ready.map((entry) => pointIds.get(entry.phone.key)),
          ready.map((entry) => entry.contactedPersonId),
          ready.map((entry) => entry.attempt.outcome),
          ready.map((entry) => entry.attempt.attemptedAt),
          ready.map((entry) => entry.attempt.callbackRequestedAt ?? null),
        ],
      );
      const borrowerRefs = [...new Set(ready.map((entry) => entry.attempt.borrowerRef))];
      await this.audit.record(
        principal,
        {
          action: 'contact_attempt.batch',
          targetType: 'contact_attempt',
          borrowerRef: borrowerRefs.length === 1 ? borrowerRefs[0] : undefined,
          details: { accepted: ready.length, rejected: rejected.length, borrowerRefs: borrowerRefs.slice(0, 100) },
        },
        manager,
      );
    });

    const leads = await this.recordLeads(principal, ready.filter((entry) => hasInformation(entry.attempt)));
    const borrowerIdsTouched = [...new Set(ready.map((entry) => entry.borrowerId))];
    if (borrowerIdsTouched.length > 0) {
      await this.queue.enqueue('contact-plan.assess-status', { borrowerIds: borrowerIdsTouched });
    }
    return { accepted: ready.length, rejected: rejected.sort((left, right) => left.index - right.index), leads };
  }

  /** What a contact told the collector becomes a source record with the informant as its source. */
  private async recordLeads(principal: Principal, attempts: ReadyAttempt[]): Promise<number> {
    if (attempts.length === 0) return 0;
    const records = attempts.map((entry) => ({
      sourceRecordId: `attempt:${entry.id}`,
      observedAt: entry.attempt.attemptedAt.toISOString(),
      borrower: { ref: entry.attempt.borrowerRef },
      subject: { role: 'borrower' },
      phones: entry.attempt.newInformation!.phones,
      addresses: entry.attempt.newInformation!.addresses.map((text) => ({ text })),
    }));
    await this.ingest.ingest(principal, INFORMANT_SOURCE, records);
    const points: { source_record_id: string; contact_point_id: string }[] = await this.dataSource.query(
      `SELECT record.source_record_id, observation.contact_point_id
       FROM source_record record
       JOIN source_record_version version ON version.source_record_uuid = record.id AND version.version = record.current_version
       JOIN observation ON observation.source_record_version_id = version.id
       WHERE record.source_key = $1 AND record.source_record_id = ANY($2::text[]) AND observation.contact_point_id IS NOT NULL`,
      [INFORMANT_SOURCE, records.map((record) => record.sourceRecordId)],
    );
    const byRecord = new Map<string, string[]>();
    for (const row of points) byRecord.set(row.source_record_id, [...(byRecord.get(row.source_record_id) ?? []), row.contact_point_id]);
    await this.dataSource.query(
      `INSERT INTO lead (id, borrower_id, attempt_id, informant_person_id, contact_point_ids, note, created_at)
       SELECT gen_random_uuid(), borrower_id, attempt_id, informant, ARRAY(SELECT jsonb_array_elements_text(points::jsonb))::uuid[], note, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS row(borrower_id, attempt_id, informant, points, note)
       ON CONFLICT (attempt_id) DO NOTHING`,
      [
        attempts.map((entry) => entry.borrowerId),
        attempts.map((entry) => entry.id),
        attempts.map((entry) => entry.contactedPersonId),
        attempts.map((entry) => JSON.stringify(byRecord.get(`attempt:${entry.id}`) ?? [])),
        attempts.map((entry) => entry.attempt.newInformation!.note ?? null),
      ],
    );
    return attempts.length;
  }
}

/**
 * The same call reported twice has the same id: the platform may resend a batch (after a timeout,
 * or when the leads of a first try failed) and nothing is stored twice.
 */
function attemptId(borrowerId: string, phoneKey: string, attempt: ValidAttempt, contactedPersonId: string | undefined): string {
  const digest = createHash('sha256')
    .update([borrowerId, phoneKey, attempt.attemptedAt.toISOString(), attempt.outcome, contactedPersonId ?? ''].join('|'))
    .digest('hex');
  // Shaped as a version-5-style UUID so it fits the uuid column.
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}

function hasInformation(attempt: ValidAttempt): boolean {
  const information = attempt.newInformation;
  return Boolean(information && (information.phones.length > 0 || information.addresses.length > 0 || information.note));
}
