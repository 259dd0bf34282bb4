import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Queryable } from '../database/queryable.js';
import { Transactions } from '../database/transactions.service.js';
import type { MatchKind } from './match-suggestion.entity.js';
import { MatchSuggestionRepository } from './match-suggestion.repository.js';
import { type Merge, MergeRepository } from './merge.repository.js';

/**
 * Merges point the merged row at the survivor and nothing else changes, so a split is exact.
 * Reads resolve merged rows with canonical_person() / canonical_contact_point().
 */
@Injectable()
export class MergeService {
  constructor(
    private readonly transactions: Transactions,
    private readonly mergeRows: MergeRepository,
    private readonly suggestions: MatchSuggestionRepository,
    private readonly audit: AuditService,
  ) {}

  async merge(
    transaction: Queryable,
    principal: Principal,
    request: { kind: MatchKind; survivorId: string; mergedId: string; origin: 'operator' | 'automatic'; suggestionId?: string; note?: string },
  ): Promise<Merge> {
    const { first: survivor, second: merged } = await this.mergeRows.findCanonical(request.kind, request.survivorId, request.mergedId, transaction);
    if (!survivor || !merged) throw new NotFoundException(`${request.kind} not found`);
    if (survivor === merged) throw new ConflictException(`the two ${request.kind}es are already one`);
    // Both rows locked in id order, then read again: two merges of one pair at once cannot point each at the other.
    await this.mergeRows.lockRows(request.kind, [survivor, merged], transaction);
    const again = await this.mergeRows.findCanonical(request.kind, survivor, merged, transaction);
    if (again.first !== survivor || again.second !== merged) throw new ConflictException(`the ${request.kind}es changed while merging; decide again`);
    await this.mergeRows.pointAtSurvivor(request.kind, survivor, merged, transaction);
    const row: Merge = {
      id: randomUUID(),
      kind: request.kind,
      survivorId: survivor,
      mergedId: merged,
      suggestionId: request.suggestionId ?? null,
      origin: request.origin,
      mergedBy: principal.id,
      mergedAt: new Date(),
      splitAt: null,
      splitBy: null,
      note: request.note ?? null,
    };
    await this.mergeRows.insert(row, transaction);
    await this.audit.record(
      principal,
      { action: 'merge.created', targetType: request.kind, targetId: merged, details: { mergeId: row.id, survivorId: survivor, origin: request.origin, suggestionId: request.suggestionId } },
      transaction,
    );
    return row;
  }

  /** Undoes a merge; the history row stays, marked split. The pair is never suggested again. */
  async split(principal: Principal, mergeId: string, note?: string): Promise<Merge> {
    return this.transactions.run(async (transaction) => {
      const merge = await this.mergeRows.lockById(mergeId, transaction);
      if (!merge) throw new NotFoundException(`merge ${mergeId} not found`);
      await this.unmerge(transaction, principal, merge, note);
      if (merge.suggestionId) {
        await this.suggestions.markSplit(merge.suggestionId, principal.id, note ?? null, transaction);
      } else {
        // An automatic merge that an operator split must not be made again: remember the pair.
        const [leftId, rightId] = merge.survivorId < merge.mergedId ? [merge.survivorId, merge.mergedId] : [merge.mergedId, merge.survivorId];
        await this.suggestions.rememberSplitPair({ kind: merge.kind, leftId, rightId }, principal.id, note ?? null, transaction);
      }
      return merge;
    });
  }

  /**
   * Splits a merge the caller has locked, recording who and why; what becomes of the pair (never
   * suggested again, or back in the queue when a decision is undone) is the caller's.
   */
  async unmerge(transaction: Queryable, principal: Principal, merge: Merge, note?: string, details: Record<string, unknown> = {}): Promise<void> {
    if (merge.splitAt) throw new ConflictException('this merge was already split');
    if (!(await this.mergeRows.unpointFromSurvivor(merge.kind, merge.mergedId, merge.survivorId, transaction))) {
      throw new ConflictException('the merged record has changed since; split the later merge first');
    }
    merge.splitAt = new Date();
    merge.splitBy = principal.id;
    merge.note = note ?? merge.note;
    await this.mergeRows.recordSplit(merge, transaction);
    await this.audit.record(
      principal,
      { action: 'merge.split', targetType: merge.kind, targetId: merge.mergedId, purpose: note, details: { mergeId: merge.id, survivorId: merge.survivorId, ...details } },
      transaction,
    );
  }
}
