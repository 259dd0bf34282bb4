/**
 * Which stale-contact flags one borrower should have open, decided from the facts the scan reads
 * (stale-flag.repository.ts returns them; nothing here touches the database). An early warning: it
 * looks at borrowers whether they are overdue or not, and uses only what the consent in force allows.
 */
import { mayUseSource } from '../consent/consent-in-force.js';
import type { AttemptOutcome } from '../contact-attempts/attempt-outcome.js';
import { ownContactPointIds } from '../contact-plan/own-contact-points.js';
import type { SourceKind, SourceSystem } from '../sources/source-types.js';
import {
  type AttemptRef,
  type BorrowerStaleFacts,
  type ClosedBecause,
  type EmployerSighting,
  type EvidenceObservation,
  flagKey,
  type PointAttempts,
  type PointFacts,
  type RecentObservation,
  type Sighting,
  type SourceFacts,
  STALE_FLAG_TYPES,
  type StaleAssessment,
  type StaleFlagType,
  type StaleRules,
  type SuggestedAction,
  type WantedFlag,
} from './staleness-types.js';

export * from './staleness-types.js';

const DAY = 86_400_000;
const MAX_EVIDENCE = 20;

interface Context {
  facts: BorrowerStaleFacts;
  rules: StaleRules;
  now: Date;
  sources: ReadonlyMap<string, SourceFacts>;
  points: Map<string, PointFacts>;
  own: Set<string>;
  attempts: Map<string, PointAttempts>;
  /** Sightings by sources the consent allows, newest first. */
  sightings: (Sighting & { system: SourceSystem })[];
  recent: (RecentObservation & { system: SourceSystem; kind: SourceKind })[];
}

/** The flags the borrower should have open now, and what confirms the points that need none. */
export function assessStaleness(facts: BorrowerStaleFacts, sources: ReadonlyMap<string, SourceFacts>, rules: StaleRules, now: Date): StaleAssessment {
  const context = contextOf(facts, sources, rules, now);
  const wanted = [...contactChanged(context), ...notSeenRecently(context), ...invalidFeedback(context), ...jobChange(context)];
  const flagged = new Set(wanted.map(flagKey));
  for (const flag of wanted) flag.suggestedActions = suggestedActions(context, flag);
  const confirmations = new Map<string, ClosedBecause>();
  for (const type of STALE_FLAG_TYPES) {
    for (const pointId of type === 'job_change' ? [null] : context.points.keys()) {
      const key = flagKey({ type, contactPointId: pointId });
      if (!flagged.has(key)) confirmations.set(key, confirmation(context, type, pointId));
    }
  }
  return { wanted, confirmations };
}

function contextOf(facts: BorrowerStaleFacts, sources: ReadonlyMap<string, SourceFacts>, rules: StaleRules, now: Date): Context {
  const usable = (key: string) => {
    const source = sources.get(key);
    return source && mayUseSource(facts.consent, source) ? source : undefined;
  };
  const attempts = new Map(facts.attempts.map((row) => [row.contactPointId, row]));
  const unnamedAttempts = facts.attempts.map((row) => ({ contactPointId: row.contactPointId, contactedPersonId: row.unnamed ? undefined : 'named' }));
  const sightings = facts.sightings
    .flatMap((row) => {
      const source = usable(row.sourceKey);
      return source && row.observedAt.getTime() <= now.getTime() ? [{ ...row, system: source.system }] : [];
    })
    .sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime());
  const windowStart = now.getTime() - rules.recentWindowDays * DAY;
  const recent = facts.recent.flatMap((row) => {
    const source = usable(row.sourceKey);
    const at = row.observedAt.getTime();
    return source && at >= windowStart && at <= now.getTime() ? [{ ...row, system: source.system, kind: source.kind }] : [];
  });
  return {
    facts,
    rules,
    now,
    sources,
    points: new Map(facts.points.map((point) => [point.id, point])),
    own: new Set(ownContactPointIds(facts.selfPersonId, facts.personPoints, unnamedAttempts)),
    attempts,
    sightings,
    recent,
  };
}

function ownPhones(context: Context): PointFacts[] {
  return [...context.own].flatMap((id) => {
    const point = context.points.get(id);
    return point?.kind === 'phone' ? [point] : [];
  });
}

