import { describe, expect, it } from 'vitest';
import type { AttemptOutcome } from '../contact-attempts/attempt-outcome.js';
import {
  assessStaleness,
  type BorrowerStaleFacts,
  DEFAULT_STALE_RULES,
  employerChanges,
  flagKey,
  type SourceFacts,
  type StaleRules,
  type WantedFlag,
} from './staleness.js';
import { type OpenFlag, reconcileFlags } from './flag-reconciliation.js';

const NOW = new Date('2026-06-01T04:00:00Z');
const DAY = 86_400_000;
const SELF = 'person-self';
const RULES: StaleRules = DEFAULT_STALE_RULES;
const SOURCES = new Map<string, SourceFacts>(
  [
    { key: 'loan-application', system: 'approval', kind: 'internal' },
    { key: 'service-desk', system: 'customer_service', kind: 'internal' },
    { key: 'courier', system: 'logistics', kind: 'external' },
    { key: 'bureau', system: 'credit_bureau', kind: 'external' },
  ].map((source) => [source.key, source as SourceFacts]),
);

const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
let observation = 0;

function someFacts(overrides: Partial<BorrowerStaleFacts> = {}): BorrowerStaleFacts {
  return {
    borrowerId: 'borrower-1',
    consent: { externalSources: true, thirdPartyContact: true },
    selfPersonId: SELF,
    contacts: 2,
    personPoints: [],
    points: [],
    sightings: [],
    recent: [],
    attempts: [],
    employers: [],
    ...overrides,
  };
}

/** Own mobiles (held by the borrower's person). */
function own(...ids: string[]): Pick<BorrowerStaleFacts, 'personPoints' | 'points'> {
  return { personPoints: ids.map((contactPointId) => ({ personId: SELF, contactPointId })), points: ids.map((id) => ({ id, kind: 'phone', subtype: 'mobile' })) };
}

function sighting(contactPointId: string, sourceKey: string, days: number) {
  observation += 1;
  return { contactPointId, sourceKey, observationId: String(observation), observedAt: daysAgo(days) };
}

/** The application phone A (approval, 200 days ago), another own mobile B, and recent external sightings. */
function changedPhone(options: { bSightings: number; days?: number; consent?: boolean; aRecent?: boolean }): BorrowerStaleFacts {
  const days = options.days ?? 10;
  const recent = Array.from({ length: options.bSightings }, (_, index) => sighting('B', index % 2 ? 'courier' : 'bureau', days + index));
  recent.push(sighting('address-1', 'courier', days));
  if (options.aRecent) recent.push(sighting('A', 'courier', days));
  return someFacts({
    ...own('A', 'B'),
    consent: { externalSources: options.consent ?? true, thirdPartyContact: true },
    sightings: [sighting('A', 'loan-application', 200), ...recent],
    recent,
  });
}

function types(facts: BorrowerStaleFacts, rules: StaleRules = RULES): string[] {
  return assessStaleness(facts, SOURCES, rules, NOW).wanted.map(flagKey).sort();
}

function attempt(id: string, outcome: AttemptOutcome, days: number) {
  return { id, outcome, at: daysAgo(days) };
}

