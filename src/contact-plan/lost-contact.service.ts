import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { ContactPlanService } from './contact-plan.service.js';

/**
 * Keeps each borrower's lost-contact status after new call outcomes, and starts a repair run when
 * a borrower becomes objectively lost (every known number dead).
 */
@Injectable()
export class LostContactService {
  private readonly logger = new Logger('LostContact');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ContactPlanService,
    private readonly queue: MessageQueueService,
  ) {}

  async assess(borrowerIds: string[]): Promise<void> {
    const borrowers: { id: string; ref: string }[] = await this.dataSource.query('SELECT id, ref FROM borrower WHERE id = ANY($1::uuid[])', [borrowerIds]);
    for (const borrower of borrowers) {
      const { plan } = await this.plans.compute(borrower.ref, false);
      // Under the row lock, so two assessments of one borrower cannot both see the transition.
      const previous = await this.dataSource.transaction(async (manager) => {
        const [row] = await manager.query('SELECT status FROM borrower_status WHERE borrower_id = $1 FOR UPDATE', [borrower.id]);
        await manager.query(
          `INSERT INTO borrower_status (borrower_id, status, reason, since, assessed_at) VALUES ($1, $2, $3, now(), now())
           ON CONFLICT (borrower_id) DO UPDATE SET
             since = CASE WHEN borrower_status.status = EXCLUDED.status THEN borrower_status.since ELSE now() END,
             status = EXCLUDED.status, reason = EXCLUDED.reason, assessed_at = now()`,
          [borrower.id, plan.status, plan.statusReason],
        );
        return row as { status: string } | undefined;
      });
      if (plan.status === 'objective_lost' && previous?.status !== 'objective_lost') {
        this.logger.log(`borrower ${borrower.ref} is objectively lost: starting a repair run`);
        await this.queue.enqueue('contact-plan.repair-run', { borrowerId: borrower.id, reason: plan.statusReason }, { jobId: `repair-${borrower.id}-${Date.now()}` });
      }
    }
  }

  /**
   * Searches what the borrower consented to for numbers nobody has tried. Pull connectors will
   * refresh those sources from here; the run records what it searched and found.
   */
  async repair(borrowerId: string, reason: string): Promise<void> {
    const [borrower] = await this.dataSource.query('SELECT ref FROM borrower WHERE id = $1', [borrowerId]);
    if (!borrower) return;
    const { data, plan } = await this.plans.compute(borrower.ref, false);
    const tried = new Set(data.attempts.map((attempt) => attempt.contactPointId));
    const candidates = [
      ...plan.borrowerContacts.phones.map((phone) => phone.id),
      ...plan.thirdParties.flatMap((party) => party.phones.map((phone) => phone.id)),
    ].filter((id) => !tried.has(id));
    const sources: { key: string }[] = await this.dataSource.query(
      `SELECT key FROM source WHERE kind = 'internal' OR $1 ORDER BY key`,
      [data.consent.externalSources],
    );
    await this.dataSource.query(
      `INSERT INTO repair_run (id, borrower_id, reason, status, sources, candidate_contact_point_ids, started_at, finished_at)
       VALUES ($1, $2, $3, 'completed', $4::text[], $5::uuid[], now(), now())`,
      [randomUUID(), borrowerId, reason, sources.map((source) => source.key), [...new Set(candidates)]],
    );
  }
}
