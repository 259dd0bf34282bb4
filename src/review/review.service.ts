import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { Transactions } from '../database/transactions.service.js';
import { maskPhoneOrWhole } from '../privacy/masking.js';
import type { MatchKind, SuggestionStatus } from './match-suggestion.entity.js';
import { type MatchSuggestion, MatchSuggestionRepository } from './match-suggestion.repository.js';
import { type Merge, MergeRepository } from './merge.repository.js';
import { MergeService } from './merge.service.js';
import type { DecisionResultDto, SuggestionDto, SuggestionPageDto, SuggestionSideDto } from './review.dto.js';

/** What operators do with the pairs the pipeline could not decide. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly transactions: Transactions,
    private readonly suggestions: MatchSuggestionRepository,
    private readonly mergeRows: MergeRepository,
    private readonly merges: MergeService,
    private readonly audit: AuditService,
    private readonly borrowers: BorrowersService,
  ) {}

  async list(principal: Principal, query: { status: SuggestionStatus; kind?: MatchKind; limit: number; after?: string }): Promise<SuggestionPageDto> {
    const after = query.after ? decodeCursor(query.after) : undefined;
    // Highest score first would starve old pairs; a queue is worked oldest first.
    const rows = await this.suggestions.findPage({ status: query.status, kind: query.kind, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const items = await this.describe(page);
    if (items.length > 0) {
      // Operators see full addresses and names to decide: the listing is a read of personal data.
      await this.audit.record(principal, {
        action: 'match_suggestion.list',
        targetType: 'match_suggestion',
        details: { status: query.status, kind: query.kind, ids: page.map((row) => row.id) },
      });
    }
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  async decide(principal: Principal, id: string, decision: 'accept' | 'reject', note?: string): Promise<DecisionResultDto> {
    const { suggestion, merge } = await this.transactions.run(async (transaction) => {
      const suggestion = await this.suggestions.lockById(id, transaction);
      if (!suggestion) throw new NotFoundException(`suggestion ${id} not found`);
      if (suggestion.status !== 'pending') throw new ConflictException(`suggestion ${id} was already ${suggestion.status}`);
      let merge: Merge | undefined;
      if (decision === 'accept') {
        merge = await this.merges.merge(transaction, principal, {
          kind: suggestion.kind,
          survivorId: suggestion.leftId,
          mergedId: suggestion.rightId,
          origin: 'operator',
          suggestionId: suggestion.id,
          note,
        });
      }
      suggestion.status = decision === 'accept' ? 'accepted' : 'rejected';
      suggestion.decidedAt = new Date();
      suggestion.decidedBy = principal.id;
      suggestion.note = note ?? null;
      await this.suggestions.recordDecision(suggestion, transaction);
      await this.audit.record(
        principal,
        { action: `match_suggestion.${suggestion.status}`, targetType: 'match_suggestion', targetId: id, purpose: note, details: { kind: suggestion.kind, leftId: suggestion.leftId, rightId: suggestion.rightId } },
        transaction,
      );
      return { suggestion, merge };
    });
    const [described] = await this.describe([suggestion]);
    return { suggestion: described, merge };
  }

  async listMerges(query: { kind?: MatchKind; id?: string; limit: number }): Promise<Merge[]> {
    if (query.id && !/^[0-9a-f-]{36}$/i.test(query.id)) throw new BadRequestException('id must be a UUID');
    return this.mergeRows.find(query);
  }

  split(principal: Principal, mergeId: string, note?: string): Promise<Merge> {
    return this.merges.split(principal, mergeId, note);
  }

  /** Adds what an operator needs to judge each side. */
  private async describe(rows: MatchSuggestion[]): Promise<SuggestionDto[]> {
    if (rows.length === 0) return [];
    const addressIds = rows.filter((row) => row.kind === 'address').flatMap((row) => [row.leftId, row.rightId]);
    const personIds = rows.filter((row) => row.kind === 'person').flatMap((row) => [row.leftId, row.rightId]);
    const sides = new Map<string, SuggestionSideDto>();
    if (addressIds.length > 0) {
      const points = await this.suggestions.findAddressSides(addressIds);
      for (const point of points) sides.set(point.id, { id: point.id, address: point.address, mentions: point.mentions ?? [], observations: point.observations });
    }
    if (personIds.length > 0) {
      const persons = await this.suggestions.findPersonSides(personIds);
      for (const person of persons) {
        sides.set(person.id, {
          id: person.id,
          name: person.name ?? undefined,
          relations: person.relations,
          phones: (person.phones ?? []).map(maskPhoneOrWhole),
          observations: person.observations,
        });
      }
    }
    const borrowerIds = [...new Set(rows.map((row) => row.borrowerId).filter((id): id is string => id !== null))];
    const borrowers = borrowerIds.length ? await this.borrowers.findByIds(borrowerIds) : [];
    const refs = new Map(borrowers.map((borrower) => [borrower.id, borrower.ref]));
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      score: row.score,
      status: row.status,
      fields: row.fields,
      left: sides.get(row.leftId) ?? { id: row.leftId, observations: 0 },
      right: sides.get(row.rightId) ?? { id: row.rightId, observations: 0 },
      borrowerRef: row.borrowerId ? (refs.get(row.borrowerId) ?? null) : null,
      createdAt: row.createdAt,
      decidedBy: row.decidedBy,
      note: row.note,
    }));
  }
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw new BadRequestException('after: not a cursor from this API');
  return { createdAt: date, id };
}
