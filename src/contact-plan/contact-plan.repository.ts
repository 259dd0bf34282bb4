import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';
import { planDataFromRow, type PlanDataRow } from './plan-data-row.js';
import type { PlanData } from './plan-data.js';

/**
 * Loads one borrower's neighbourhood (two person-hops) for the contact plan: one call of the SQL
 * function contact_plan_data (migration 1795480000000), one round trip, a fixed amount of work per
 * row of the neighbourhood whatever the size of the database, so any API instance serves any
 * borrower. Everything a write can change (consent, preferences, attempts, merges) is read on every
 * request; nothing is cached.
 */
@Injectable()
export class ContactPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Without `unmasked`, address points come without their full text: a masked plan never shows it. */
  async load(borrowerRef: string, { unmasked = false }: { unmasked?: boolean } = {}): Promise<PlanData> {
    const [row] = await preparedQuery<{ plan: PlanDataRow | null }>(this.dataSource, 'SELECT contact_plan_data($1, $2) AS plan', [borrowerRef, unmasked]);
    if (!row?.plan) throw new NotFoundException(`borrower "${borrowerRef}" is not known`);
    return planDataFromRow(borrowerRef, row.plan);
  }
}