function evidenceOf(row: { observationId: string; contactPointId: string; sourceKey: string; system: SourceSystem; observedAt: Date }): EvidenceObservation {
  return { observationId: row.observationId, contactPointId: row.contactPointId, sourceKey: row.sourceKey, system: row.system, observedAt: row.observedAt.toISOString() };
}

function attemptEvidence(attempt: AttemptRef): { id: string; outcome: AttemptOutcome; attemptedAt: string } {
  return { id: attempt.id, outcome: attempt.outcome, attemptedAt: attempt.at.toISOString() };
}

/** The phone given on the application (latest own phone an approval source saw) and the one the borrower last answered on. */
function anchorPhones(context: Context): { pointId: string; role: 'application' | 'confirmed'; since: Date }[] {
  const phones = new Set(ownPhones(context).map((point) => point.id));
  const anchors: { pointId: string; role: 'application' | 'confirmed'; since: Date }[] = [];
  const application = context.sightings.find((row) => row.system === 'approval' && phones.has(row.contactPointId));
  if (application) anchors.push({ pointId: application.contactPointId, role: 'application', since: application.observedAt });
  let confirmed: AttemptRef | undefined;
  let confirmedPoint: string | undefined;
  for (const pointId of phones) {
    const answered = answeredBefore(context, pointId);
    if (answered && (!confirmed || answered.at > confirmed.at)) [confirmed, confirmedPoint] = [answered, pointId];
  }
  if (confirmed && confirmedPoint && confirmedPoint !== application?.contactPointId) anchors.push({ pointId: confirmedPoint, role: 'confirmed', since: confirmed.at });
  return anchors;
}

function answeredBefore(context: Context, pointId: string): AttemptRef | undefined {
  const answered = context.attempts.get(pointId)?.lastAnswered;
  return answered && answered.at.getTime() <= context.now.getTime() ? answered : undefined;
}

/**
 * contact_changed: the application (or last confirmed) phone appears in none of the recent observations
 * the borrower's consent allows (nor was it answered in the window), while consented external sources
 * show another own mobile at least `minimumOtherSightings` times. No recent external evidence, no flag.
 */
function contactChanged(context: Context): WantedFlag[] {
  const external = context.recent.filter((row) => row.kind === 'external');
  if (external.length === 0) return [];
  const windowStart = context.now.getTime() - context.rules.recentWindowDays * DAY;
  const flags: WantedFlag[] = [];
  for (const anchor of anchorPhones(context)) {
    const seen = context.recent.some((row) => row.contactPointId === anchor.pointId);
    const answered = answeredBefore(context, anchor.pointId);
    if (seen || (answered && answered.at.getTime() >= windowStart)) continue;
    const replacement = mostSeenOtherMobile(context, external, anchor.pointId);
    if (!replacement || replacement.sightings.length < context.rules.minimumOtherSightings) continue;
    flags.push({
      contactPointId: anchor.pointId,
      type: 'contact_changed',
      evidence: {
        summary: `The ${anchor.role} phone is absent from ${external.length} consented external observations in the last ${context.rules.recentWindowDays} days, which show another own mobile ${replacement.sightings.length} times.`,
        anchor: anchor.role,
        anchorSince: anchor.since.toISOString(),
        windowDays: context.rules.recentWindowDays,
        externalObservations: external.length,
        // The newest ones make the case; a borrower with hundreds of parcels keeps the flag small.
        observations: [...external].sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime()).slice(0, MAX_EVIDENCE).map(evidenceOf),
      },
      suggestedReplacementId: replacement.pointId,
      suggestedActions: [],
    });
  }
  return flags;
}

function mostSeenOtherMobile(context: Context, external: Context['recent'], anchorId: string): { pointId: string; sightings: Context['recent'] } | undefined {
  const byPoint = new Map<string, Context['recent']>();
  for (const row of external) {
    if (row.contactPointId === anchorId || !context.own.has(row.contactPointId) || context.points.get(row.contactPointId)?.subtype !== 'mobile') continue;
    const rows = byPoint.get(row.contactPointId);
    if (rows) rows.push(row);
    else byPoint.set(row.contactPointId, [row]);
  }
  let best: { pointId: string; sightings: Context['recent']; latest: number } | undefined;
  for (const [pointId, sightings] of byPoint) {
    const latest = Math.max(...sightings.map((row) => row.observedAt.getTime()));
    if (!best || sightings.length > best.sightings.length || (sightings.length === best.sightings.length && latest > best.latest)) best = { pointId, sightings, latest };
  }
  return best;
}