describe('contact_changed', () => {
  it('flags the application phone when recent consented external records show another own mobile twice, suggesting it', () => {
    const { wanted } = assessStaleness(changedPhone({ bSightings: 2 }), SOURCES, RULES, NOW);
    const flag = wanted.find((row) => row.type === 'contact_changed');
    expect(flag).toMatchObject({ contactPointId: 'A', suggestedReplacementId: 'B', evidence: { anchor: 'application' } });
    expect(flag?.evidence.observations.map((row) => row.sourceKey)).toEqual(expect.arrayContaining(['bureau', 'courier']));
    expect(flag?.suggestedActions[0]).toMatchObject({ action: 'verify_replacement', contactPointId: 'B' });
  });

  it('needs minimumOtherSightings: one sighting of the other number is not enough', () => {
    expect(types(changedPhone({ bSightings: 1 }))).not.toContain('contact_changed:A');
    expect(types(changedPhone({ bSightings: 1 }), { ...RULES, minimumOtherSightings: 1 })).toContain('contact_changed:A');
  });

  it('counts only observations inside the window', () => {
    expect(types(changedPhone({ bSightings: 2, days: 88 }))).toContain('contact_changed:A');
    // 90 and 91 days ago: the second one is outside.
    expect(types(changedPhone({ bSightings: 2, days: 90 }))).not.toContain('contact_changed:A');
  });

  it('uses external observations only with consent', () => {
    expect(types(changedPhone({ bSightings: 3, consent: false }))).not.toContain('contact_changed:A');
  });

  it('raises nothing without recent observations: no evidence is not evidence of change', () => {
    const facts = someFacts({ ...own('A', 'B'), sightings: [sighting('A', 'loan-application', 200)] });
    expect(types(facts)).not.toContain('contact_changed:A');
  });

  it('raises nothing while the application phone still appears recently, or was answered in the window', () => {
    expect(types(changedPhone({ bSightings: 3, aRecent: true }))).not.toContain('contact_changed:A');
    const answered = { ...changedPhone({ bSightings: 3 }), attempts: [{ contactPointId: 'A', unnamed: true, invalidCount: 0, lastInvalid: null, lastAnswered: attempt('t1', 'answered', 5) }] };
    expect(types(answered)).not.toContain('contact_changed:A');
  });

  it('takes the phone the borrower last answered on when there is no application phone', () => {
    const facts = changedPhone({ bSightings: 2 });
    facts.sightings = facts.sightings.filter((row) => row.sourceKey !== 'loan-application');
    facts.attempts = [{ contactPointId: 'A', unnamed: true, invalidCount: 0, lastInvalid: null, lastAnswered: attempt('t1', 'answered', 200) }];
    expect(assessStaleness(facts, SOURCES, RULES, NOW).wanted.find((row) => row.type === 'contact_changed')).toMatchObject({ contactPointId: 'A', evidence: { anchor: 'confirmed' } });
  });

  it('does not suggest a number a third party holds', () => {
    const facts = changedPhone({ bSightings: 2 });
    facts.personPoints = [{ personId: SELF, contactPointId: 'A' }, { personId: 'person-wife', contactPointId: 'B' }];
    expect(types(facts)).not.toContain('contact_changed:A');
  });
});

describe('not_seen_recently', () => {
  it('uses each source system its own freshness', () => {
    const facts = (sourceKey: string, days: number) => someFacts({ ...own('A'), sightings: [sighting('A', sourceKey, days)] });
    expect(types(facts('courier', 120))).not.toContain('not_seen_recently:A');
    expect(types(facts('courier', 121))).toContain('not_seen_recently:A');
    expect(types(facts('loan-application', 700))).not.toContain('not_seen_recently:A');
    expect(types(facts('loan-application', 731))).toContain('not_seen_recently:A');
  });

  it('is fresh while any allowed source saw it within its freshness', () => {
    const facts = someFacts({ ...own('A'), sightings: [sighting('A', 'courier', 300), sighting('A', 'bureau', 30)] });
    expect(types(facts)).not.toContain('not_seen_recently:A');
    expect(types({ ...facts, consent: { externalSources: false, thirdPartyContact: false } })).not.toContain('not_seen_recently:A');
  });

  it('ignores sightings the consent does not allow', () => {
    const facts = someFacts({ ...own('A'), sightings: [sighting('A', 'loan-application', 800), sighting('A', 'bureau', 10)], consent: { externalSources: false, thirdPartyContact: false } });
    expect(types(facts)).toContain('not_seen_recently:A');
  });

  it('counts an answered call as confirmation', () => {
    const facts = someFacts({ ...own('A'), sightings: [sighting('A', 'courier', 400)], attempts: [{ contactPointId: 'A', unnamed: true, invalidCount: 0, lastInvalid: null, lastAnswered: attempt('t1', 'answered', 20) }] });
    expect(types(facts)).not.toContain('not_seen_recently:A');
  });
});

describe('invalid_feedback', () => {
  const facts = (lastInvalid: ReturnType<typeof attempt> | null, lastAnswered: ReturnType<typeof attempt> | null) =>
    someFacts({ ...own('A'), attempts: [{ contactPointId: 'A', unnamed: true, invalidCount: lastInvalid ? 1 : 0, lastInvalid, lastAnswered }] });

  it('flags a number reported invalid, disconnected or someone else', () => {
    for (const outcome of ['invalid_number', 'disconnected', 'wrong_person'] as const) expect(types(facts(attempt('t1', outcome, 3), null))).toContain('invalid_feedback:A');
  });

  it('is cleared by a later answered call, not by an earlier one', () => {
    expect(types(facts(attempt('t1', 'disconnected', 5), attempt('t2', 'answered', 2)))).not.toContain('invalid_feedback:A');
    expect(types(facts(attempt('t1', 'disconnected', 2), attempt('t2', 'answered', 5)))).toContain('invalid_feedback:A');
  });

  it('follows the configured outcomes', () => {
    expect(types(facts(attempt('t1', 'wrong_person', 3), null), { ...RULES, invalidOutcomes: ['invalid_number', 'disconnected'] })).not.toContain('invalid_feedback:A');
  });
});

