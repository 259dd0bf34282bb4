import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { BorrowerRepository } from '../borrowers/borrower.repository.js';
import { ExternalInquiryService, type InquiryAnswer } from '../connectors/external-inquiry.service.js';
import { ConnectorRepository } from '../connectors/connector.repository.js';
import { mayAskAbout } from '../connectors/inquiry-consent.js';
import { mayUseSource } from '../consent/consent-in-force.js';
import { ContactPlanService } from '../contact-plan/contact-plan.service.js';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { Transactions } from '../database/transactions.service.js';
import type { JobPayloads } from '../queue/job-definitions.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { SourceRecordRepository } from '../records/source-record.repository.js';
import { SourcesService } from '../sources/sources.service.js';
import { newContactPoints, repairRunStatus } from './repair-outcome.js';
import { type RepairRun, RepairRunRepository } from './repair-run.repository.js';

/**
 * Repair runs: when a borrower becomes objectively lost (or on request), every per-borrower source the
 * borrower's consent allows is asked about the borrower; answers go through ingest, and the run
 * reports what each source answered and the contact points that were not known before.
 */
@Injectable()
export class RepairService {
  private readonly logger = new Logger('Repair');

  constructor(
    private readonly transactions: Transactions,
    private readonly borrowers: BorrowerRepository,
    private readonly runs: RepairRunRepository,
    private readonly plans: ContactPlanService,
    private readonly sources: SourcesService,
    private readonly connectors: ConnectorRepository,
    private readonly inquiries: ExternalInquiryService,
    private readonly records: SourceRecordRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly audit: AuditService,
  ) {}

  async request(principal: Principal, borrowerRef: string): Promise<{ id: string }> {
    const borrowerId = await this.borrowerId(borrowerRef);
    const id = randomUUID();
    const job = { repairRunId: id, borrowerId, reason: 'requested', requestedBy: principal.id };
    await this.transactions.run(async (transaction) => {
      await this.runs.start({ id, borrowerId, reason: job.reason, requestedBy: principal.id }, transaction);
      await this.outbox.add('repair.run', job, `repair-${id}`, transaction);
      await this.audit.record(principal, { action: 'repair.requested', targetType: 'repair_run', targetId: id, borrowerRef }, transaction);
    });
    await this.dispatcher.handOver();
    return { id };
  }

  async get(borrowerRef: string, id: string): Promise<RepairRun> {
    const borrowerId = await this.borrowerId(borrowerRef);
    const run = await this.runs.findById(id);
    if (!run || run.borrowerId !== borrowerId) throw new NotFoundException(`repair run ${id} of this borrower not found`);
    return run;
  }

  async list(borrowerRef: string, limit: number): Promise<RepairRun[]> {
    return this.runs.listForBorrower(await this.borrowerId(borrowerRef), limit);
  }

  /** The job: asks the sources and records what they answered. A retried job finds its run finished and stops. */
  async execute(job: JobPayloads['repair.run']): Promise<void> {
    await this.runs.start({ id: job.repairRunId, borrowerId: job.borrowerId, reason: job.reason, requestedBy: job.requestedBy });
    const run = await this.runs.findById(job.repairRunId);
    if (!run || run.status !== 'running') return;
    const [borrower] = await this.borrowers.findByIds([job.borrowerId]);
    if (!borrower) {
      await this.runs.finish(run.id, { status: 'failed', sources: [], inquiries: [{ connector: '-', source: '-', outcome: 'failed', records: 0, error: 'borrower no longer exists' }], candidateContactPointIds: [], newContactPointIds: [] });
      return;
    }
    const { data, plan } = await this.plans.compute(borrower.ref, false);
    const knownBefore = new Set(data.points.map((point) => point.id));
    const tried = new Set(data.attempts.map((attempt) => attempt.contactPointId));
    const candidates = [...plan.borrowerContacts.phones.map((phone) => phone.id), ...plan.thirdParties.flatMap((party) => party.phones.map((phone) => phone.id))].filter(
      (id) => !tried.has(id),
    );
    const sources = await this.sources.list();
    const searched = sources.filter((source) => mayUseSource(data.consent, source)).map((source) => source.key);
    const askable = mayAskAbout(data.consent)
      ? (await this.connectors.list()).filter(
          (connector) => connector.definition.http?.mode === 'per-borrower' && connector.definition.enabled !== false && searched.includes(connector.definition.source),
        )
      : [];
    const identity = askable.length > 0 ? await this.records.latestBorrowerIdentity(borrower.id) : {};
    const answers: InquiryAnswer[] = [];
    for (const connector of askable) {
      try {
        answers.push(await this.inquiries.ask(connector, borrower, identity, run.id));
      } catch (error) {
        answers.push({ connector: connector.key, source: connector.definition.source, outcome: 'failed', records: 0, contactPointIds: [], error: safeErrorMessage(error) });
      }
    }
    const newIds = newContactPoints(
      answers.flatMap((answer) => answer.contactPointIds),
      knownBefore,
    );
    const status = repairRunStatus(answers);
    await this.runs.finish(run.id, {
      status,
      sources: searched,
      inquiries: answers.map(({ contactPointIds: _ids, ...answer }) => answer),
      candidateContactPointIds: [...new Set(candidates)],
      newContactPointIds: newIds,
    });
    this.logger.log(`repair run ${run.id}: ${status}, ${answers.length} source(s) asked, ${newIds.length} new contact point(s)`);
  }

  private async borrowerId(ref: string): Promise<string> {
    const id = await this.borrowers.findIdByRef(ref);
    if (!id) throw new NotFoundException(`borrower "${ref}" not found`);
    return id;
  }
}
