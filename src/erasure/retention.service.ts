import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { ErasureRepository } from './erasure.repository.js';
import { ErasureService } from './erasure.service.js';
import { retentionCutoff } from './retention-rules.js';
import { RetentionSettingsService } from './retention-settings.service.js';

/** Closed borrowers handed to erasure per run; the next run takes the rest. */
const CLOSED_BORROWERS_PER_RUN = 1_000;
/** Purge batches per run and kind, so one run is bounded. */
const PURGE_BATCHES_PER_RUN = 200;

export interface RetentionRunSummary {
  erasuresQueued: number;
  quarantinedRecordsPurged: number;
  supersededVersionsPurged: number;
}

/**
 * Applies config/retention.json: fans out one erasure job per closed borrower past its period, and
 * purges expired quarantine and superseded raw versions batch by batch.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly settings: RetentionSettingsService,
    private readonly erasures: ErasureRepository,
    private readonly erasure: ErasureService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /** Queued by POST /v1/jobs/retention; the nightly run comes from the schedule (SCHEDULES, retention.json `schedule`). */
  async requestRun(): Promise<{ id: string }> {
    const id = `retention-${timeOrderedId()}`;
    await this.outbox.add('erasure.retention-run', { requestedAt: new Date().toISOString() }, id);
    await this.dispatcher.handOver();
    return { id };
  }

  async run(now: Date = new Date()): Promise<RetentionRunSummary> {
    const { closedBorrowerDays, quarantineDays, rawPayloadDays } = this.settings.retention;
    const closed = await this.erasures.closedBefore(retentionCutoff(now, closedBorrowerDays), CLOSED_BORROWERS_PER_RUN);
    const open = await this.erasures.openRequestRefs(closed.map((borrower) => borrower.ref));
    let erasuresQueued = 0;
    for (const borrower of closed) {
      if (open.has(borrower.ref)) continue;
      await this.erasure.request(SYSTEM_PRINCIPAL, borrower.ref, { reason: `retention period of ${closedBorrowerDays} days after the relationship ended`, legalBasis: 'retention_expired' }, 'retention');
      erasuresQueued += 1;
    }
    const quarantinedRecordsPurged = await this.purge(() => this.erasures.purgeQuarantineBatch(retentionCutoff(now, quarantineDays)));
    const supersededVersionsPurged = await this.purge(async () => {
      const { versions, contactPointIds } = await this.erasures.purgeSupersededVersionsBatch(retentionCutoff(now, rawPayloadDays));
      if (contactPointIds.length > 0) {
        await this.erasures.clearSharingOfUnobserved(contactPointIds);
        await this.outbox.add('matching.refresh-contact-point-sharing', { contactPointIds }, `sharing-retention-${timeOrderedId()}`);
        await this.dispatcher.handOver();
      }
      return versions;
    });
    const summary = { erasuresQueued, quarantinedRecordsPurged, supersededVersionsPurged };
    await this.audit.record(SYSTEM_PRINCIPAL, { action: 'retention.applied', details: { ...summary } });
    this.logger.log(`retention applied: ${JSON.stringify(summary)}`);
    return summary;
  }

  private async purge(batch: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let index = 0; index < PURGE_BATCHES_PER_RUN; index += 1) {
      const removed = await batch();
      total += removed;
      if (removed === 0) break;
    }
    return total;
  }
}
