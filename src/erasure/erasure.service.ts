import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { Transactions } from '../database/transactions.service.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { borrowerPseudonym, erasedBorrowerLabel } from './erasure-pseudonym.js';
import type { ErasureRequestDto, ErasureStatusDto, RelationshipDto, RelationshipStatusDto } from './erasure.dto.js';
import { type ErasureOutcome, ErasureRepository } from './erasure.repository.js';

const KEY_FILE = 'erasure-pseudonym.key';

/**
 * Erasure (PIPL Art. 47): a request is recorded and queued; the job removes or anonymises, in one
 * transaction, everything that identifies the borrower and the persons reached only through it.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);
  private key?: Buffer;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly erasures: ErasureRepository,
    private readonly borrowers: BorrowersService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  async request(principal: Principal, borrowerRef: string, body: ErasureRequestDto, origin: 'request' | 'retention' = 'request'): Promise<{ id: string }> {
    const id = timeOrderedId();
    await this.transactions.run(async (transaction) => {
      await this.borrowers.requireId(borrowerRef, transaction);
      await this.erasures.insertRequest(
        { id, borrowerRef, borrowerPseudonym: this.pseudonym(borrowerRef), reason: body.reason, legalBasis: body.legalBasis, origin, requestedBy: principal.id },
        transaction,
      );
      // Names the borrower until the erasure pseudonymises it with the rest.
      await this.audit.record(
        principal,
        { action: 'erasure.requested', targetType: 'borrower', targetId: borrowerRef, borrowerRef, details: { erasureId: id, legalBasis: body.legalBasis, origin } },
        transaction,
      );
      // Owed from the commit on: a crash before the queue takes it loses nothing.
      await this.outbox.add('erasure.erase-borrower', { erasureId: id }, `erasure-${id}`, transaction);
    });
    await this.dispatcher.handOver();
    return { id };
  }

  async status(id: string): Promise<ErasureStatusDto> {
    const request = await this.erasures.findRequest(id);
    if (!request) throw new NotFoundException(`erasure "${id}" is not known`);
    const { status, legalBasis, origin, borrowerPseudonym: pseudonym, counts, error, requestedAt, startedAt, finishedAt } = request;
    return { id, status, legalBasis, origin, borrowerPseudonym: pseudonym, counts, error, requestedAt, startedAt, finishedAt };
  }

  /** The job: idempotent (a completed request is left alone; a failed one runs again, all or nothing). */
  async run(erasureId: string): Promise<void> {
    await this.erasures.markRunning(erasureId);
    try {
      const shared = await this.transactions.run(async (transaction) => {
        const request = await this.erasures.lockPending(erasureId, transaction);
        if (!request) return [];
        const label = erasedBorrowerLabel(request.borrowerPseudonym);
        const borrowerId = request.borrowerRef ? await this.borrowers.idFor(request.borrowerRef, transaction) : undefined;
        let outcome: ErasureOutcome = { counts: {}, sharedContactPointIds: [] };
        if (request.borrowerRef && borrowerId) {
          outcome = await this.erasures.eraseBorrower(borrowerId, request.borrowerRef, request.borrowerPseudonym, label, erasureId, transaction);
        } else if (request.borrowerRef) {
          // Erased by an earlier request meanwhile: events written since (this request's own) still name it.
          outcome.counts.auditEventsPseudonymised = await this.erasures.pseudonymiseAudit(request.borrowerRef, label, [], transaction);
        }
        await this.erasures.markCompleted(erasureId, outcome.counts, transaction);
        await this.audit.record(
          SYSTEM_PRINCIPAL,
          { action: 'erasure.completed', targetType: 'erasure', targetId: erasureId, borrowerRef: label, details: { ...outcome.counts } },
          transaction,
        );
        // What other borrowers still name is now named by fewer: its sharing counts change.
        if (outcome.sharedContactPointIds.length > 0) {
          await this.outbox.add('matching.refresh-contact-point-sharing', { contactPointIds: outcome.sharedContactPointIds }, `sharing-erasure-${erasureId}`, transaction);
        }
        return outcome.sharedContactPointIds;
      });
      if (shared.length > 0) await this.dispatcher.handOver();
    } catch (error) {
      this.logger.error(`erasure ${erasureId} failed: ${(error as Error).name}`);
      await this.erasures.markFailed(erasureId, `${(error as Error).name}: the erasure was rolled back and will be retried`);
      throw error;
    }
  }

  async setRelationship(principal: Principal, borrowerRef: string, body: RelationshipDto): Promise<RelationshipStatusDto> {
    await this.transactions.run(async (transaction) => {
      const borrowerId = await this.borrowers.requireId(borrowerRef, transaction);
      await this.erasures.setRelationshipEnd(borrowerId, body.endedAt, principal.id, transaction);
      await this.audit.record(
        principal,
        { action: 'borrower.relationship_set', targetType: 'borrower', targetId: borrowerRef, borrowerRef, details: { endedAt: body.endedAt?.toISOString() ?? null } },
        transaction,
      );
    });
    return { borrowerRef, endedAt: body.endedAt };
  }

  /** HMAC-SHA256 of the ref under DATA_DIR/erasure-pseudonym.key (created on first use, owner-only). */
  pseudonym(borrowerRef: string): string {
    return borrowerPseudonym(this.pseudonymKey(), borrowerRef);
  }

  private pseudonymKey(): Buffer {
    if (this.key) return this.key;
    const directory = this.config.storage.dataDirectory;
    const path = join(directory, KEY_FILE);
    if (!existsSync(path)) {
      mkdirSync(directory, { recursive: true });
      try {
        writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process created it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      chmodSync(path, 0o600);
    }
    this.key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    return this.key;
  }
}
