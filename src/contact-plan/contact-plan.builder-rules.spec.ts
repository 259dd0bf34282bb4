import { describe, expect, it } from 'vitest';
import type { ContactPlan } from './contact-plan.types.js';
import type { ContactRules } from './contact-rules.js';
import type { PlanAttempt, PlanContactPoint, PlanLead } from './plan-data.js';
import {
  aLead,
  aPerson,
  aPhonePoint,
  aPlanData,
  anAddressPoint,
  anAttempt,
  BORROWER_ID,
  contact,
  ids,
  LOAN_APPLICATION,
  merge,
  NOW,
  own,
  type Parts,
  plan,
  RULES,
} from './plan-data.test-builders.js';

// Exclusions, contact rules, lost-contact status, conflicts and the borrower's own contacts in the contact plan.
// Ordering, consent and masking are in contact-plan.builder.spec.ts.

/** 08:00 in Shanghai on the next day. */
const TOMORROW_MORNING = new Date('2026-06-02T00:00:00Z');

/** Points no person holds (yet): numbers only dialled, or named in leads. */
function loose(...points: PlanContactPoint[]): Parts {
  return { persons: [], relations: [], personPoints: [], points };
}

const reasons = (result: ContactPlan) => Object.fromEntries(result.excluded.map((entry) => [entry.personId, entry.reason]));
const party = (result: ContactPlan, personId: string) => result.thirdParties.find((entry) => entry.personId === personId);

const friend = aPerson('tp-friend', { name: '赵磊' });
const friendPhone = aPhonePoint('pt-friend', '+8613900000006');
const asked = (outcome: PlanAttempt['outcome'], attemptedAt: string, overrides: Partial<PlanAttempt> = {}) => anAttempt('pt-friend', outcome, attemptedAt, { contactedPersonId: 'tp-friend', ...overrides });

