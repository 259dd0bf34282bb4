import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { type ConsentState, NO_CONSENT } from './consent-in-force.js';
import { ConsentEntity } from './consent.entity.js';
import type { ConsentHistoryDto, PutConsentDto } from './consent.dto.js';


@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly borrowers: BorrowersService,
    private readonly audit: AuditService,
  ) {}

  async record(principal: Principal, borrowerRef: string, consent: PutConsentDto): Promise<ConsentHistoryDto> {
    if (consent.grantedAt.getTime() > Date.now() + 24 * 3600 * 1000) throw new BadRequestException('grantedAt: is more than a day in the future');
    await this.dataSource.transaction(async (manager) => {
      const borrowerId = await this.borrowers.ensure(borrowerRef, manager);
      await manager.insert(ConsentEntity, { borrowerId, ...consent, recordedBy: principal.id });
      await this.audit.record(
        principal,
        { action: 'consent.recorded', targetType: 'borrower', targetId: borrowerRef, borrowerRef, details: { ...consent } },
        manager,
      );
    });
    return this.history(borrowerRef);
  }

  async history(borrowerRef: string): Promise<ConsentHistoryDto> {
    const borrowerId = await this.borrowers.requireId(borrowerRef);
    const rows = await this.dataSource.getRepository(ConsentEntity).find({ where: { borrowerId }, order: { id: 'DESC' }, take: 100 });
    const history = rows.map(({ externalSources, thirdPartyContact, evidenceRef, grantedAt, recordedAt, recordedBy }) => ({
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
    const [row] = await this.dataSource.query(
      'SELECT external_sources, third_party_contact FROM consent WHERE borrower_id = $1 ORDER BY id DESC LIMIT 1',
      [borrowerId],
    );
    return row ? { externalSources: row.external_sources, thirdPartyContact: row.third_party_contact } : NO_CONSENT;
  }
}
