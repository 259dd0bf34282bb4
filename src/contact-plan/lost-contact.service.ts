import { Injectable, Logger } from '@nestjs/common';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { randomUUID } from 'node:crypto';
import { Transactions } from '../database/transactions.service.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { WebhookEvents } from '../webhooks/webhook-events.service.js';
import { assessContactStatus } from './borrower-contact-status.js';
import { BorrowerStatusRepository } from './borrower-status.repository.js';
import { ContactPlanRepository } from './contact-plan.repository.js';

/**
 * Keeps each borrower's lost-contact status after new call outcomes, tells the platform when it
 * changes (webhook borrower.status_changed), and starts a repair run when a borrower becomes
 * objectively lost (every known number dead); the repair folder runs it.
 */
@Injectable()
export class LostContactService {
  private readonly logger = new Logger('LostContact');

  constructor(
    private readonly borrowers: BorrowersService,
    private readonly planReads: ContactPlanRepository,
    private readonly statuses: BorrowerStatusRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly transactions: Transactions,
    private readonly webhookEvents: WebhookEvents,
  ) {}

  /** The status comes from the plan's facts and the status rule alone: no ranking, no masking. */
  async assess(borrowerIds: string[]): Promise<void> {
    for (const borrower of await this.borrowers.findByIds(borrowerIds)) {
      const assessment = assessContactStatus(await this.planReads.load(borrower.ref), new Date());
      // The status, its event and the repair run commit together: a crash loses none of them alone.
      const owed = await this.transactions.run(async (transaction) => {
        const previous = await this.statuses.record(borrower.id, assessment.status, assessment.reason, transaction);
        // No status yet reads as 'unknown', as the contact plan shows it: a first 'unknown' is no change.
        const from = previous ?? 'unknown';
        if (from === assessment.status) return 0;
        let jobs = await this.webhookEvents.emit(
          'borrower.status_changed',
          { borrowerRef: borrower.ref, from, to: assessment.status, reason: assessment.reason, at: new Date().toISOString() },
          transaction,
        );
        if (assessment.status === 'objective_lost') {
          this.logger.log(`borrower ${borrower.ref} is objectively lost: starting a repair run`);
          const repairRunId = randomUUID();
          await this.outbox.add('repair.run', { repairRunId, borrowerId: borrower.id, reason: assessment.reason, requestedBy: 'system' }, `repair-${repairRunId}`, transaction);
          jobs += 1;
        }
        return jobs;
      });
      if (owed > 0) await this.dispatcher.handOver();
    }
  }
}