describe('buildContactPlan: exclusions', () => {
  it('excludes a do_not_contact person even with working numbers', () => {
    const data = aPlanData(merge(contact(aPerson('tp-parent', { name: '张三', doNotContact: true }), 'parent', [aPhonePoint('pt-parent', '+8613900000002')]), contact(friend, 'friend', [friendPhone])));
    const result = plan(data);
    expect(ids(result.thirdParties)).toEqual(['tp-friend']);
    expect(result.excluded).toEqual([{ personId: 'tp-parent', name: '张*', relation: 'parent', reason: 'do_not_contact' }]);
  });

  it('gives no_consent before do_not_contact, and do_not_contact before invalid_numbers', () => {
    const parts = merge(contact(aPerson('tp-parent', { doNotContact: true }), 'parent'), contact(aPerson('tp-sibling'), 'sibling', [aPhonePoint('pt-sibling', '+8613900000004')]));
    const sharing = { ...parts, personPoints: [...parts.personPoints, { personId: 'tp-parent', contactPointId: 'pt-sibling' }] };
    expect(reasons(plan(aPlanData({ ...sharing, consent: { externalSources: true, thirdPartyContact: false } })))).toEqual({ 'tp-parent': 'no_consent', 'tp-sibling': 'no_consent' });
    expect(reasons(plan(aPlanData(sharing)))).toEqual({ 'tp-parent': 'do_not_contact' });
  });

  it('excludes a person whose every number is dead, or who has no number at all, for invalid_numbers', () => {
    const data = aPlanData({
      ...merge(
        contact(aPerson('tp-dead'), 'colleague', [aPhonePoint('pt-dead-1', '+8613900000011'), aPhonePoint('pt-dead-2', '+8613900000012')]),
        contact(aPerson('tp-none'), 'classmate'),
        contact(aPerson('tp-address-only'), 'neighbour', [anAddressPoint('pt-neighbour-home', { province: '广东省', city: '深圳市', district: '南山区' })]),
        contact(friend, 'friend', [friendPhone]),
      ),
      attempts: [anAttempt('pt-dead-1', 'invalid_number', '2026-05-20T03:00:00Z'), anAttempt('pt-dead-2', 'disconnected', '2026-05-21T03:00:00Z')],
    });
    const result = plan(data);
    expect(reasons(result)).toEqual({ 'tp-dead': 'invalid_numbers', 'tp-none': 'invalid_numbers', 'tp-address-only': 'invalid_numbers' });
    expect(ids(result.thirdParties)).toEqual(['tp-friend']);
  });

  it('lists only the working numbers of a person with one dead and one working number', () => {
    const data = aPlanData({
      ...contact(friend, 'friend', [friendPhone, aPhonePoint('pt-friend-old', '+8613900000016')]),
      attempts: [anAttempt('pt-friend-old', 'disconnected', '2026-05-20T03:00:00Z'), anAttempt('pt-friend', 'no_answer', '2026-05-20T03:00:00Z', { contactedPersonId: 'tp-friend' })],
    });
    expect(plan(data).thirdParties).toEqual([expect.objectContaining({ personId: 'tp-friend', phones: [expect.objectContaining({ id: 'pt-friend', validity: 'valid' })] })]);
  });

  it('counts a number that died and later answered (reassigned) as working', () => {
    const data = aPlanData({ ...contact(friend, 'friend', [friendPhone]), attempts: [anAttempt('pt-friend', 'disconnected', '2026-03-01T03:00:00Z'), anAttempt('pt-friend', 'wrong_person', '2026-05-01T03:00:00Z')] });
    expect(party(plan(data), 'tp-friend')?.phones[0]?.validity).toBe('valid');
  });

  it('never lists a switchboard as an individual’s own phone, only as the organisation’s', () => {
    const switchboard = aPhonePoint('pt-switchboard', '+8675586001234', { subtype: 'organisation' });
    const data = aPlanData(
      merge(
        contact(aPerson('tp-employer', { kind: 'organisation', name: '深圳市腾达科技有限公司' }), 'employer', [switchboard]),
        contact(aPerson('tp-colleague'), 'colleague', [switchboard, aPhonePoint('pt-colleague', '+8613900000007')]),
        contact(aPerson('tp-manager'), 'colleague', [switchboard]),
      ),
    );
    const result = plan(data);
    expect(party(result, 'tp-employer')?.phones.map((phone) => phone.id)).toEqual(['pt-switchboard']);
    expect(party(result, 'tp-colleague')?.phones.map((phone) => phone.id)).toEqual(['pt-colleague']);
    expect(reasons(result)).toEqual({ 'tp-manager': 'invalid_numbers' });
    // Sharing a switchboard is no tie: the colleague is not ranked through the employer.
    expect(party(result, 'tp-colleague')).toMatchObject({ hops: 1, distance: 5 });
  });

  it('excludes a third party already asked once (answered) for contact_limit', () => {
    const result = plan(aPlanData({ ...contact(friend, 'friend', [friendPhone]), attempts: [asked('answered', '2026-05-25T03:00:00Z')] }));
    expect(result.thirdParties).toEqual([]);
    expect(result.excluded).toEqual([{ personId: 'tp-friend', name: '赵*', relation: 'friend', reason: 'contact_limit' }]);
  });

  it('counts an answer on any of the person’s numbers, and no answer at all as not yet asked', () => {
    const second = aPhonePoint('pt-friend-2', '+8613900000026');
    const onOtherNumber = plan(aPlanData({ ...contact(friend, 'friend', [friendPhone, second]), attempts: [anAttempt('pt-friend-2', 'answered', '2026-05-25T03:00:00Z', { contactedPersonId: 'tp-friend' })] }));
    expect(reasons(onOtherNumber)).toEqual({ 'tp-friend': 'contact_limit' });
    const unanswered = plan(aPlanData({ ...contact(friend, 'friend', [friendPhone]), attempts: [asked('no_answer', '2026-05-25T03:00:00Z'), asked('busy', '2026-05-26T03:00:00Z'), asked('powered_off', '2026-05-27T03:00:00Z')] }));
    expect(party(unanswered, 'tp-friend')).toMatchObject({ nextAllowedAt: NOW, blockedBy: undefined });
  });

  it('re-allows a third party who asked to be called back, from the callback time', () => {
    const callbackAt = '2026-06-02T03:00:00Z'; // 11:00 tomorrow in Shanghai
    const result = plan(aPlanData({ ...contact(friend, 'friend', [friendPhone]), attempts: [asked('answered', '2026-05-31T03:00:00Z', { callbackRequestedAt: new Date(callbackAt) })] }));
    expect(result.excluded).toEqual([]);
    expect(party(result, 'tp-friend')).toMatchObject({ nextAllowedAt: new Date(callbackAt), blockedBy: 'contact_limit' });
  });

  it('allows a due callback now, and moves one asked for at night to 08:00', () => {
    const due = plan(aPlanData({ ...contact(friend, 'friend', [friendPhone]), attempts: [asked('answered', '2026-05-31T03:00:00Z', { callbackRequestedAt: new Date('2026-06-01T02:00:00Z') })] }));
    expect(party(due, 'tp-friend')).toMatchObject({ nextAllowedAt: NOW, blockedBy: undefined });
    // 23:00 in Shanghai.
    const atNight = plan(aPlanData({ ...contact(friend, 'friend', [friendPhone]), attempts: [asked('answered', '2026-05-31T03:00:00Z', { callbackRequestedAt: new Date('2026-06-01T15:00:00Z') })] }));
    expect(party(atNight, 'tp-friend')?.nextAllowedAt).toEqual(TOMORROW_MORNING);
  });

  it('uses up a callback once the third party has been called back', () => {
    const attempts = [asked('answered', '2026-05-30T03:00:00Z', { callbackRequestedAt: new Date('2026-05-31T03:00:00Z') }), asked('answered', '2026-05-31T03:00:00Z')];
    expect(reasons(plan(aPlanData({ ...contact(friend, 'friend', [friendPhone]), attempts })))).toEqual({ 'tp-friend': 'contact_limit' });
  });
});

