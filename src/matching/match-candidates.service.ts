import { groupBy } from '../common/objects.js';
import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { SYSTEM_PRINCIPAL } from '../auth/principal.js';
import type { Queryable } from '../database/queryable.js';
import { Transactions } from '../database/transactions.service.js';
import { MatchingSettingsService } from './matching-settings.service.js';
import type { MatchKind, SuggestionField } from '../review/match-suggestion.entity.js';
import { MatchSuggestionRepository } from '../review/match-suggestion.repository.js';
import { MergeService } from '../review/merge.service.js';
import { compareAddresses, estateToLocate, type ParsedAddress } from './address/index.js';
import { MatchCandidateRepository, type PersonSourceCount } from './match-candidate.repository.js';
import { type ContactPointSeenFor, mayMatchContactPoint, mayMatchPerson } from '../consent/consent-in-force.js';
import { ConsentService } from '../consent/consent.service.js';
import { comparePersons, namesakeNames, type PersonSummary } from './person-comparison.js';
import { namesCompatible } from './person/person-name.js';
import { maskPhone } from '../privacy/masking.js';

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
    private readonly transactions: Transactions,
    private readonly candidates: MatchCandidateRepository,
    private readonly suggestions: MatchSuggestionRepository,
    private readonly merges: MergeService,
    private readonly settings: MatchingSettingsService,
    private readonly consent: ConsentService,
  ) {}

  async process(addressPointIds: string[], personIds: string[]): Promise<{ suggested: number; merged: number }> {
    const candidates = [...(await this.addressCandidates(addressPointIds)), ...(await this.personCandidates(personIds))];
    if (candidates.length === 0) return { suggested: 0, merged: 0 };
    return this.transactions.run(async (transaction) => {
      const { fresh, settledSuggestions } = await this.withoutDecidedPairs(transaction, candidates);
      let merged = 0;
      for (const candidate of fresh.filter((entry) => entry.decision === 'same')) {
        // A pair already merged (or changed) by a concurrent decision is skipped; any other error fails the job, which retries.
        const done = await this.merges
          .merge(transaction, SYSTEM_PRINCIPAL, { kind: candidate.kind, survivorId: candidate.leftId, mergedId: candidate.rightId, origin: 'automatic' })
          .then(() => true)
          .catch((error: unknown) => {
            if (error instanceof ConflictException || error instanceof NotFoundException) return false;
            throw error;
          });
        if (done) merged += 1;
        const suggestionId = settledSuggestions.get(pairKey(candidate));
        if (done && suggestionId !== undefined) {
          await this.suggestions.recordDecision(
            { id: suggestionId, status: 'accepted', decidedAt: new Date(), decidedBy: SYSTEM_PRINCIPAL.id, note: 'merged automatically: later records settled it' },
            transaction,
          );
        }
      }
      const suggestions = fresh.filter((entry) => entry.decision === 'uncertain' && this.actionable(entry));
      if (suggestions.length > 0) await this.suggestions.insertPending(suggestions, transaction);
      if (merged + suggestions.length > 0) this.logger.debug(`${merged} automatic merge(s), ${suggestions.length} suggestion(s)`);
      return { suggested: suggestions.length, merged };
    });
  }

  private async addressCandidates(ids: string[]): Promise<Candidate[]> {
    if (ids.length === 0) return [];
    const unique = uniquePairs(await this.candidates.findAddressBlockPairs(ids, this.settings.matching.candidatesPerAddress));
    if (unique.length === 0) return [];
    const involved = [...new Set(unique.flatMap((pair) => [pair.leftId, pair.rightId]))];
    const points = await this.candidates.findUnmergedAddresses(involved);
    const addresses = new Map(points.map((point) => [point.id, asParsed(point.address)]));
    // Where the estates of estate-only versus street-only pairs stand, if any address said so.
    const estates = unique.flatMap(({ leftId, rightId }) => {
      const [left, right] = [addresses.get(leftId), addresses.get(rightId)];
      const estate = left && right ? estateToLocate(left, right) : undefined;
      return estate ? [estate] : [];
    });
    const locations = await this.candidates.findEstateLocations(estates);
    const compared = unique.flatMap(({ leftId, rightId }) => {
      const [left, right] = leftId < rightId ? [leftId, rightId] : [rightId, leftId];
      const leftAddress = addresses.get(left);
      const rightAddress = addresses.get(right);
      if (!leftAddress || !rightAddress) return [];
      const comparison = compareAddresses(leftAddress, rightAddress, locations);
      return [{ kind: 'address' as const, leftId: left, rightId: right, borrowerId: null, decision: comparison.decision, score: comparison.score, fields: comparison.fields }];
    });
    // Consent is asked of the points of pairs that would be merged or suggested only: most candidate
    // pairs compare as distinct, and reading who observed every point through which source costs far
    // more than comparing them. No pair is merged or suggested without passing it.
    const wanted = compared.filter((pair) => this.actionable(pair));
    if (wanted.length === 0) return [];
    const matchable = await this.matchablePoints([...new Set(wanted.flatMap((pair) => [pair.leftId, pair.rightId]))]);
    return wanted.filter((pair) => matchable.has(pair.leftId) && matchable.has(pair.rightId));
  }

  /** A pair that would be merged or suggested (see process). */
  private actionable(candidate: Candidate): boolean {
    return candidate.decision === 'same' || (candidate.decision === 'uncertain' && candidate.score >= this.settings.matching.suggestionMinimumScore[candidate.kind]);
  }

  /** The points every borrower naming them may use: no address suggestion or merge through a source a borrower did not consent to. */
  private async matchablePoints(pointIds: string[]): Promise<Set<string>> {
    const kinds = await this.candidates.findContactPointSourceKinds(pointIds);
    const consents = await this.consent.inForceByIds(kinds.map((row) => row.borrowerId));
    const seen = new Map<string, ContactPointSeenFor[]>();
    for (const [pointId, rows] of groupBy(kinds, (row) => row.contactPointId)) {
      seen.set(pointId, [...groupBy(rows, (row) => row.borrowerId)].map(([borrowerId, own]) => ({ borrowerId, sourceKinds: own.map((row) => row.sourceKind) })));
    }
    return new Set(pointIds.filter((id) => mayMatchContactPoint(consents, seen.get(id) ?? [])));
  }

  /** Contacts of the same borrower only: each borrower has a handful, so every pair is compared. */
  private async personCandidates(ids: string[]): Promise<Candidate[]> {
    if (ids.length === 0) return [];
    // Two plain index lookups rather than one clever query: plans stay right while bulk loads outrun statistics.
    const borrowers = await this.candidates.findBorrowersOfContacts(ids);
    const rows = borrowers.length ? await this.candidates.findContactsOfBorrowers(borrowers) : [];
    const owned = rows.length ? await this.candidates.findPhonesOfPersons([...new Set(rows.map((row) => row.personId))]) : [];
    const phonesOf = new Map<string, string[]>();
    for (const row of owned) phonesOf.set(row.personId, [...(phonesOf.get(row.personId) ?? []), row.valueKey]);
    const touched = new Set(ids);
    const byBorrower = new Map<string, PersonSummary[]>();
    for (const row of rows) {
      const list = byBorrower.get(row.borrowerId) ?? [];
      list.push({ id: row.personId, normalizedName: row.normalizedName ?? undefined, relation: row.relation, phones: (phonesOf.get(row.personId) ?? []).sort() });
      byBorrower.set(row.borrowerId, list);
    }
    const candidates: Candidate[] = [];
    for (const [borrowerId, persons] of byBorrower) {
      const namesakes = namesakeNames(persons);
      for (let i = 0; i < persons.length; i += 1) {
        for (let j = i + 1; j < persons.length; j += 1) {
          if (!touched.has(persons[i].id) && !touched.has(persons[j].id)) continue;
          const [left, right] = persons[i].id < persons[j].id ? [persons[i], persons[j]] : [persons[j], persons[i]];
          const comparison = comparePersons(left, right, left.normalizedName !== undefined && namesakes.has(left.normalizedName));
          if (comparison.decision === 'different') continue;
          candidates.push({ kind: 'person', leftId: left.id, rightId: right.id, borrowerId, ...comparison });
        }
      }
    }
    return this.withConsent([...candidates, ...(await this.sharedMobileCandidates(ids))]);
  }

  /** Only pairs of persons every borrower naming them may use: no link through a source a borrower did not consent to. */
  private async withConsent(candidates: Candidate[]): Promise<Candidate[]> {
    if (candidates.length === 0) return candidates;
    const personIds = [...new Set(candidates.flatMap((candidate) => [candidate.leftId, candidate.rightId]))];
    const counts = await this.candidates.findPersonSourceCounts(personIds);
    const consents = await this.consent.inForceByIds(counts.map((row) => row.borrowerId));
    const seen = new Map<string, PersonSourceCount[]>();
    for (const row of counts) seen.set(row.personId, [...(seen.get(row.personId) ?? []), row]);
    const matchable = new Set(personIds.filter((id) => mayMatchPerson(consents, seen.get(id) ?? [])));
    return candidates.filter((candidate) => matchable.has(candidate.leftId) && matchable.has(candidate.rightId));
  }

  /**
   * Persons of different borrowers holding the same mobile: the exact rules join them when the
   * number arrives with the name, but not when a borrower's first mention of the contact had no
   * usable number. Same or missing name: one person; a similar name: an operator decides.
   */
  private async sharedMobileCandidates(ids: string[]): Promise<Candidate[]> {
    const pairs = await this.candidates.findSharedMobilePairs(ids);
    if (pairs.length === 0) return [];
    const involved = [...new Set(pairs.flatMap((pair) => [pair.leftId, pair.rightId]))];
    const persons = await this.candidates.findUnmergedIndividuals(involved);
    const byId = new Map(persons.map((person) => [person.id, person]));
    return uniquePairs(pairs).flatMap(({ leftId, rightId, valueKey: phone }) => {
      const [left, right] = [byId.get(leftId), byId.get(rightId)];
      // Within one borrower the contacts are compared above; a contact giving the borrower's own number is not the borrower.
      if (!left || !right || left.borrowerIds.some((borrower) => right.borrowerIds.includes(borrower))) return [];
      const names = namesCompatible(left.normalizedName ?? undefined, right.normalizedName ?? undefined);
      if (names === 'different') return [];
      const [first, second] = leftId < rightId ? [left, right] : [right, left];
      const fields: SuggestionField[] = [
        { field: 'name', left: first.normalizedName ?? undefined, right: second.normalizedName ?? undefined, agreement: names === 'same' ? 'agree' : names === 'similar' ? 'similar' : 'missing' },
        { field: 'mobile', left: maskPhone(phone), right: maskPhone(phone), agreement: 'agree' },
      ];
      const decision = names === 'similar' ? ('uncertain' as const) : ('same' as const);
      return [{ kind: 'person' as const, leftId: first.id, rightId: second.id, borrowerId: null, decision, score: names === 'similar' ? 0.8 : 1, fields }];
    });
  }

  /**
   * Pairs never stored, plus pending suggestions that later records now settle as the same (an estate's
   * street address learnt since, say): those merge, and `settledSuggestions` names the suggestion to close.
   */
  private async withoutDecidedPairs(transaction: Queryable, candidates: Candidate[]): Promise<{ fresh: Candidate[]; settledSuggestions: Map<string, string> }> {
    const unique = uniquePairs(candidates);
    const existing = await this.suggestions.findExistingPairs(unique, transaction);
    const stored = new Map(existing.map((row) => [pairKey(row), row]));
    const settledSuggestions = new Map<string, string>();
    const fresh = unique.filter((entry) => {
      const row = stored.get(pairKey(entry));
      if (row === undefined) return true;
      if (row.status !== 'pending' || entry.decision !== 'same') return false;
      settledSuggestions.set(pairKey(entry), row.id);
      return true;
    });
    return { fresh, settledSuggestions };
  }
}

function pairKey(pair: { kind: string; leftId: string; rightId: string }): string {
  return `${pair.kind}|${pair.leftId}|${pair.rightId}`;
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

