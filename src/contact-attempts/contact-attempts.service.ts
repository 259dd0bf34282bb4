import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { Transactions } from '../database/transactions.service.js';
import { IngestPipelineService } from '../ingest/ingest-pipeline.service.js';
import { BorrowerRepository } from '../borrowers/borrower.repository.js';
import { collectPhonePoints, pointKey } from '../matching/contact-point-rows.js';
import { ContactPointRepository } from '../matching/contact-point.repository.js';
import { PersonRepository } from '../matching/person.repository.js';
import { normalizePhone, type UsablePhone } from '../matching/phone/phone-normalizer.js';
import { phoneKey } from '../matching/record-preparation.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { type ValidAttempt, validateContactAttempt } from './contact-attempt-validation.js';
import { ContactAttemptRepository } from './contact-attempt.repository.js';

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
    private readonly transactions: Transactions,
    private readonly attempts: ContactAttemptRepository,
    private readonly borrowers: BorrowerRepository,
    private readonly persons: PersonRepository,
    private readonly contactPoints: ContactPointRepository,
    private readonly ingest: IngestPipelineService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
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
    const borrowerIds = await this.borrowers.findIdsByRefs(refs);
    // Any person the plan may list (two hops out included) can answer; merged ids answer for their survivor.
    const named = valid.flatMap((entry) => (entry.attempt.contactedPerson ? [entry.attempt.contactedPerson] : []));
    const roots = await this.persons.findCanonicalIds(named);

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

    const borrowerIdsTouched = [...new Set(ready.map((entry) => entry.borrowerId))];
    if (ready.length > 0) {
      await this.transactions.run(async (transaction) => {
        // The number called may be new: it becomes a contact point like any other.
        const points = collectPhonePoints(ready.map((entry) => ({ key: entry.phone.key, phone: entry.phone })), now);
        const pointIds = await this.contactPoints.ensure(points, transaction);
        const attempts = ready.map((entry) => ({
          id: entry.id,
          borrowerId: entry.borrowerId,
          contactPointId: pointIds.get(pointKey('phone', entry.phone.key))!,
          contactedPersonId: entry.contactedPersonId,
          outcome: entry.attempt.outcome,
          attemptedAt: entry.attempt.attemptedAt,
          callbackRequestedAt: entry.attempt.callbackRequestedAt ?? null,
        }));
        await this.attempts.insert(principal.id, attempts, transaction);
        const borrowerRefs = [...new Set(ready.map((entry) => entry.attempt.borrowerRef))];
        await this.audit.record(
          principal,
          {
            action: 'contact_attempt.batch',
            targetType: 'contact_attempt',
            borrowerRef: borrowerRefs.length === 1 ? borrowerRefs[0] : undefined,
            details: { accepted: ready.length, rejected: rejected.length, borrowerRefs: borrowerRefs.slice(0, 100) },
          },
          transaction,
        );
        // Owed with the attempts themselves, so a crash after the commit cannot skip the assessment.
        await this.outbox.add('contact-plan.assess-status', { borrowerIds: borrowerIdsTouched }, `assess-${timeOrderedId()}`, transaction);
      });
    }

    const withLeads = ready.filter((entry) => hasInformation(entry.attempt));
    const leads = await this.recordLeads(principal, withLeads);
    if (withLeads.length > 0) {
      // Assessed again once the leads' numbers are stored too, in case the first ran before them.
      const borrowerIds = [...new Set(withLeads.map((entry) => entry.borrowerId))];
      await this.outbox.add('contact-plan.assess-status', { borrowerIds }, `assess-${timeOrderedId()}`);
    }
    await this.dispatcher.handOver();
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
    const ingested = await this.ingest.ingestBatch(INFORMANT_SOURCE, records, principal);
    // A duplicate (a resent attempt) names its points too; for a repeated id the batch's last word is current.
    const pointsByRecord = new Map(ingested.records.map((record) => [record.sourceRecordId, record.contactPointIds]));
    await this.attempts.insertLeads(
      attempts.map((entry) => ({
        borrowerId: entry.borrowerId,
        attemptId: entry.id,
        informantPersonId: entry.contactedPersonId,
        contactPointIds: pointsByRecord.get(`attempt:${entry.id}`) ?? [],
        note: entry.attempt.newInformation!.note ?? null,
      })),
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
