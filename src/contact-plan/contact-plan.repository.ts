import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestBatcher } from '../common/request-batcher.js';
import { preparedQuery } from '../database/prepared-query.js';
import { GRAPH_EXCLUDED_SUBTYPES } from '../graph/graph-boundary.js';
import { planDataFromFacts } from './plan-facts.js';
import type { PlanData } from './plan-data.js';

/** Plans read in one statement at most; more concurrent requests make several statements, run at once. */
export const PLAN_READS_PER_STATEMENT = 16;

interface PlanRead {
  borrowerRef: string;
  unmasked: boolean;
}

/**
 * Loads one borrower's neighbourhood (two person-hops) for the contact plan with the SQL function
 * contact_plan_facts (sql/contact-plan-facts.sql): a fixed amount of work per row of the neighbourhood
 * whatever the size of the database, so any API instance serves any borrower. Everything a write
 * can change (consent, preferences, attempts, merges) is read on every request; nothing is cached.
 * Requests arriving together share one statement: on this machine a round trip to PostgreSQL
 * costs both processes about as much CPU as a small borrower's read itself.
 */
@Injectable()
export class ContactPlanRepository {
  private readonly reads = new RequestBatcher<PlanRead, unknown>((wanted) => this.readMany(wanted), PLAN_READS_PER_STATEMENT);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Facts only: what a plan shows is decided when it is built. `unmasked` also reads each address's
   * newest raw text, which only an unmasked plan can show.
   */
  async load(borrowerRef: string, { unmasked = false }: { unmasked?: boolean } = {}): Promise<PlanData> {
    const facts = await this.reads.load({ borrowerRef, unmasked });
    if (!facts) throw new NotFoundException(`borrower "${borrowerRef}" is not known`);
    return planDataFromFacts(borrowerRef, facts);
  }

  private async readMany(wanted: PlanRead[]): Promise<unknown[]> {
    const rows = await preparedQuery<{ position: string; plan: unknown }>(
      this.dataSource,
      `SELECT wanted.position, contact_plan_facts(wanted.ref, $3::text[], wanted.unmasked) AS plan
       FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS wanted(ref, unmasked, position)`,
      [wanted.map((read) => read.borrowerRef), wanted.map((read) => read.unmasked), GRAPH_EXCLUDED_SUBTYPES],
    );
    const plans: unknown[] = wanted.map(() => null);
    for (const row of rows) plans[Number(row.position) - 1] = row.plan;
    // Open stale-contact flags: one statement for the whole batch, beside the function.
    const flags: { ref: string; id: string; contact_point_id: string | null; type: string; suggested_replacement_id: string | null }[] = await this.dataSource.query(
      `SELECT borrower.ref, flag.id, flag.contact_point_id, flag.type, flag.suggested_replacement_id
       FROM borrower JOIN stale_flag flag ON flag.borrower_id = borrower.id AND flag.status = 'open'
       WHERE borrower.ref = ANY($1::text[]) ORDER BY flag.detected_at, flag.id`,
      [wanted.map((read) => read.borrowerRef)],
    );
    wanted.forEach((read, index) => {
      const plan = plans[index];
      if (plan && typeof plan === 'object') {
        (plan as { staleFlags?: unknown[] }).staleFlags = flags
          .filter((flag) => flag.ref === read.borrowerRef)
          .map((flag) => ({ id: flag.id, contactPointId: flag.contact_point_id, type: flag.type, suggestedReplacementId: flag.suggested_replacement_id }));
      }
    });
    return plans;
  }
}
