import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { maskPhoneOrWhole } from '../privacy/masking.js';
import { MatchSuggestionEntity, type MatchKind, type SuggestionStatus } from './match-suggestion.entity.js';
import { MergeEntity } from './merge.entity.js';
import { MergeService } from './merge.service.js';
import type { DecisionResultDto, SuggestionDto, SuggestionPageDto, SuggestionSideDto } from './review.dto.js';

/** What operators do with the pairs the pipeline could not decide. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly merges: MergeService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: { status: SuggestionStatus; kind?: MatchKind; limit: number; after?: string }): Promise<SuggestionPageDto> {
    const builder = this.dataSource
      .getRepository(MatchSuggestionEntity)
      .createQueryBuilder('suggestion')
      .where('suggestion.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('suggestion.kind = :kind', { kind: query.kind });
    if (query.after) {
      const [createdAt, id] = decodeCursor(query.after);
      builder.andWhere('(suggestion.created_at, suggestion.id) > (:createdAt, :id)', { createdAt, id });
    }
    // Highest score first would starve old pairs; a queue is worked oldest first.
    const rows = await builder.orderBy('suggestion.created_at', 'ASC').addOrderBy('suggestion.id', 'ASC').limit(query.limit + 1).getMany();
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
    const { suggestion, merge } = await this.dataSource.transaction(async (manager) => {
      const suggestion = await manager.findOne(MatchSuggestionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!suggestion) throw new NotFoundException(`suggestion ${id} not found`);
      if (suggestion.status !== 'pending') throw new ConflictException(`suggestion ${id} was already ${suggestion.status}`);
      let merge: MergeEntity | undefined;
      if (decision === 'accept') {
        merge = await this.merges.merge(manager, principal, {
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
      await manager.save(suggestion);
      await this.audit.record(
        principal,
        { action: `match_suggestion.${suggestion.status}`, targetType: 'match_suggestion', targetId: id, purpose: note, details: { kind: suggestion.kind, leftId: suggestion.leftId, rightId: suggestion.rightId } },
        manager,
      );
      return { suggestion, merge };
    });
    const [described] = await this.describe([suggestion]);
    return { suggestion: described, merge };
  }

  listMerges(query: { kind?: MatchKind; id?: string; limit: number }): Promise<MergeEntity[]> {
    const builder = this.dataSource.getRepository(MergeEntity).createQueryBuilder('merge');
    if (query.kind) builder.andWhere('merge.kind = :kind', { kind: query.kind });
    if (query.id) {
      if (!/^[0-9a-f-]{36}$/i.test(query.id)) throw new BadRequestException('id must be a UUID');
      builder.andWhere('(merge.survivor_id = :id OR merge.merged_id = :id)', { id: query.id });
    }
    return builder.orderBy('merge.merged_at', 'DESC').limit(query.limit).getMany();
  }

  split(principal: Principal, mergeId: string, note?: string): Promise<MergeEntity> {
    return this.merges.split(principal, mergeId, note);
  }

  /** Adds what an operator needs to judge each side. */
  private async describe(rows: MatchSuggestionEntity[]): Promise<SuggestionDto[]> {
    if (rows.length === 0) return [];
    const addressIds = rows.filter((row) => row.kind === 'address').flatMap((row) => [row.leftId, row.rightId]);
    const personIds = rows.filter((row) => row.kind === 'person').flatMap((row) => [row.leftId, row.rightId]);
    const sides = new Map<string, SuggestionSideDto>();
    if (addressIds.length > 0) {
      const points: { id: string; address: Record<string, unknown>; mentions: string[]; observations: number }[] = await this.dataSource.query(
        `SELECT point.id, point.address,
                (SELECT array_agg(DISTINCT raw) FROM observation WHERE contact_point_id = point.id) AS mentions,
                (SELECT count(*)::int FROM observation WHERE contact_point_id = point.id) AS observations
         FROM contact_point point WHERE point.id = ANY($1::uuid[])`,
        [addressIds],
      );
      for (const point of points) sides.set(point.id, { id: point.id, address: point.address, mentions: point.mentions ?? [], observations: point.observations });
    }
    if (personIds.length > 0) {
      const persons: { id: string; name: string | null; relations: string[]; phones: string[] | null; observations: number }[] = await this.dataSource.query(
        `SELECT person.id, person.name,
                ARRAY(SELECT DISTINCT relation FROM borrower_person WHERE person_id = person.id) AS relations,
                (SELECT array_agg(point.e164) FROM person_contact_point owned JOIN contact_point point ON point.id = owned.contact_point_id
                 WHERE owned.person_id = person.id AND point.kind = 'phone') AS phones,
                (SELECT count(*)::int FROM source_record_version WHERE person_id = person.id) AS observations
         FROM person WHERE person.id = ANY($1::uuid[])`,
        [personIds],
      );
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
    const borrowers: { id: string; ref: string }[] = borrowerIds.length
      ? await this.dataSource.query('SELECT id, ref FROM borrower WHERE id = ANY($1::uuid[])', [borrowerIds])
      : [];
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

function decodeCursor(cursor: string): [Date, string] {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw new BadRequestException('after: not a cursor from this API');
  return [date, id];
}
