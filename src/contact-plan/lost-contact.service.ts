import { Injectable, Logger } from '@nestjs/common';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { randomUUID } from 'node:crypto';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { assessContactStatus } from './borrower-contact-status.js';
import { BorrowerStatusRepository } from './borrower-status.repository.js';
import { ContactPlanRepository } from './contact-plan.repository.js';

/**
 * Keeps each borrower's lost-contact status after new call outcomes, and starts a repair run when
 * a borrower becomes objectively lost (every known number dead); the repair folder runs it.
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
  ) {}

  /** The status comes from the plan's facts and the status rule alone: no ranking, no masking. */
  async assess(borrowerIds: string[]): Promise<void> {
    for (const borrower of await this.borrowers.findByIds(borrowerIds)) {
      const assessment = assessContactStatus(await this.planReads.load(borrower.ref), new Date());
      const previous = await this.statuses.record(borrower.id, assessment.status, assessment.reason);
      if (assessment.status === 'objective_lost' && previous !== 'objective_lost') {
        this.logger.log(`borrower ${borrower.ref} is objectively lost: starting a repair run`);
        const repairRunId = randomUUID();
        await this.outbox.add('repair.run', { repairRunId, borrowerId: borrower.id, reason: assessment.reason, requestedBy: 'system' }, `repair-${repairRunId}`);
        await this.dispatcher.handOver();
      }
    }
  }
}
