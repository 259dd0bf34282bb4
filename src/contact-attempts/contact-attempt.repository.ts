import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { AttemptOutcome } from './attempt-outcome.js';

export interface NewContactAttempt {
  id: string;
  borrowerId: string;
  contactPointId: string;
  contactedPersonId: string | null;
  outcome: AttemptOutcome;
  attemptedAt: Date;
  callbackRequestedAt: Date | null;
}

/** What a contact said on a call, with the contact points it was ingested into. */
export interface NewLead {
  borrowerId: string;
  attemptId: string;
  informantPersonId: string | null;
  contactPointIds: string[];
  note: string | null;
}

/** Call attempts and the leads they brought; both keyed by the attempt, so a resent batch stores nothing twice. */
@Injectable()
export class ContactAttemptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(recordedBy: string, attempts: readonly NewContactAttempt[], db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO contact_attempt (id, borrower_id, contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at, recorded_by)
       SELECT id, borrower_id, contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at, $1
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::varchar[], $7::timestamptz[], $8::timestamptz[])
         AS row(id, borrower_id, contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at)
       ON CONFLICT (id) DO NOTHING`,
      [
        recordedBy,
        attempts.map((attempt) => attempt.id),
        attempts.map((attempt) => attempt.borrowerId),
        attempts.map((attempt) => attempt.contactPointId),
        attempts.map((attempt) => attempt.contactedPersonId),
        attempts.map((attempt) => attempt.outcome),
        attempts.map((attempt) => attempt.attemptedAt),
        attempts.map((attempt) => attempt.callbackRequestedAt),
      ],
    );
  }

  /** One lead per attempt: an attempt that already has one keeps it. */
  async insertLeads(leads: readonly NewLead[], db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO lead (id, borrower_id, attempt_id, informant_person_id, contact_point_ids, note, created_at)
       SELECT gen_random_uuid(), borrower_id, attempt_id, informant, ARRAY(SELECT jsonb_array_elements_text(points::jsonb))::uuid[], note, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS row(borrower_id, attempt_id, informant, points, note)
       ON CONFLICT (attempt_id) DO NOTHING`,
      [
        leads.map((lead) => lead.borrowerId),
        leads.map((lead) => lead.attemptId),
        leads.map((lead) => lead.informantPersonId),
        leads.map((lead) => JSON.stringify(lead.contactPointIds)),
        leads.map((lead) => lead.note),
      ],
    );
  }
}