describe('buildContactPlan: contact rules', () => {
  const ownPhone = aPhonePoint('pt-own', '+8613812345678');
  const ownSecond = aPhonePoint('pt-own-2', '+8613787654321');
  const neighbourhood = merge(own(ownPhone, ownSecond), contact(friend, 'friend', [friendPhone]));

  it('allows every contact at once at noon', () => {
    const result = plan(aPlanData(neighbourhood));
    expect(result.borrowerContacts.phones.map((phone) => [phone.nextAllowedAt, phone.blockedBy])).toEqual([
      [NOW, undefined],
      [NOW, undefined],
    ]);
    expect(party(result, 'tp-friend')).toMatchObject({ nextAllowedAt: NOW, blockedBy: undefined });
  });

  it('at 22:30 in Shanghai allows the borrower and third parties from 08:00 the next morning', () => {
    const result = plan(aPlanData(neighbourhood), { now: new Date('2026-06-01T14:30:00Z') });
    for (const phone of result.borrowerContacts.phones) expect(phone).toMatchObject({ nextAllowedAt: TOMORROW_MORNING, blockedBy: 'quiet_hours' });
    expect(party(result, 'tp-friend')).toMatchObject({ nextAllowedAt: TOMORROW_MORNING, blockedBy: 'quiet_hours' });
  });

  it('at 07:59 in Shanghai waits until 08:00 the same morning, and allows at 08:00 itself', () => {
    const early = plan(aPlanData(neighbourhood), { now: new Date('2026-05-31T23:59:00Z') });
    expect(early.borrowerContacts.phones[0]).toMatchObject({ nextAllowedAt: new Date('2026-06-01T00:00:00Z'), blockedBy: 'quiet_hours' });
    const eight = new Date('2026-06-01T00:00:00Z');
    expect(plan(aPlanData(neighbourhood), { now: eight }).borrowerContacts.phones[0]).toMatchObject({ nextAllowedAt: eight, blockedBy: undefined });
  });

  it('blocks the 4th connected call of the local day until 08:00 tomorrow (daily_call_limit)', () => {
    const attempts = [
      anAttempt('pt-own', 'answered', '2026-05-31T16:30:00Z'), // 00:30 on 1 June in Shanghai, though 31 May in UTC
      anAttempt('pt-own-2', 'answered', '2026-06-01T01:00:00Z'),
      anAttempt('pt-own', 'answered', '2026-06-01T03:00:00Z'),
    ];
    const result = plan(aPlanData({ ...neighbourhood, attempts }));
    for (const phone of result.borrowerContacts.phones) expect(phone).toMatchObject({ nextAllowedAt: TOMORROW_MORNING, blockedBy: 'daily_call_limit' });
    // The borrower's limit does not hold back third parties.
    expect(party(result, 'tp-friend')).toMatchObject({ nextAllowedAt: NOW });
  });

  it('allows a 3rd connected call, and does not count yesterday’s, unanswered calls or third parties answering', () => {
    const attempts = [
      anAttempt('pt-own', 'answered', '2026-05-31T12:00:00Z'), // 20:00 on 31 May in Shanghai
      anAttempt('pt-own', 'answered', '2026-06-01T01:00:00Z'),
      anAttempt('pt-own-2', 'answered', '2026-06-01T02:00:00Z'),
      anAttempt('pt-own', 'no_answer', '2026-06-01T02:30:00Z'),
      anAttempt('pt-own', 'rejected', '2026-06-01T02:40:00Z'),
      anAttempt('pt-own-2', 'answered', '2026-06-01T03:00:00Z', { contactedPersonId: 'tp-friend' }),
    ];
    const result = plan(aPlanData({ ...neighbourhood, attempts }));
    for (const phone of result.borrowerContacts.phones) expect(phone).toMatchObject({ nextAllowedAt: NOW, blockedBy: undefined });
  });

  it('counts connected calls on a number the plan no longer shows (external consent withdrawn since)', () => {
    const external = aPhonePoint('pt-own-external', '+8613611112222', { sources: [{ key: 'credit-bureau', trust: 0.6, kind: 'external' }] });
    const attempts = ['2026-06-01T01:00:00Z', '2026-06-01T02:00:00Z', '2026-06-01T03:00:00Z'].map((at) => anAttempt('pt-own-external', 'answered', at));
    const result = plan(aPlanData({ ...merge(own(ownPhone, external), contact(friend, 'friend', [friendPhone])), consent: { externalSources: false, thirdPartyContact: true }, attempts }));
    expect(result.borrowerContacts.phones.map((phone) => phone.id)).toEqual(['pt-own']);
    expect(result.borrowerContacts.phones[0]).toMatchObject({ nextAllowedAt: TOMORROW_MORNING, blockedBy: 'daily_call_limit' });
    // The hidden number itself stays out of the plan and of the status.
    expect(result.status).toBe('unknown');
    expect(JSON.stringify(result)).not.toContain('pt-own-external');
  });

  it('takes the rules from the options: two calls a day, no quiet hours until 23:00', () => {
    const rules: ContactRules = { ...RULES, quietHours: { start: '23:00', end: '07:00' }, maximumConnectedCallsPerDay: 2 };
    const attempts = [anAttempt('pt-own', 'answered', '2026-06-01T01:00:00Z'), anAttempt('pt-own', 'answered', '2026-06-01T02:00:00Z')];
    expect(plan(aPlanData({ ...neighbourhood, attempts }), { rules }).borrowerContacts.phones[0]).toMatchObject({ nextAllowedAt: new Date('2026-06-01T23:00:00Z'), blockedBy: 'daily_call_limit' });
    const late = new Date('2026-06-01T14:30:00Z');
    expect(plan(aPlanData(neighbourhood), { rules, now: late }).borrowerContacts.phones[0]).toMatchObject({ nextAllowedAt: late, blockedBy: undefined });
  });
});

