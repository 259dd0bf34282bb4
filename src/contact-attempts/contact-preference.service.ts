import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';

@Injectable()
export class ContactPreferenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async set(principal: Principal, personId: string, doNotContact: boolean, reason?: string): Promise<{ personId: string; doNotContact: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const [person] = await manager.query('SELECT canonical_person(id) AS id FROM person WHERE id = $1', [personId]);
      if (!person) throw new NotFoundException(`person ${personId} not found`);
      await manager.query(
        `INSERT INTO contact_preference (person_id, do_not_contact, reason, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
         ON CONFLICT (person_id) DO UPDATE SET do_not_contact = EXCLUDED.do_not_contact, reason = EXCLUDED.reason,
           updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [person.id, doNotContact, reason ?? null, principal.id],
      );
      await this.audit.record(principal, { action: 'contact_preference.set', targetType: 'person', targetId: person.id, purpose: reason, details: { doNotContact } }, manager);
      return { personId: person.id, doNotContact };
    });
  }
}
