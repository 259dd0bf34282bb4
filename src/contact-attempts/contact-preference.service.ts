import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { Transactions } from '../database/transactions.service.js';
import { PersonRepository } from '../matching/person.repository.js';
import { ContactPreferenceRepository } from './contact-preference.repository.js';

@Injectable()
export class ContactPreferenceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly persons: PersonRepository,
    private readonly preferences: ContactPreferenceRepository,
    private readonly audit: AuditService,
  ) {}

  async set(principal: Principal, personId: string, doNotContact: boolean, reason?: string): Promise<{ personId: string; doNotContact: boolean }> {
    return this.transactions.run(async (transaction) => {
      // A merged person's preference is its survivor's.
      const id = await this.persons.findCanonicalId(personId, transaction);
      if (!id) throw new NotFoundException(`person ${personId} not found`);
      await this.preferences.upsert({ personId: id, doNotContact, reason: reason ?? null, updatedBy: principal.id }, transaction);
      await this.audit.record(principal, { action: 'contact_preference.set', targetType: 'person', targetId: id, purpose: reason, details: { doNotContact } }, transaction);
      return { personId: id, doNotContact };
    });
  }
}
