import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { presentActions, presentPoint, pointIdsOf, type PresentedPoint } from './flag-presentation.js';
import { StaleFlagRepository, type StoredFlag } from './stale-flag.repository.js';
import type { ListFlagsQueryDto, StaleFlagDto, StaleFlagPageDto, StaleFlagSummaryDto } from './stale-flags.dto.js';
import { STALE_FLAG_TYPES } from './staleness.js';

const DAY = 86_400_000;
const AUDITED_REFS = 50;

/** Reads of the stale flags: masked by default, an unmasked page audited with the borrowers it touched. */
@Injectable()
export class StaleFlagsService {
  constructor(
    private readonly flags: StaleFlagRepository,
    private readonly audit: AuditService,
  ) {}

  /** `unmaskReason` is set only after the caller checked the operator role. */
  async list(principal: Principal, query: ListFlagsQueryDto, unmaskReason?: string): Promise<StaleFlagPageDto> {
    const { limit, borrowerRef, type, status, since, after } = query;
    // One more than the page tells whether another page follows.
    const rows = await this.flags.list({ borrowerRef, type, status, since, after }, limit + 1);
    const page = rows.slice(0, limit);
    const unmasked = unmaskReason !== undefined;
    const points = new Map<string, PresentedPoint>();
    for (const point of await this.flags.pointValues([...new Set(page.flatMap(pointIdsOf))])) points.set(point.id, presentPoint(point, unmasked));
    if (unmasked) {
      const borrowerRefs = [...new Set(page.map((flag) => flag.borrowerRef))];
      await this.audit.record(principal, {
        action: 'stale_flags.unmasked',
        targetType: 'stale_flag',
        borrowerRef: borrowerRefs.length === 1 ? borrowerRefs[0] : undefined,
        purpose: unmaskReason,
        details: { flags: page.length, borrowerRefs: borrowerRefs.slice(0, AUDITED_REFS), borrowers: borrowerRefs.length },
      });
    }
    return { items: page.map((flag) => present(flag, points)), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
  }

  async summary(since: Date = new Date(Date.now() - DAY)): Promise<StaleFlagSummaryDto> {
    const rows = new Map((await this.flags.summary(since)).map((row) => [row.type, row]));
    const byType = STALE_FLAG_TYPES.map((type) => rows.get(type) ?? { type, open: 0, raisedSince: 0, closedSince: 0 });
    const total = (key: 'open' | 'raisedSince' | 'closedSince') => byType.reduce((sum, row) => sum + row[key], 0);
    return { since, open: total('open'), raisedSince: total('raisedSince'), closedSince: total('closedSince'), byType };
  }
}

function present(flag: StoredFlag, points: ReadonlyMap<string, PresentedPoint>): StaleFlagDto {
  const replacement = flag.suggestedReplacementId ? points.get(flag.suggestedReplacementId) : undefined;
  const why = (Array.isArray(flag.suggestedActions) ? flag.suggestedActions : []).find(
    (action): action is { action: string; why: string } => typeof action === 'object' && action !== null && (action as { action?: unknown }).action === 'verify_replacement',
  )?.why;
  return {
    id: flag.id,
    borrowerRef: flag.borrowerRef,
    contactPointId: flag.contactPointId,
    contactPoint: flag.contactPointId ? (points.get(flag.contactPointId) ?? null) : null,
    type: flag.type,
    status: flag.status,
    evidence: flag.evidence,
    suggestedReplacement: replacement ? { ...replacement, why: why ?? String(flag.evidence.summary ?? '') } : null,
    suggestedActions: presentActions(flag.suggestedActions, points),
    detectedAt: flag.detectedAt,
    closedAt: flag.closedAt,
    closedBecause: flag.closedBecause,
  };
}
