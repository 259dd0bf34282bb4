import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { MatchingSettingsService } from './matching-settings.service.js';
import type { MatchKind, SuggestionField } from '../review/match-suggestion.entity.js';
import { MergeService } from '../review/merge.service.js';
import { compareAddresses, crossForm, type ParsedAddress } from './address/index.js';
import { loadEstateLocations } from './contact-point.repository.js';
import { comparePersons, type PersonSummary } from './person-comparison.js';
import { namesCompatible } from './person/person-name.js';
import { maskPhone } from '../privacy/masking.js';
import type { LinkRelation } from './person-resolution.js';

interface Candidate {
  kind: MatchKind;
  leftId: string;
  rightId: string;
  borrowerId: string | null;
  decision: 'same' | 'uncertain' | 'different';
  score: number;
  fields: SuggestionField[];
}

/**
 * The deferred, fuzzy half of matching: compares new addresses and persons with what is stored,
 * inside small candidate blocks only. Certain pairs merge automatically, uncertain ones become
 * suggestions for operators, and pairs already decided are never raised again.
 */
@Injectable()
export class MatchCandidatesService {
  private readonly logger = new Logger('MatchCandidates');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly merges: MergeService,
    private readonly settings: MatchingSettingsService,
  ) {}

  async process(addressPointIds: string[], personIds: string[]): Promise<{ suggested: number; merged: number }> {
    const candidates = [...(await this.addressCandidates(addressPointIds)), ...(await this.personCandidates(personIds))];
    if (candidates.length === 0) return { suggested: 0, merged: 0 };
    return this.dataSource.transaction(async (manager) => {
      const fresh = await this.withoutDecidedPairs(manager, candidates);
      let merged = 0;
      for (const candidate of fresh.filter((entry) => entry.decision === 'same')) {
        // A pair already merged (or changed) by a concurrent decision is skipped; any other error fails the job, which retries.
        const done = await this.merges
          .merge(manager, SYSTEM_PRINCIPAL, { kind: candidate.kind, survivorId: candidate.leftId, mergedId: candidate.rightId, origin: 'automatic' })
          .then(() => true)
          .catch((error: unknown) => {
            if (error instanceof ConflictException || error instanceof NotFoundException) return false;
            throw error;
          });
        if (done) merged += 1;
      }
      const minimum = this.settings.matching.suggestionMinimumScore;
      const suggestions = fresh.filter((entry) => entry.decision === 'uncertain' && entry.score >= minimum[entry.kind]);
      if (suggestions.length > 0) {
        await manager.query(
          `INSERT INTO match_suggestion (id, kind, left_id, right_id, borrower_id, score, fields)
           SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::float8[], $7::jsonb[])
           ON CONFLICT (kind, left_id, right_id) DO NOTHING`,
          [
            suggestions.map(() => randomUUID()),
            suggestions.map((entry) => entry.kind),
            suggestions.map((entry) => entry.leftId),
            suggestions.map((entry) => entry.rightId),
            suggestions.map((entry) => entry.borrowerId),
            suggestions.map((entry) => entry.score),
            suggestions.map((entry) => JSON.stringify(entry.fields)),
          ],
        );
      }
      if (merged + suggestions.length > 0) this.logger.debug(`${merged} automatic merge(s), ${suggestions.length} suggestion(s)`);
      return { suggested: suggestions.length, merged };
    });
  }

  private async addressCandidates(ids: string[]): Promise<Candidate[]> {
    if (ids.length === 0) return [];
    // Equality on the block index, a bounded number per block: never a scan of all addresses.
    const pairs: { left_id: string; right_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT mine.contact_point_id AS left_id, other.contact_point_id AS right_id
       FROM contact_point_block mine
       CROSS JOIN LATERAL (
         SELECT contact_point_id FROM contact_point_block other
         WHERE other.block_key = mine.block_key AND other.contact_point_id <> mine.contact_point_id
         LIMIT $2
       ) AS other
       WHERE mine.contact_point_id = ANY($1::uuid[])`,
      [ids, this.settings.matching.candidatesPerAddress],
    );
    const unique = uniquePairs(pairs.map((pair) => ({ leftId: pair.left_id, rightId: pair.right_id })));
    if (unique.length === 0) return [];
    const involved = [...new Set(unique.flatMap((pair) => [pair.leftId, pair.rightId]))];
    const points: { id: string; address: ParsedAddress }[] = await this.dataSource.query(
      'SELECT id, address FROM contact_point WHERE id = ANY($1::uuid[]) AND merged_into_id IS NULL',
      [involved],
    );
    const addresses = new Map(points.map((point) => [point.id, asParsed(point.address)]));
    // Where the estates of estate-only versus street-only pairs stand, if any address said so.
    const estates = unique.flatMap(({ leftId, rightId }) => {
      const [left, right] = [addresses.get(leftId), addresses.get(rightId)];
      const cross = left && right ? crossForm(left, right) : undefined;
      return cross ? [{ districtCode: cross.districtCode, community: cross.community }] : [];
    });
    const locations = await loadEstateLocations(this.dataSource, estates);
    return unique.flatMap(({ leftId, rightId }) => {
      const [left, right] = leftId < rightId ? [leftId, rightId] : [rightId, leftId];
      const leftAddress = addresses.get(left);
      const rightAddress = addresses.get(right);
      if (!leftAddress || !rightAddress) return [];
      const comparison = compareAddresses(leftAddress, rightAddress, locations);
      return [{ kind: 'address' as const, leftId: left, rightId: right, borrowerId: null, decision: comparison.decision, score: comparison.score, fields: comparison.fields }];
    });
  }

  /** Contacts of the same borrower only: each borrower has a handful, so every pair is compared. */
  private async personCandidates(ids: string[]): Promise<Candidate[]> {
    if (ids.length === 0) return [];
    // Two plain index lookups rather than one clever query: plans stay right while bulk loads outrun statistics.
    const borrowers: { borrower_id: string }[] = await this.dataSource.query(
      "SELECT DISTINCT borrower_id FROM borrower_person WHERE person_id = ANY($1::uuid[]) AND relation <> 'self'",
      [ids],
    );
    const rows: { borrower_id: string; id: string; normalized_name: string | null; relation: LinkRelation }[] = borrowers.length
      ? await this.dataSource.query(
          `SELECT link.borrower_id, person.id, person.normalized_name, link.relation
           FROM borrower_person link JOIN person ON person.id = link.person_id
           WHERE link.borrower_id = ANY($1::uuid[]) AND person.kind = 'individual' AND person.merged_into_id IS NULL AND link.relation <> 'self'`,
          [borrowers.map((row) => row.borrower_id)],
        )
      : [];
    const owned: { person_id: string; value_key: string }[] = rows.length
      ? await this.dataSource.query(
          `SELECT owned.person_id, point.value_key FROM person_contact_point owned
           CROSS JOIN LATERAL (SELECT value_key FROM contact_point WHERE id = owned.contact_point_id AND kind = 'phone' LIMIT 1) AS point
           WHERE owned.person_id = ANY($1::uuid[])`,
          [[...new Set(rows.map((row) => row.id))]],
        )
      : [];
    const phonesOf = new Map<string, string[]>();
    for (const row of owned) phonesOf.set(row.person_id, [...(phonesOf.get(row.person_id) ?? []), row.value_key]);
    const touched = new Set(ids);
    const byBorrower = new Map<string, PersonSummary[]>();
    for (const row of rows) {
      const list = byBorrower.get(row.borrower_id) ?? [];
      list.push({ id: row.id, normalizedName: row.normalized_name ?? undefined, relation: row.relation, phones: (phonesOf.get(row.id) ?? []).sort() });
      byBorrower.set(row.borrower_id, list);
    }
    const candidates: Candidate[] = [];
    for (const [borrowerId, persons] of byBorrower) {
      for (let i = 0; i < persons.length; i += 1) {
        for (let j = i + 1; j < persons.length; j += 1) {
          if (!touched.has(persons[i].id) && !touched.has(persons[j].id)) continue;
          const [left, right] = persons[i].id < persons[j].id ? [persons[i], persons[j]] : [persons[j], persons[i]];
          const comparison = comparePersons(left, right);
          if (comparison.decision === 'different') continue;
          candidates.push({ kind: 'person', leftId: left.id, rightId: right.id, borrowerId, ...comparison });
        }
      }
    }
    return [...candidates, ...(await this.sharedMobileCandidates(ids))];
  }

  /**
   * Persons of different borrowers holding the same mobile: the exact rules join them when the
   * number arrives with the name, but not when a borrower's first mention of the contact had no
   * usable number. Same or missing name: one person; a similar name: an operator decides.
   */
  private async sharedMobileCandidates(ids: string[]): Promise<Candidate[]> {
    const pairs: { left_id: string; right_id: string; value_key: string }[] = await this.dataSource.query(
      // LATERAL with limits: index probes per link, never a scan of the whole point or link table.
      `SELECT DISTINCT mine.person_id AS left_id, theirs.person_id AS right_id, point.value_key
       FROM person_contact_point mine
       CROSS JOIN LATERAL (
         SELECT value_key FROM contact_point WHERE id = mine.contact_point_id AND kind = 'phone' AND subtype = 'mobile' LIMIT 1
       ) AS point
       CROSS JOIN LATERAL (
         SELECT other.person_id FROM person_contact_point other
         WHERE other.contact_point_id = mine.contact_point_id AND other.person_id <> mine.person_id
         LIMIT 50
       ) AS theirs
       WHERE mine.person_id = ANY($1::uuid[])
       LIMIT 5000`,
      [ids],
    );
    if (pairs.length === 0) return [];
    const involved = [...new Set(pairs.flatMap((pair) => [pair.left_id, pair.right_id]))];
    const persons: { id: string; normalized_name: string | null; borrowers: string[] }[] = await this.dataSource.query(
      `SELECT person.id, person.normalized_name, ARRAY(SELECT borrower_id FROM borrower_person WHERE person_id = person.id) AS borrowers
       FROM person WHERE person.id = ANY($1::uuid[]) AND person.kind = 'individual' AND person.merged_into_id IS NULL`,
      [involved],
    );
    const byId = new Map(persons.map((person) => [person.id, person]));
    return uniquePairs(pairs.map((pair) => ({ leftId: pair.left_id, rightId: pair.right_id, phone: pair.value_key }))).flatMap(({ leftId, rightId, phone }) => {
      const [left, right] = [byId.get(leftId), byId.get(rightId)];
      // Within one borrower the contacts are compared above; a contact giving the borrower's own number is not the borrower.
      if (!left || !right || left.borrowers.some((borrower) => right.borrowers.includes(borrower))) return [];
      const names = namesCompatible(left.normalized_name ?? undefined, right.normalized_name ?? undefined);
      if (names === 'different') return [];
      const [first, second] = leftId < rightId ? [left, right] : [right, left];
      const fields: SuggestionField[] = [
        { field: 'name', left: first.normalized_name ?? undefined, right: second.normalized_name ?? undefined, agreement: names === 'same' ? 'agree' : names === 'similar' ? 'similar' : 'missing' },
        { field: 'mobile', left: maskPhone(phone), right: maskPhone(phone), agreement: 'agree' },
      ];
      const decision = names === 'similar' ? ('uncertain' as const) : ('same' as const);
      return [{ kind: 'person' as const, leftId: first.id, rightId: second.id, borrowerId: null, decision, score: names === 'similar' ? 0.8 : 1, fields }];
    });
  }

  private async withoutDecidedPairs(manager: EntityManager, candidates: Candidate[]): Promise<Candidate[]> {
    const unique = uniquePairs(candidates);
    const existing: { kind: string; left_id: string; right_id: string }[] = await manager.query(
      `SELECT kind, left_id, right_id FROM match_suggestion
       WHERE (kind, left_id, right_id) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[]))`,
      [unique.map((entry) => entry.kind), unique.map((entry) => entry.leftId), unique.map((entry) => entry.rightId)],
    );
    const known = new Set(existing.map((row) => `${row.kind}|${row.left_id}|${row.right_id}`));
    return unique.filter((entry) => !known.has(`${entry.kind}|${entry.leftId}|${entry.rightId}`));
  }
}

function uniquePairs<T extends { leftId: string; rightId: string; kind?: string }>(pairs: T[]): T[] {
  const seen = new Set<string>();
  return pairs.filter((pair) => {
    const key = `${pair.kind ?? ''}|${[pair.leftId, pair.rightId].sort().join('|')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function asParsed(parts: ParsedAddress): ParsedAddress {
  return { ...parts, raw: '', cleaned: '', pickupPoint: Boolean(parts.pickupPoint) };
}

