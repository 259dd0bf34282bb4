import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';

export interface ContactPreference {
  personId: string;
  doNotContact: boolean;
  reason: string | null;
  updatedBy: string;
}

/** One preference per person; the latest word replaces the previous one. */
@Injectable()
export class ContactPreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async upsert(preference: ContactPreference, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO contact_preference (person_id, do_not_contact, reason, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (person_id) DO UPDATE SET do_not_contact = EXCLUDED.do_not_contact, reason = EXCLUDED.reason,
         updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [preference.personId, preference.doNotContact, preference.reason, preference.updatedBy],
    );
  }
}