describe('job_change', () => {
  const employers = (names: string[], days: number[]) => names.map((name, index) => ({ name, sourceKey: 'loan-application', observedAt: daysAgo(days[index]!) }));

  it('flags more than the configured number of changes in the window: N no, N + 1 yes', () => {
    // A -> B -> C -> D: three changes.
    expect(types(someFacts({ employers: employers(['甲公司', '乙公司', '丙公司', '丁公司'], [400, 300, 200, 100]) }))).not.toContain('job_change:-');
    expect(types(someFacts({ employers: employers(['甲公司', '乙公司', '丙公司', '丁公司', '戊公司'], [400, 300, 200, 100, 50]) }))).toContain('job_change:-');
  });

  it('counts only changes inside the window, and not the same name written twice', () => {
    expect(employerChanges(employers(['甲公司', '乙公司', '乙 公司', '丙公司'], [500, 300, 200, 100]), daysAgo(365), NOW)).toHaveLength(2);
    expect(employerChanges(employers(['甲公司', '乙公司'], [500, 366]), daysAgo(365), NOW)).toHaveLength(0);
  });
});

describe('suggestedActions', () => {
  it('re-verifies through the number last used to call customer service, other own numbers, then contacts far to near', () => {
    const facts = someFacts({ ...own('A', 'C', 'D', 'E'), sightings: [sighting('A', 'courier', 400), sighting('D', 'service-desk', 30), sighting('C', 'loan-application', 20)], attempts: [{ contactPointId: 'E', unnamed: true, invalidCount: 1, lastInvalid: attempt('t', 'disconnected', 3), lastAnswered: null }] });
    const flag = assessStaleness(facts, SOURCES, RULES, NOW).wanted.find((row) => row.type === 'not_seen_recently' && row.contactPointId === 'A');
    expect(flag?.suggestedActions).toEqual([
      expect.objectContaining({ action: 'call_own_number', contactPointId: 'D', why: expect.stringContaining('customer service') }),
      expect.objectContaining({ action: 'call_own_number', contactPointId: 'C' }),
      expect.objectContaining({ action: 'ask_contacts', contacts: 2 }),
    ]);
  });

  it('does not suggest asking contacts without third-party consent', () => {
    const facts = someFacts({ ...own('A'), sightings: [sighting('A', 'courier', 400)], consent: { externalSources: true, thirdPartyContact: false } });
    expect(assessStaleness(facts, SOURCES, RULES, NOW).wanted[0]?.suggestedActions).toEqual([]);
  });
});

describe('reconcileFlags', () => {
  const wanted = (contactPointId: string, type: WantedFlag['type'] = 'not_seen_recently'): WantedFlag => ({ contactPointId, type, evidence: { summary: 's', observations: [] }, suggestedReplacementId: null, suggestedActions: [] });
  const open = (id: string, flag: WantedFlag): OpenFlag => ({ id, contactPointId: flag.contactPointId, type: flag.type, evidence: flag.evidence, suggestedReplacementId: null, suggestedActions: [] });

  it('raises what is new, keeps what is still wanted and closes the rest with what confirmed it', () => {
    const confirmations = new Map([[flagKey(wanted('B')), { summary: 'Seen again' }]]);
    const result = reconcileFlags([open('f1', wanted('A')), open('f2', wanted('B'))], [wanted('A'), wanted('C')], NOW, confirmations);
    expect(result.raise.map((flag) => flag.contactPointId)).toEqual(['C']);
    expect(result.keep).toEqual([expect.objectContaining({ id: 'f1', changed: false })]);
    expect(result.close).toEqual([{ id: 'f2', closedBecause: { summary: 'Seen again', closedAt: NOW.toISOString() } }]);
  });

  it('keeps a flag whose evidence came back from jsonb with its keys reordered unchanged, and notices real changes', () => {
    const flag = wanted('A');
    const stored = { ...open('f1', flag), evidence: { observations: [], summary: 's' } };
    expect(reconcileFlags([stored], [flag], NOW).keep[0]?.changed).toBe(false);
    expect(reconcileFlags([stored], [{ ...flag, evidence: { summary: 'other', observations: [] } }], NOW).keep[0]?.changed).toBe(true);
  });

  it('tells a borrower-level flag from point flags', () => {
    const job: WantedFlag = { ...wanted('x', 'job_change'), contactPointId: null };
    expect(reconcileFlags([open('f1', job)], [job], NOW)).toMatchObject({ raise: [], close: [], keep: [{ id: 'f1' }] });
  });
});