describe('buildContactPlan: lost-contact status', () => {
  const ownPhone = aPhonePoint('pt-own', '+8613812345678');
  const ownSecond = aPhonePoint('pt-own-2', '+8613787654321');
  const statusOf = (attempts: PlanAttempt[], points = [ownPhone, ownSecond]) => plan(aPlanData({ ...own(...points), attempts }));

  it('is reachable after an answer on an own number in the last 30 days', () => {
    const result = statusOf([anAttempt('pt-own', 'answered', '2026-05-20T03:00:00Z')]);
    expect(result).toMatchObject({ status: 'reachable', statusReason: 'The borrower answered a call in the last 30 days.', guidance: [expect.stringMatching(/best working number/)] });
  });

  it('is objective_lost when every own number is dead, with the dead numbers scored 0 and never allowed', () => {
    const result = statusOf([anAttempt('pt-own', 'invalid_number', '2026-05-20T03:00:00Z'), anAttempt('pt-own-2', 'disconnected', '2026-05-21T03:00:00Z')]);
    expect(result.status).toBe('objective_lost');
    expect(result.statusReason).toMatch(/^All 2 numbers on file are dead/);
    expect(result.guidance.join(' ')).toMatch(/repair run/);
    for (const phone of result.borrowerContacts.phones) expect(phone).toMatchObject({ validity: 'invalid', score: 0, nextAllowedAt: null, blockedBy: undefined });
  });

  it('is subjective_lost when a working number rings unanswered three times', () => {
    const result = statusOf([
      anAttempt('pt-own', 'no_answer', '2026-05-20T03:00:00Z'),
      anAttempt('pt-own', 'rejected', '2026-05-21T03:00:00Z'),
      anAttempt('pt-own', 'busy', '2026-05-22T03:00:00Z'),
      anAttempt('pt-own-2', 'disconnected', '2026-05-22T03:00:00Z'),
    ]);
    expect(result.status).toBe('subjective_lost');
    expect(result.guidance.join(' ')).toMatch(/far to near/);
  });

  it('is unknown without numbers, with only untried numbers, or with too few calls', () => {
    expect(statusOf([], [])).toMatchObject({ status: 'unknown', statusReason: 'No phone numbers are on file for the borrower.' });
    expect(statusOf([])).toMatchObject({ status: 'unknown', statusReason: 'None of the 2 numbers on file has been called yet.' });
    expect(statusOf([anAttempt('pt-own', 'no_answer', '2026-05-20T03:00:00Z'), anAttempt('pt-own-2', 'no_answer', '2026-05-21T03:00:00Z')]).status).toBe('unknown');
    expect(statusOf([anAttempt('pt-own', 'answered', '2026-04-01T03:00:00Z')]).status).toBe('unknown');
  });

  it('ignores third parties answering on the borrower’s number, and switchboards on the borrower’s records', () => {
    const switchboard = aPhonePoint('pt-work', '+8675586001234', { subtype: 'organisation' });
    const result = statusOf([anAttempt('pt-own', 'answered', '2026-05-31T03:00:00Z', { contactedPersonId: 'tp-spouse' }), anAttempt('pt-work', 'answered', '2026-05-31T03:00:00Z')], [ownPhone, switchboard]);
    expect(result.status).toBe('unknown');
    expect(result.borrowerContacts.phones.map((phone) => phone.id)).toEqual(['pt-own']);
  });
});

