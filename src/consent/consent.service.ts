import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { Transactions } from '../database/transactions.service.js';
import { type ConsentState, consentInForce } from './consent-in-force.js';
import type { ConsentHistoryDto, PutConsentDto } from './consent.dto.js';
import { ConsentRepository } from './consent.repository.js';

/** Records shown in a borrower's history. */
const HISTORY_LENGTH = 100;

@Injectable()
export class ConsentService {
  constructor(
    private readonly transactions: Transactions,
    private readonly consents: ConsentRepository,
    private readonly borrowers: BorrowersService,
    private readonly audit: AuditService,
  ) {}

  async record(principal: Principal, borrowerRef: string, consent: PutConsentDto): Promise<ConsentHistoryDto> {
    await this.transactions.run(async (transaction) => {
      const borrowerId = await this.borrowers.ensure(borrowerRef, transaction);
      const { externalSources, thirdPartyContact, evidenceRef, grantedAt } = consent;
      await this.consents.insert({ borrowerId, externalSources, thirdPartyContact, evidenceRef, grantedAt, recordedBy: principal.id }, transaction);
      await this.audit.record(
        principal,
        { action: 'consent.recorded', targetType: 'borrower', targetId: borrowerRef, borrowerRef, details: { ...consent } },
        transaction,
      );
    });
    return this.history(borrowerRef);
  }

  async history(borrowerRef: string): Promise<ConsentHistoryDto> {
    const borrowerId = await this.borrowers.requireId(borrowerRef);
    const records = await this.consents.history(borrowerId, HISTORY_LENGTH);
    const history = records.map(({ externalSources, thirdPartyContact, evidenceRef, grantedAt, recordedAt, recordedBy }) => ({
      externalSources,
      thirdPartyContact,
      evidenceRef,
      grantedAt,
      recordedAt,
      recordedBy,
    }));
    return { current: history[0] ?? null, history };
  }

  /** What is in force now; read on every plan request, so a revocation applies to the next one. */
  async current(borrowerId: string): Promise<ConsentState> {
    return consentInForce(await this.consents.latestFacts(borrowerId));
  }

  /** The consent in force of each borrower named by ref; a borrower without a record has none (NO_CONSENT). */
  async inForceByRefs(borrowerRefs: Iterable<string>): Promise<Map<string, ConsentState>> {
    const refs = [...new Set(borrowerRefs)];
    const facts = await this.consents.latestFactsByRefs(refs);
    return new Map(refs.map((ref) => [ref, consentInForce(facts.filter((fact) => fact.borrowerRef === ref))]));
  }

  /** The consent in force of each of these borrowers (by id); a borrower without a record has none (NO_CONSENT). */
  async inForceByIds(borrowerIds: Iterable<string>): Promise<Map<string, ConsentState>> {
    const ids = [...new Set(borrowerIds)];
    const facts = await this.consents.latestFactsByIds(ids);
    return new Map(ids.map((id) => [id, consentInForce(facts.filter((fact) => fact.borrowerId === id))]));
  }
}