/** not_seen_recently: no allowed source saw an own point within its system's freshness, and no call was answered on it lately. */
function notSeenRecently(context: Context): WantedFlag[] {
  const flags: WantedFlag[] = [];
  for (const pointId of context.own) {
    const sightings = context.sightings.filter((row) => row.contactPointId === pointId);
    // A point no allowed source names (one the platform called) has nothing to go stale against.
    if (sightings.length === 0) continue;
    if (freshSighting(context, pointId)) continue;
    const latest = sightings[0]!;
    flags.push({
      contactPointId: pointId,
      type: 'not_seen_recently',
      evidence: {
        summary: `No source has confirmed it within its freshness; last seen ${latest.observedAt.toISOString().slice(0, 10)} by a ${latest.system} source.`,
        observations: sightings.map(evidenceOf),
        freshnessDays: Object.fromEntries([...new Set(sightings.map((row) => row.system))].map((system) => [system, context.rules.freshnessDays[system]])),
      },
      suggestedReplacementId: null,
      suggestedActions: [],
    });
  }
  return flags;
}

function freshSighting(context: Context, pointId: string): ClosedBecause | undefined {
  const now = context.now.getTime();
  const sighting = context.sightings.find((row) => row.contactPointId === pointId && now - row.observedAt.getTime() <= context.rules.freshnessDays[row.system] * DAY);
  if (sighting) return { summary: `Seen again by a ${sighting.system} source on ${sighting.observedAt.toISOString().slice(0, 10)}.`, observations: [evidenceOf(sighting)] };
  const answered = answeredBefore(context, pointId);
  if (answered && now - answered.at.getTime() <= context.rules.answeredCallFreshnessDays * DAY) {
    return { summary: `A call was answered on it on ${answered.at.toISOString().slice(0, 10)}.`, attempts: [attemptEvidence(answered)] };
  }
  return undefined;
}

/** invalid_feedback: a call said invalid, disconnected or someone else, and no call was answered on the number since. */
function invalidFeedback(context: Context): WantedFlag[] {
  const flags: WantedFlag[] = [];
  for (const row of context.attempts.values()) {
    const invalid = row.lastInvalid;
    if (!invalid || !context.rules.invalidOutcomes.includes(invalid.outcome) || invalid.at.getTime() > context.now.getTime()) continue;
    const answered = answeredBefore(context, row.contactPointId);
    if (answered && answered.at.getTime() > invalid.at.getTime()) continue;
    flags.push({
      contactPointId: row.contactPointId,
      type: 'invalid_feedback',
      evidence: {
        summary: `${row.invalidCount} call${row.invalidCount === 1 ? '' : 's'} reported ${invalid.outcome.replace('_', ' ')}; none answered since.`,
        observations: [],
        attempts: [attemptEvidence(invalid)],
        invalidAttempts: row.invalidCount,
      },
      suggestedReplacementId: null,
      suggestedActions: [],
    });
  }
  return flags;
}

/** Employer changes within the window: each allowed sighting whose name differs from the one before. */
export function employerChanges(employers: readonly EmployerSighting[], windowStart: Date, now: Date): EmployerSighting[] {
  const ordered = [...employers].filter((row) => row.observedAt.getTime() <= now.getTime()).sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  const changes: EmployerSighting[] = [];
  let previous: string | undefined;
  for (const row of ordered) {
    const name = normaliseEmployer(row.name);
    if (name === '') continue;
    if (previous !== undefined && name !== previous && row.observedAt.getTime() >= windowStart.getTime()) changes.push(row);
    previous = name;
  }
  return changes;
}

