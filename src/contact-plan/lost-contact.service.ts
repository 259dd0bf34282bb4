import { Injectable, Logger } from '@nestjs/common';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { mayUseSource } from '../consent/consent-in-force.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { SourcesService } from '../sources/sources.service.js';
import { assessContactStatus } from './borrower-contact-status.js';
import { BorrowerStatusRepository } from './borrower-status.repository.js';
import { ContactPlanRepository } from './contact-plan.repository.js';
import { ContactPlanService } from './contact-plan.service.js';
import { RepairRunRepository } from './repair-run.repository.js';

/**
 * Keeps each borrower's lost-contact status after new call outcomes, and starts a repair run when
 * a borrower becomes objectively lost (every known number dead).
 */
@Injectable()
export class LostContactService {
  private readonly logger = new Logger('LostContact');

  constructor(
    private readonly borrowers: BorrowersService,
    private readonly planReads: ContactPlanRepository,
    private readonly plans: ContactPlanService,
    private readonly statuses: BorrowerStatusRepository,
    private readonly repairRuns: RepairRunRepository,
    private readonly sources: SourcesService,
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
        await this.outbox.add('contact-plan.repair-run', { borrowerId: borrower.id, reason: assessment.reason }, `repair-${borrower.id}-${Date.now()}`);
        await this.dispatcher.handOver();
      }
    }
  }

  /**
   * Searches what the borrower consented to for numbers nobody has tried. Pull connectors will
   * refresh those sources from here; the run records what it searched and found.
   */
  async repair(borrowerId: string, reason: string): Promise<void> {
    const [borrower] = await this.borrowers.findByIds([borrowerId]);
    if (!borrower) return;
    const { data, plan } = await this.plans.compute(borrower.ref, false);
    const tried = new Set(data.attempts.map((attempt) => attempt.contactPointId));
    const candidates = [
      ...plan.borrowerContacts.phones.map((phone) => phone.id),
      ...plan.thirdParties.flatMap((party) => party.phones.map((phone) => phone.id)),
    ].filter((id) => !tried.has(id));
    const searched = (await this.sources.list()).filter((source) => mayUseSource(data.consent, source)).map((source) => source.key);
    await this.repairRuns.insertFinished({ borrowerId, reason, status: 'completed', sources: searched, candidateContactPointIds: [...new Set(candidates)] });
  }
}
