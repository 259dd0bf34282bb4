import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { UUID_PATTERN } from '../common/text.js';
import { BorrowersService } from '../borrowers/borrowers.service.js';
import { Transactions } from '../database/transactions.service.js';
import { maskAddress, maskName, maskPhoneOrWhole } from '../privacy/masking.js';
import { addressParts, unmaskReason } from '../privacy/unmask-policy.js';
import { borrowersTouched, maskComparedValue, visibleContactPoint } from '../privacy/visibility.js';
import { mayMatchPerson } from '../consent/consent-in-force.js';
import { ConsentService } from '../consent/consent.service.js';
import type { MatchKind, SuggestionStatus } from './match-suggestion.entity.js';
import { type MatchSuggestion, MatchSuggestionRepository } from './match-suggestion.repository.js';
import { type Merge, MergeRepository } from './merge.repository.js';
import { MergeService } from './merge.service.js';
import { newestSightings } from './suggestion-sightings.js';
import type { DecisionResultDto, SuggestionDto, SuggestionPageDto, SuggestionSideDto, SuggestionSummaryDto } from './review.dto.js';

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
    private readonly consent: ConsentService,
  ) {}

  async list(
    principal: Principal,
    query: { status: SuggestionStatus; kind?: MatchKind; limit: number; after?: string; unmask?: string; reason?: string },
  ): Promise<SuggestionPageDto> {
    // Names and addresses are masked unless an operator unmasks with a reason (decided before anything is read).
    const reasonToUnmask = unmaskReason(principal, { unmask: query.unmask, reason: query.reason });
    const after = query.after ? decodeCursor(query.after) : undefined;
    // Highest score first would starve old pairs; a queue is worked oldest first.
    const rows = await this.suggestions.findPage({ status: query.status, kind: query.kind, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const touched = new Set<string>();
    const items = await this.describe(page, reasonToUnmask !== undefined, touched);
    if (items.length > 0) {
      // The listing is a read of personal data: audited once per borrower it touches, so the borrower filter finds it.
      const borrowerRefs = borrowersTouched(touched);
      const details = { status: query.status, kind: query.kind, ids: page.map((row) => row.id), borrowerRefs: borrowerRefs.slice(0, 200) };
      const perBorrower = (action: string, purpose?: string) =>
        (borrowerRefs.length === 0 ? [undefined] : borrowerRefs).map((borrowerRef) => ({ action, targetType: 'match_suggestion', borrowerRef, purpose, details }));
      await this.audit.record(principal, [
        ...perBorrower('match_suggestion.list'),
        ...(reasonToUnmask === undefined ? [] : perBorrower('match_suggestion.unmasked', reasonToUnmask)),
      ]);
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

  /**
   * Takes back a decision: an accepted pair is split (the merge history keeps the split) and the
   * suggestion is pending again, first in the queue as before. Only who decided, or an admin.
   */
  async undo(principal: Principal, id: string, note?: string): Promise<DecisionResultDto> {
    const suggestion = await this.transactions.run(async (transaction) => {
      const suggestion = await this.suggestions.lockById(id, transaction);
      if (!suggestion) throw new NotFoundException(`suggestion ${id} not found`);
      if (suggestion.status !== 'accepted' && suggestion.status !== 'rejected') throw new ConflictException(`suggestion ${id} is ${suggestion.status}: there is no decision to undo`);
      if (suggestion.decidedBy !== principal.id && principal.role !== 'admin') throw new ForbiddenException('only whoever decided, or an admin, can undo a decision');
      const previous = suggestion.status;
      if (previous === 'accepted') {
        const merge = await this.mergeRows.lockOpenBySuggestion(id, transaction);
        if (!merge) throw new ConflictException(`the merge suggestion ${id} made was already split`);
        await this.merges.unmerge(transaction, principal, merge, note, { undo: true, suggestionId: id });
      }
      await this.suggestions.reopen(id, transaction);
      await this.audit.record(
        principal,
        { action: 'match_suggestion.undone', targetType: 'match_suggestion', targetId: id, purpose: note, details: { kind: suggestion.kind, previous, leftId: suggestion.leftId, rightId: suggestion.rightId } },
        transaction,
      );
      return { ...suggestion, status: 'pending' as const, decidedAt: null, decidedBy: null, note: null };
    });
    const [described] = await this.describe([suggestion]);
    return { suggestion: described };
  }

  /** What is left in the queue, and how many this caller decided since `since` (the console sends its local midnight). */
  async summary(principal: Principal, since: Date): Promise<SuggestionSummaryDto> {
    const [pending, decided] = await Promise.all([this.suggestions.countPendingByKind(), this.suggestions.countDecidedSince(principal.id, since)]);
    return { pending: { ...pending, total: pending.address + pending.person }, decidedToday: decided, since };
  }

  async listMerges(query: { kind?: MatchKind; id?: string; limit: number }): Promise<Merge[]> {
    if (query.id && !UUID_PATTERN.test(query.id)) throw new BadRequestException('id must be a UUID');
    return this.mergeRows.find(query);
  }

  split(principal: Principal, mergeId: string, note?: string): Promise<Merge> {
    return this.merges.split(principal, mergeId, note);
  }

  /** Adds what an operator needs to judge each side, masked unless unmasked; collects the borrowers each side touches. */
  private async describe(rows: MatchSuggestion[], unmasked = false, touched = new Set<string>()): Promise<SuggestionDto[]> {
    if (rows.length === 0) return [];
    const addressIds = rows.filter((row) => row.kind === 'address').flatMap((row) => [row.leftId, row.rightId]);
    const personIds = rows.filter((row) => row.kind === 'person').flatMap((row) => [row.leftId, row.rightId]);
    const sides = new Map<string, SuggestionSideDto>();
    // A side the consent in force of its borrowers does not cover is left out: only its id is shown.
    const hidden = new Set<string>();
    if (addressIds.length > 0) {
      const points = await this.suggestions.findAddressSides(addressIds);
      const consents = await this.consent.inForceByRefs(points.flatMap((point) => point.seen.map((row) => row.borrowerRef)));
      for (const point of points) {
        const { visible, observations } = visibleContactPoint(point.seen, consents);
        if (!visible) {
          hidden.add(point.id);
          continue;
        }
        for (const ref of borrowersTouched(observations.map((row) => row.borrowerRef))) touched.add(ref);
        const mentions = [...new Set(observations.map((row) => row.raw))];
        const masked = maskAddress(addressParts(point.address));
        sides.set(point.id, {
          id: point.id,
          address: unmasked ? point.address : districtLevel(point.address),
          mentions: unmasked ? mentions : mentions.map(() => masked),
          observations: observations.length,
          sightings: newestSightings(observations),
        });
      }
    }
    if (personIds.length > 0) {
      const persons = await this.suggestions.findPersonSides(personIds);
      const consents = await this.consent.inForceByIds(persons.flatMap((person) => person.seen.map((row) => row.borrowerId)));
      for (const person of persons) {
        if (!mayMatchPerson(consents, person.seen)) {
          hidden.add(person.id);
          continue;
        }
        for (const ref of person.borrowerRefs) touched.add(ref);
        sides.set(person.id, {
          id: person.id,
          name: (unmasked ? person.name : maskName(person.name)) ?? undefined,
          relations: person.relations,
          phones: (person.phones ?? []).map(maskPhoneOrWhole),
          observations: person.observations,
          // Shown only when every borrower's consent allows every record naming the person (mayMatchPerson above).
          sightings: newestSightings(person.sightings),
        });
      }
    }
    const borrowerIds = [...new Set(rows.map((row) => row.borrowerId).filter((id): id is string => id !== null))];
    const borrowers = borrowerIds.length ? await this.borrowers.findByIds(borrowerIds) : [];
    const refs = new Map(borrowers.map((borrower) => [borrower.id, borrower.ref]));
    for (const ref of refs.values()) touched.add(ref);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      score: row.score,
      status: row.status,
      fields:
        hidden.has(row.leftId) || hidden.has(row.rightId)
          ? row.fields.map(({ field, agreement }) => ({ field, agreement }))
          : unmasked
            ? row.fields
            : row.fields.map((field) => ({ ...field, left: maskComparedValue(field.field, field.left), right: maskComparedValue(field.field, field.right) })),
      left: sides.get(row.leftId) ?? { id: row.leftId, observations: 0 },
      right: sides.get(row.rightId) ?? { id: row.rightId, observations: 0 },
      borrowerRef: row.borrowerId ? (refs.get(row.borrowerId) ?? null) : null,
      createdAt: row.createdAt,
      decidedBy: row.decidedBy,
      note: row.note,
    }));
  }
}

/** The parsed parts a masked answer shows: province, city and district. */
function districtLevel(address: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(['province', 'city', 'district'].filter((part) => address?.[part] !== undefined).map((part) => [part, address[part]]));
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // Exactly what encodeCursor writes: an ISO instant of years 0001-9999 (toISOString) and a UUID.
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(createdAt ?? '') && !createdAt.startsWith('0000') ? new Date(createdAt) : new Date(Number.NaN);
  if (rest.length > 0 || Number.isNaN(date.getTime()) || !UUID_PATTERN.test(id ?? '')) throw new BadRequestException('after: not a cursor from this API');
  return { createdAt: date, id };
}