function normaliseEmployer(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function allowedEmployers(context: Context): EmployerSighting[] {
  return context.facts.employers.filter((row) => {
    const source = context.sources.get(row.sourceKey);
    return source !== undefined && mayUseSource(context.facts.consent, source);
  });
}

/** job_change: the employer changed more than the configured number of times within the window. */
function jobChange(context: Context): WantedFlag[] {
  const { changes: limit, windowDays } = context.rules.jobChange;
  const changes = employerChanges(allowedEmployers(context), new Date(context.now.getTime() - windowDays * DAY), context.now);
  if (changes.length <= limit) return [];
  return [
    {
      contactPointId: null,
      type: 'job_change',
      evidence: {
        summary: `The employer changed ${changes.length} times in the last ${windowDays} days (more than ${limit}).`,
        observations: [],
        employerChanges: changes.map((row) => ({ sourceKey: row.sourceKey, observedAt: row.observedAt.toISOString() })),
        windowDays,
      },
      suggestedReplacementId: null,
      suggestedActions: [],
    },
  ];
}

function confirmation(context: Context, type: StaleFlagType, pointId: string | null): ClosedBecause {
  if (type === 'job_change') return { summary: `The employer changed no more than ${context.rules.jobChange.changes} times in the last ${context.rules.jobChange.windowDays} days.` };
  if (pointId === null) return { summary: 'No longer indicated.' };
  const answered = answeredBefore(context, pointId);
  if (type === 'invalid_feedback' && answered) return { summary: `A call was answered on it on ${answered.at.toISOString().slice(0, 10)}.`, attempts: [attemptEvidence(answered)] };
  if (type === 'contact_changed') {
    const seen = context.recent.find((row) => row.contactPointId === pointId);
    if (seen) return { summary: `Seen again by a ${seen.system} source on ${seen.observedAt.toISOString().slice(0, 10)}.`, observations: [evidenceOf(seen)] };
  }
  const fresh = freshSighting(context, pointId);
  if (fresh) return fresh;
  return { summary: context.own.has(pointId) ? 'The evidence no longer indicates it.' : 'No longer one of the borrower\'s own contact points, or its evidence is no longer allowed.' };
}

const MAX_OWN_NUMBERS = 3;

/**
 * What to do: verify the suggested replacement, re-verify through the borrower's other own numbers
 * (the one last used to call customer service first, then by latest confirmation, dead ones left out),
 * then ask the named contacts, far to near under the plan's contact rules, when the consent allows it.
 */
function suggestedActions(context: Context, flag: WantedFlag): SuggestedAction[] {
  const actions: SuggestedAction[] = [];
  if (flag.suggestedReplacementId) {
    actions.push({ action: 'verify_replacement', contactPointId: flag.suggestedReplacementId, why: 'The number consented external sources show instead; confirm it with the borrower.' });
  }
  const exclude = new Set([flag.contactPointId, flag.suggestedReplacementId]);
  const candidates = ownPhones(context).filter((point) => !exclude.has(point.id) && !isDead(context, point.id));
  const customerService = context.sightings.find((row) => row.system === 'customer_service' && candidates.some((point) => point.id === row.contactPointId));
  if (customerService) {
    actions.push({ action: 'call_own_number', contactPointId: customerService.contactPointId, why: `The number the borrower last called customer service from (${customerService.observedAt.toISOString().slice(0, 10)}).` });
  }
  const others = candidates
    .filter((point) => point.id !== customerService?.contactPointId)
    .map((point) => ({ point, last: lastConfirmed(context, point.id) }))
    .sort((a, b) => b.last - a.last)
    .slice(0, MAX_OWN_NUMBERS - (customerService ? 1 : 0));
  for (const { point, last } of others) {
    actions.push({ action: 'call_own_number', contactPointId: point.id, why: last > 0 ? `Another own number, last confirmed ${new Date(last).toISOString().slice(0, 10)}.` : 'Another own number on file.' });
  }
  if (context.facts.consent.thirdPartyContact && context.facts.contacts > 0) {
    actions.push({ action: 'ask_contacts', contacts: context.facts.contacts, why: 'Ask the named contacts, far to near, in the order and under the contact rules of the contact plan.' });
  }
  return actions;
}

function isDead(context: Context, pointId: string): boolean {
  const row = context.attempts.get(pointId);
  if (!row?.lastInvalid) return false;
  return !(row.lastAnswered && row.lastAnswered.at > row.lastInvalid.at);
}

function lastConfirmed(context: Context, pointId: string): number {
  const seen = context.sightings.find((row) => row.contactPointId === pointId)?.observedAt.getTime() ?? 0;
  return Math.max(seen, answeredBefore(context, pointId)?.at.getTime() ?? 0);
}