describe('buildContactPlan: conflicts', () => {
  const leadPoints = loose(
    aPhonePoint('pt-lead-a', '+8613766660001', { sources: [] }),
    aPhonePoint('pt-lead-b', '+8613766660002', { sources: [] }),
    aPhonePoint('pt-lead-c', '+8613766660003', { sources: [] }),
  );
  const family = (...leads: PlanLead[]) =>
    aPlanData({
      ...merge(
        contact(aPerson('tp-spouse'), 'spouse', [aPhonePoint('pt-spouse', '+8613900000001')]),
        contact(aPerson('tp-parent'), 'parent', [aPhonePoint('pt-parent', '+8613900000002')]),
        contact(aPerson('tp-relative'), 'relative', [aPhonePoint('pt-relative', '+8613900000005')]),
        contact(friend, 'friend', [friendPhone]),
        contact(aPerson('tp-colleague'), 'colleague', [aPhonePoint('pt-colleague', '+8613900000007')]),
        leadPoints,
      ),
      leads,
    });

  it('flags a spouse whose lead shares nothing with what farther contacts said', () => {
    const result = plan(family(aLead('tp-spouse', 'pt-lead-a'), aLead('tp-friend', 'pt-lead-b'), aLead('tp-colleague', 'pt-lead-c', 'pt-lead-b')));
    expect(result.conflicts).toEqual([
      {
        nearInformant: { personId: 'tp-spouse', relation: 'spouse' },
        farInformants: [
          { personId: 'tp-friend', relation: 'friend' },
          { personId: 'tp-colleague', relation: 'colleague' },
        ],
        near: ['137****0001'],
        far: ['137****0002', '137****0003'],
        message: expect.stringMatching(/near relative/),
      },
    ]);
  });

  it.each(['tp-parent', 'tp-spouse'])('treats %s as immediate family', (near) => {
    expect(plan(family(aLead(near, 'pt-lead-a'), aLead('tp-friend', 'pt-lead-b'))).conflicts.map((conflict) => conflict.nearInformant.personId)).toEqual([near]);
  });

  it('flags each disagreeing near relative on its own', () => {
    const result = plan(family(aLead('tp-spouse', 'pt-lead-a'), aLead('tp-parent', 'pt-lead-c'), aLead('tp-friend', 'pt-lead-b')));
    expect(result.conflicts.map((conflict) => conflict.nearInformant.personId).sort()).toEqual(['tp-parent', 'tp-spouse']);
  });

  it('flags nothing when the near relative names a point a farther contact also named', () => {
    expect(plan(family(aLead('tp-spouse', 'pt-lead-a', 'pt-lead-c'), aLead('tp-friend', 'pt-lead-b', 'pt-lead-c'))).conflicts).toEqual([]);
  });

  it('flags nothing without a farther informant, or when only relatives and friends disagree', () => {
    expect(plan(family(aLead('tp-spouse', 'pt-lead-a'))).conflicts).toEqual([]);
    expect(plan(family(aLead('tp-spouse', 'pt-lead-a'), aLead(undefined, 'pt-lead-b'))).conflicts).toEqual([]);
    expect(plan(family(aLead('tp-relative', 'pt-lead-a'), aLead('tp-friend', 'pt-lead-b'))).conflicts).toEqual([]);
  });

  it('counts a relative (not immediate family) among the farther informants', () => {
    const result = plan(family(aLead('tp-spouse', 'pt-lead-a'), aLead('tp-relative', 'pt-lead-b')));
    expect(result.conflicts).toEqual([expect.objectContaining({ farInformants: [{ personId: 'tp-relative', relation: 'relative' }], far: ['137****0002'] })]);
  });

  it('ignores lead points the plan does not know', () => {
    expect(plan(family(aLead('tp-spouse', 'pt-unknown'), aLead('tp-friend', 'pt-lead-b'))).conflicts).toEqual([]);
  });
});

