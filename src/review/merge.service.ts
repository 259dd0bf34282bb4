import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { MatchKind } from './match-suggestion.entity.js';
import { MergeEntity } from './merge.entity.js';

const TABLE: Record<MatchKind, 'person' | 'contact_point'> = { person: 'person', address: 'contact_point' };

/**
 * Merges point the merged row at the survivor and nothing else changes, so a split is exact.
 * Reads resolve merged rows with canonical_person() / canonical_contact_point().
 */
@Injectable()
export class MergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async merge(
    manager: EntityManager,
    principal: Principal,
    request: { kind: MatchKind; survivorId: string; mergedId: string; origin: 'operator' | 'automatic'; suggestionId?: string; note?: string },
  ): Promise<MergeEntity> {
    const table = TABLE[request.kind];
    const [{ survivor, merged }] = await manager.query(
      `SELECT canonical_${table}($1) AS survivor, canonical_${table}($2) AS merged`,
      [request.survivorId, request.mergedId],
    );
    if (!survivor || !merged) throw new NotFoundException(`${request.kind} not found`);
    if (survivor === merged) throw new ConflictException(`the two ${request.kind}es are already one`);
    // Both rows locked in id order, then read again: two merges of one pair at once cannot point each at the other.
    await manager.query(`SELECT 1 FROM ${table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[survivor, merged]]);
    const [again] = await manager.query(`SELECT canonical_${table}($1) AS survivor, canonical_${table}($2) AS merged`, [survivor, merged]);
    if (again.survivor !== survivor || again.merged !== merged) throw new ConflictException(`the ${request.kind}es changed while merging; decide again`);
    await manager.query(`UPDATE ${table} SET merged_into_id = $1 WHERE id = $2`, [survivor, merged]);
    const row = manager.create(MergeEntity, {
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
    });
    await manager.insert(MergeEntity, row);
    await this.audit.record(
      principal,
      { action: 'merge.created', targetType: request.kind, targetId: merged, details: { mergeId: row.id, survivorId: survivor, origin: request.origin, suggestionId: request.suggestionId } },
      manager,
    );
    return row;
  }

  /** Undoes a merge; the history row stays, marked split. The pair is never suggested again. */
  async split(principal: Principal, mergeId: string, note?: string): Promise<MergeEntity> {
    return this.dataSource.transaction(async (manager) => {
      const merge = await manager.findOne(MergeEntity, { where: { id: mergeId }, lock: { mode: 'pessimistic_write' } });
      if (!merge) throw new NotFoundException(`merge ${mergeId} not found`);
      if (merge.splitAt) throw new ConflictException('this merge was already split');
      const table = TABLE[merge.kind];
      const result: [unknown, number] = await manager.query(`UPDATE ${table} SET merged_into_id = NULL WHERE id = $1 AND merged_into_id = $2`, [
        merge.mergedId,
        merge.survivorId,
      ]);
      if (result[1] !== 1) throw new ConflictException('the merged record has changed since; split the later merge first');
      merge.splitAt = new Date();
      merge.splitBy = principal.id;
      merge.note = note ?? merge.note;
      await manager.save(merge);
      if (merge.suggestionId) {
        await manager.query(`UPDATE match_suggestion SET status = 'split', decided_at = now(), decided_by = $2, note = COALESCE($3, note) WHERE id = $1`, [
          merge.suggestionId,
          principal.id,
          note ?? null,
        ]);
      } else {
        await this.rememberPair(manager, merge.kind, merge.survivorId, merge.mergedId, principal.id, note);
      }
      await this.audit.record(
        principal,
        { action: 'merge.split', targetType: merge.kind, targetId: merge.mergedId, purpose: note, details: { mergeId, survivorId: merge.survivorId } },
        manager,
      );
      return merge;
    });
  }

  /** An automatic merge that an operator split must not be made again: remember the pair. */
  private async rememberPair(manager: EntityManager, kind: MatchKind, first: string, second: string, actor: string, note?: string): Promise<void> {
    const [left, right] = first < second ? [first, second] : [second, first];
    await manager.query(
      `INSERT INTO match_suggestion (id, kind, left_id, right_id, score, fields, status, decided_at, decided_by, note)
       VALUES ($1, $2, $3, $4, 0, '[]', 'split', now(), $5, $6)
       ON CONFLICT (kind, left_id, right_id) DO UPDATE SET status = 'split', decided_at = now(), decided_by = EXCLUDED.decided_by`,
      [randomUUID(), kind, left, right, actor, note ?? null],
    );
  }
}