describe('buildContactPlan: the borrower’s own contacts', () => {
  it('sorts phones by score: answered first, then untried, a dead number last with score 0', () => {
    const data = aPlanData({
      ...own(aPhonePoint('pt-a-dead', '+8613800000001'), aPhonePoint('pt-b-untried', '+8613800000002'), aPhonePoint('pt-c-answered', '+8613800000003')),
      attempts: [anAttempt('pt-a-dead', 'disconnected', '2026-05-30T03:00:00Z'), anAttempt('pt-c-answered', 'answered', '2026-05-30T03:00:00Z')],
    });
    const phones = plan(data).borrowerContacts.phones;
    expect(phones.map((phone) => [phone.id, phone.validity])).toEqual([
      ['pt-c-answered', 'valid'],
      ['pt-b-untried', 'unknown'],
      ['pt-a-dead', 'invalid'],
    ]);
    expect(phones[0]!.score).toBeGreaterThan(phones[1]!.score);
    expect(phones[2]).toMatchObject({ score: 0, nextAllowedAt: null, lastAttempt: { outcome: 'disconnected', attemptedAt: new Date('2026-05-30T03:00:00Z') } });
  });

  it.each([
    ['seen more recently', { lastSeenAt: new Date('2026-05-31T00:00:00Z') }],
    ['confirmed by a second source', { sources: [LOAN_APPLICATION, { key: 'sales-crm', trust: 0.7, kind: 'internal' as const }] }],
    ['given by no other borrower', { borrowerCount: 1 }],
  ])('scores a number %s higher', (_, better) => {
    const baseline = { lastSeenAt: new Date('2025-06-01T00:00:00Z'), borrowerCount: 12 };
    const data = aPlanData(own(aPhonePoint('pt-a-baseline', '+8613800000001', baseline), aPhonePoint('pt-b-better', '+8613800000002', { ...baseline, ...better })));
    const phones = plan(data).borrowerContacts.phones;
    expect(phones.map((phone) => phone.id)).toEqual(['pt-b-better', 'pt-a-baseline']);
    expect(phones[0]!.score).toBeGreaterThan(phones[1]!.score);
  });

  it('orders equally scored numbers by id', () => {
    const data = aPlanData(own(aPhonePoint('pt-b', '+8613800000002'), aPhonePoint('pt-a', '+8613800000001')));
    expect(plan(data).borrowerContacts.phones.map((phone) => phone.id)).toEqual(['pt-a', 'pt-b']);
  });

  it('shows the latest attempt, and addresses with pickup points flagged', () => {
    const locker = anAddressPoint('pt-locker', { province: '广东省', city: '深圳市', district: '福田区' }, { subtype: 'pickup_point', borrowerCount: 40 });
    const home = anAddressPoint('pt-home', { province: '广东省', city: '深圳市', district: '南山区' });
    const data = aPlanData({
      ...own(aPhonePoint('pt-own', '+8613812345678'), home, locker),
      attempts: [anAttempt('pt-own', 'no_answer', '2026-05-29T03:00:00Z'), anAttempt('pt-own', 'answered', '2026-05-30T03:00:00Z'), anAttempt('pt-own', 'busy', '2026-05-28T03:00:00Z')],
    });
    const result = plan(data);
    expect(result.borrowerContacts.phones[0]!.lastAttempt).toEqual({ outcome: 'answered', attemptedAt: new Date('2026-05-30T03:00:00Z') });
    expect(result.borrowerContacts.addresses.map((address) => [address.id, address.masked, address.pickupPoint])).toEqual([
      ['pt-home', '广东省深圳市南山区****', false],
      ['pt-locker', '广东省深圳市福田区****', true],
    ]);
  });

  it('takes a number dialled for the borrower without naming anyone as the borrower’s, but not a third party’s number', () => {
    const data = aPlanData({
      ...merge(own(aPhonePoint('pt-own', '+8613812345678')), contact(friend, 'friend', [friendPhone]), loose(aPhonePoint('pt-dialled', '+8613500001111', { sources: [] }), aPhonePoint('pt-asked', '+8613500002222', { sources: [] }))),
      attempts: [
        anAttempt('pt-dialled', 'answered', '2026-05-31T03:00:00Z'),
        anAttempt('pt-friend', 'no_answer', '2026-05-31T03:00:00Z'),
        anAttempt('pt-asked', 'no_answer', '2026-05-31T03:00:00Z', { contactedPersonId: 'tp-friend' }),
      ],
    });
    const result = plan(data);
    expect(result.borrowerContacts.phones.map((phone) => phone.id).sort()).toEqual(['pt-dialled', 'pt-own']);
    expect(result.status).toBe('reachable');
  });

  it('builds a plan for a borrower known only from contact records (no self person)', () => {
    const borrowerNode = `borrower:${BORROWER_ID}`;
    const data = aPlanData({
      selfPersonId: undefined,
      ...merge(
        contact(aPerson('tp-spouse', { name: '王小明' }), 'spouse', [aPhonePoint('pt-spouse', '+8613900000001')], borrowerNode),
        contact(aPerson('tp-employer', { kind: 'organisation' }), 'employer', [aPhonePoint('pt-switchboard', '+8675586001234', { subtype: 'organisation' })], borrowerNode),
        loose(aPhonePoint('pt-dialled', '+8613812345678', { sources: [] })),
      ),
      attempts: [anAttempt('pt-dialled', 'no_answer', '2026-05-30T03:00:00Z'), anAttempt('pt-switchboard', 'answered', '2026-05-30T04:00:00Z')],
    });
    const result = plan(data);
    expect(result).toMatchObject({ borrowerRef: 'LOAN-2026-0001', generatedAt: NOW, masked: true, status: 'unknown', repair: null, conflicts: [] });
    expect(result.borrowerContacts.phones.map((phone) => [phone.id, phone.masked])).toEqual([['pt-dialled', '138****5678']]);
    expect(result.thirdParties.map((entry) => [entry.personId, entry.relation, entry.distanceExplanation])).toEqual([
      ['tp-employer', 'employer', 'employer of the borrower (8)'],
      ['tp-spouse', 'spouse', 'spouse of the borrower (1)'],
    ]);
  });

  it('builds an empty plan when nothing is known', () => {
    const result = plan(aPlanData({ selfPersonId: undefined }));
    expect(result).toEqual({
      borrowerRef: 'LOAN-2026-0001',
      generatedAt: NOW,
      masked: true,
      status: 'unknown',
      statusReason: 'No phone numbers are on file for the borrower.',
      guidance: [expect.stringMatching(/untried numbers/)],
      consent: { externalSources: true, thirdPartyContact: true },
      borrowerContacts: { phones: [], addresses: [] },
      thirdParties: [],
      excluded: [],
      conflicts: [],
      repair: null,
    });
  });

  it('reports the latest repair run with the candidates still in the plan', () => {
    const repair = { id: 'repair-1', status: 'completed', startedAt: new Date('2026-05-20T00:00:00Z'), finishedAt: new Date('2026-05-20T00:01:00Z'), candidateContactPointIds: ['pt-own', 'pt-gone'], sources: ['loan-application'] };
    expect(plan(aPlanData({ ...own(aPhonePoint('pt-own', '+8613812345678')), repair })).repair).toEqual({
      status: 'completed',
      startedAt: repair.startedAt,
      finishedAt: repair.finishedAt,
      candidates: 1,
      sources: ['loan-application'],
    });
  });
});
