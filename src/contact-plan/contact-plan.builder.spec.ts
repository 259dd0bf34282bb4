import { describe, expect, it } from 'vitest';
import { NO_CONSENT, type ConsentState } from '../consent/consent-in-force.js';
import {
  ALL_CONSENT,
  aPerson,
  aPhonePoint,
  aPlanData,
  anAddressPoint,
  anAttempt,
  contact,
  ids,
  LOAN_APPLICATION,
  merge,
  NOW,
  own,
  type Parts,
  plan,
  SELF,
} from './plan-data.test-builders.js';

// Ordering, consent and masking of the contact plan. Contact rules, exclusions, status and conflicts are in
// contact-plan.builder-rules.spec.ts.

const CREDIT_BUREAU = { key: 'credit-bureau', trust: 0.6, kind: 'external' } as const;

describe('buildContactPlan: third parties far to near', () => {
  const mobile = (n: number) => `+86139000000${String(n).padStart(2, '0')}`;
  const neighbourhood = merge(
    contact(aPerson('tp-spouse', { name: '王小明' }), 'spouse', [aPhonePoint('pt-spouse', mobile(1))]),
    contact(aPerson('tp-parent', { name: '张三' }), 'parent', [aPhonePoint('pt-parent', mobile(2))]),
    contact(aPerson('tp-child', { name: '张小雨' }), 'child', [aPhonePoint('pt-child', mobile(3))]),
    contact(aPerson('tp-sibling', { name: '张丽' }), 'sibling', [aPhonePoint('pt-sibling', mobile(4))]),
    contact(aPerson('tp-relative', { name: '陈国强' }), 'relative', [aPhonePoint('pt-relative', mobile(5))]),
    contact(aPerson('tp-friend', { name: '赵磊' }), 'friend', [aPhonePoint('pt-friend', mobile(6))]),
    contact(aPerson('tp-colleague', { name: '孙丽丽' }), 'colleague', [aPhonePoint('pt-colleague', mobile(7))]),
    contact(aPerson('tp-classmate', { name: '钱多多' }), 'classmate', [aPhonePoint('pt-classmate', mobile(8))]),
    contact(aPerson('tp-neighbour', { name: '周杰' }), 'neighbour', [aPhonePoint('pt-neighbour', mobile(9))]),
    contact(aPerson('tp-employer', { kind: 'organisation', name: '深圳市腾达科技有限公司' }), 'employer', [aPhonePoint('pt-switchboard', '+8675586001234', { subtype: 'organisation' })]),
    contact(aPerson('tp-property', { kind: 'organisation', name: '阳光花园物业管理处' }), 'property_office', [aPhonePoint('pt-property', '+8675586005678', { subtype: 'organisation' })]),
    // The parent is a borrower too and declared their own sibling: the borrower's aunt, two hops out.
    contact(aPerson('tp-aunt', { name: '张秀英' }), 'sibling', [aPhonePoint('pt-aunt', mobile(10))], 'tp-parent'),
  );

  it('puts organisations first and the spouse and parents last, every entry in descending distance', () => {
    const result = plan(aPlanData(neighbourhood));
    expect(ids(result.thirdParties)).toEqual([
      'tp-property', // 9
      'tp-employer', // 8
      'tp-neighbour', // 6
      'tp-classmate', // 5.5
      'tp-colleague', // 5, ties broken by personId
      'tp-friend', // 5
      'tp-aunt', // 1 + 1.5 + 2 for the extra hop
      'tp-relative', // 3
      'tp-sibling', // 1.5
      'tp-child', // 1.2
      'tp-parent', // 1
      'tp-spouse', // 1
    ]);
    const distances = result.thirdParties.map((party) => party.distance);
    expect(distances).toEqual([...distances].sort((left, right) => right - left));
    expect(result.thirdParties.slice(0, 2).every((party) => party.kind === 'organisation')).toBe(true);
    expect(result.excluded).toEqual([]);
  });

  it('ranks a person reached only through another person farther than the one in between, as an other contact', () => {
    const result = plan(aPlanData(neighbourhood));
    const aunt = result.thirdParties.find((party) => party.personId === 'tp-aunt')!;
    const parent = result.thirdParties.find((party) => party.personId === 'tp-parent')!;
    expect(aunt).toMatchObject({ relation: 'other', distance: 4.5, hops: 2, distanceExplanation: 'sibling (1.5) of the parent (1) + 2 for the extra hop = 4.5' });
    expect(parent).toMatchObject({ distance: 1, hops: 1, distanceExplanation: 'parent of the borrower (1)' });
    expect(ids(result.thirdParties).indexOf('tp-aunt')).toBeLessThan(ids(result.thirdParties).indexOf('tp-parent'));
  });

  it('ranks a person sharing a phone with a contact two hops out, as an other contact', () => {
    const data = aPlanData(
      merge(
        contact(aPerson('tp-colleague', { name: '孙丽丽' }), 'colleague', [aPhonePoint('pt-colleague', mobile(7))]),
        { persons: [aPerson('tp-flatmate', { name: '林一' })], relations: [], personPoints: [{ personId: 'tp-flatmate', contactPointId: 'pt-colleague' }], points: [] },
      ),
    );
    const result = plan(data);
    expect(ids(result.thirdParties)).toEqual(['tp-flatmate', 'tp-colleague']);
    expect(result.thirdParties[0]).toMatchObject({ relation: 'other', distance: 11, hops: 2, distanceExplanation: 'shares a phone (4) with the colleague (5) + 2 for the extra hop = 11' });
  });

  it('describes each entry: canonical relation, distance, phones, sources and the location inquiry purpose', () => {
    const result = plan(aPlanData(neighbourhood));
    expect(result.thirdParties.find((party) => party.personId === 'tp-colleague')).toEqual({
      personId: 'tp-colleague',
      name: '孙*丽',
      kind: 'individual',
      relation: 'colleague',
      distance: 5,
      hops: 1,
      distanceExplanation: 'colleague of the borrower (5)',
      phones: [{ id: 'pt-colleague', masked: '139****0007', e164: undefined, extension: undefined, validity: 'unknown', score: expect.any(Number) }],
      sources: ['loan-application'],
      sharedWithBorrowers: 0,
      purpose: 'location_inquiry',
      nextAllowedAt: NOW,
      blockedBy: undefined,
    });
    expect(result.thirdParties.every((party) => party.purpose === 'location_inquiry')).toBe(true);
    expect(result.thirdParties.find((party) => party.personId === 'tp-employer')).toMatchObject({ relation: 'employer', phones: [{ id: 'pt-switchboard', masked: '0755****1234' }] });
  });

  it('counts the other borrowers a contact is shared with', () => {
    const data = aPlanData(contact(aPerson('tp-friend', { otherBorrowers: ['borrower-7', 'borrower-9'] }), 'friend', [aPhonePoint('pt-friend', mobile(6))]));
    expect(plan(data).thirdParties[0]!.sharedWithBorrowers).toBe(2);
  });

  it('leaves the self relation and the borrower out of third parties', () => {
    const data = aPlanData({
      ...merge(contact(aPerson('tp-spouse'), 'spouse', [aPhonePoint('pt-spouse', mobile(1))])),
      relations: [
        { fromPersonId: SELF, toPersonId: SELF, relation: 'self' },
        { fromPersonId: SELF, toPersonId: 'tp-spouse', relation: 'spouse' },
      ],
    });
    expect(ids(plan(data).thirdParties)).toEqual(['tp-spouse']);
  });
});

describe('buildContactPlan: consent', () => {
  // Internal and external data side by side: own phones, an address, a mixed-source phone, and a friend
  // only an external source knows.
  const ownInternal = aPhonePoint('pt-own-internal', '+8613812345678', { sources: [LOAN_APPLICATION] });
  const ownExternal = aPhonePoint('pt-own-external', '+8613787654321', { sources: [CREDIT_BUREAU] });
  const ownMixed = aPhonePoint('pt-own-mixed', '+8613611112222', { sources: [LOAN_APPLICATION, CREDIT_BUREAU] });
  const homeInternal = anAddressPoint('pt-home', { province: '广东省', city: '深圳市', district: '南山区', text: '广东省深圳市南山区科技园路1号' });
  const homeExternal = anAddressPoint('pt-home-external', { province: '湖南省', city: '长沙市', district: '岳麓区', text: '湖南省长沙市岳麓区麓山南路88号' }, { sources: [CREDIT_BUREAU] });
  const spousePhone = aPhonePoint('pt-spouse', '+8613900000001');
  const spouseExternalPhone = aPhonePoint('pt-spouse-external', '+8613900000099', { sources: [CREDIT_BUREAU] });
  const externalFriend = aPerson('tp-external-friend', { name: '外部朋友', internalRecords: 0, externalRecords: 2, sourceKeys: [CREDIT_BUREAU.key] });
  const externalFriendPhone = aPhonePoint('pt-external-friend', '+8613900000055', { sources: [CREDIT_BUREAU] });
  // Known through an external record only as someone sharing the spouse's external number.
  const externalFlatmate = aPerson('tp-external-flatmate', { internalRecords: 0, externalRecords: 1, sourceKeys: [CREDIT_BUREAU.key] });
  const data = (consent: ConsentState) =>
    aPlanData({
      consent,
      ...merge(
        own(ownInternal, ownExternal, ownMixed, homeInternal, homeExternal),
        contact(aPerson('tp-spouse', { name: '王小明', internalRecords: 1, externalRecords: 1, sourceKeys: [LOAN_APPLICATION.key, CREDIT_BUREAU.key] }), 'spouse', [spousePhone, spouseExternalPhone]),
        contact(aPerson('tp-colleague', { name: '孙丽丽' }), 'colleague', [aPhonePoint('pt-colleague', '+8613900000007')]),
        contact(externalFriend, 'friend', [externalFriendPhone]),
        { persons: [externalFlatmate], relations: [], personPoints: [{ personId: externalFlatmate.id, contactPointId: spouseExternalPhone.id }], points: [] },
      ),
      attempts: [anAttempt(ownExternal.id, 'answered', '2026-05-30T03:00:00Z')],
      repair: { id: 'repair-1', status: 'completed', startedAt: new Date('2026-05-20T00:00:00Z'), finishedAt: new Date('2026-05-20T00:01:00Z'), candidateContactPointIds: [ownInternal.id, ownExternal.id], sources: ['loan-application'] },
    });
  const externalOnly = [ownExternal.id, homeExternal.id, spouseExternalPhone.id, externalFriend.id, externalFriendPhone.id, externalFlatmate.id, CREDIT_BUREAU.key, '外部', '+8613787654321', '湖南省'];

  it('treats no consent record as no consent: nothing external, no third party, everyone excluded for no_consent', () => {
    const result = plan(aPlanData({ ...data(NO_CONSENT) }), { unmasked: true });
    expect(result.consent).toEqual({ externalSources: false, thirdPartyContact: false });
    expect(result.thirdParties).toEqual([]);
    expect(result.excluded).toEqual([
      { personId: 'tp-colleague', name: '孙丽丽', relation: 'colleague', reason: 'no_consent' },
      { personId: 'tp-spouse', name: '王小明', relation: 'spouse', reason: 'no_consent' },
    ]);
    const text = JSON.stringify(result);
    for (const hidden of externalOnly) expect(text).not.toContain(hidden);
  });

  it('without external consent hides external-only phones, addresses, observations and sources, and scores on internal evidence', () => {
    const result = plan(data({ externalSources: false, thirdPartyContact: true }), { unmasked: true });
    expect(result.borrowerContacts.phones.map((phone) => phone.id).sort()).toEqual(['pt-own-internal', 'pt-own-mixed']);
    expect(result.borrowerContacts.addresses.map((address) => address.id)).toEqual(['pt-home']);
    const mixed = result.borrowerContacts.phones.find((phone) => phone.id === 'pt-own-mixed')!;
    expect(mixed.observations).toEqual([{ sourceKey: 'loan-application', sourceRecordId: 'loan-application-record-of-pt-own-mixed', observedAt: new Date('2026-05-01T00:00:00Z') }]);
    expect(mixed.factors.confirmation).toBe(0.5);
    expect(mixed.factors.trust).toBe(0.9);
    // The only answered call was on the hidden number: it is not used to judge the status either.
    expect(result.status).toBe('unknown');
    expect(ids(result.thirdParties)).toEqual(['tp-colleague', 'tp-spouse']);
    const spouse = result.thirdParties.find((party) => party.personId === 'tp-spouse')!;
    expect(spouse.phones.map((phone) => phone.id)).toEqual(['pt-spouse']);
    expect(spouse.sources).toEqual(['loan-application']);
    expect(result.excluded).toEqual([]);
    expect(result.repair).toMatchObject({ candidates: 1 });
    const text = JSON.stringify(result);
    for (const hidden of externalOnly) expect(text).not.toContain(hidden);
  });

  it('with external consent only shows external data but contacts no third party', () => {
    const result = plan(data({ externalSources: true, thirdPartyContact: false }), { unmasked: true });
    expect(result.borrowerContacts.phones.map((phone) => phone.id).sort()).toEqual(['pt-own-external', 'pt-own-internal', 'pt-own-mixed']);
    expect(result.borrowerContacts.addresses.map((address) => address.id).sort()).toEqual(['pt-home', 'pt-home-external']);
    expect(result.status).toBe('reachable');
    expect(result.thirdParties).toEqual([]);
    expect(result.excluded.map((entry) => [entry.personId, entry.reason])).toEqual([
      ['tp-external-flatmate', 'no_consent'], // 7: shares the spouse's external number
      ['tp-colleague', 'no_consent'], // 5, before the friend's 5 by personId
      ['tp-external-friend', 'no_consent'],
      ['tp-spouse', 'no_consent'],
    ]);
  });

  it('with both consents shows everything, external sources and persons included', () => {
    const result = plan(data(ALL_CONSENT), { unmasked: true });
    expect(result.consent).toEqual({ externalSources: true, thirdPartyContact: true });
    expect(ids(result.thirdParties)).toEqual(['tp-external-flatmate', 'tp-colleague', 'tp-external-friend', 'tp-spouse']);
    const spouse = result.thirdParties.find((party) => party.personId === 'tp-spouse')!;
    expect(spouse.phones.map((phone) => phone.id).sort()).toEqual(['pt-spouse', 'pt-spouse-external']);
    expect(spouse.sources).toEqual(['loan-application', 'credit-bureau']);
    expect(result.thirdParties[0]!.distanceExplanation).toBe('shares a phone (4) with the spouse (1) + 2 for the extra hop = 7');
    const mixed = result.borrowerContacts.phones.find((phone) => phone.id === 'pt-own-mixed')!;
    expect(mixed.observations.map((observation) => observation.sourceKey)).toEqual(['loan-application', 'credit-bureau']);
    expect(mixed.factors.confirmation).toBe(0.75);
    expect(result.repair).toMatchObject({ candidates: 2 });
    expect(result.excluded).toEqual([]);
  });

  it('hides a person reached only through an external-only number, and never names them as excluded', () => {
    const result = plan(data({ externalSources: false, thirdPartyContact: false }));
    expect(ids(result.excluded)).not.toContain('tp-external-flatmate');
    expect(ids(result.excluded)).not.toContain('tp-external-friend');
  });

  it('keeps a number only the platform called (no source names it) without external consent', () => {
    const called = aPhonePoint('pt-called', '+8613500001111', { sources: [], observations: [] });
    const result = plan(aPlanData({ consent: NO_CONSENT, points: [called], attempts: [anAttempt('pt-called', 'answered', '2026-05-31T03:00:00Z')] }));
    expect(result.borrowerContacts.phones.map((phone) => phone.id)).toEqual(['pt-called']);
    expect(result.status).toBe('reachable');
  });

  it('drops a conflict that rests only on an external-only number without external consent', () => {
    const leadData = (consent: ConsentState) => ({
      ...data(consent),
      leads: [
        { informantPersonId: 'tp-spouse', contactPointIds: [ownExternal.id], createdAt: new Date('2026-05-31T00:00:00Z') },
        { informantPersonId: 'tp-colleague', contactPointIds: [ownInternal.id], createdAt: new Date('2026-05-31T00:00:00Z') },
      ],
    });
    expect(plan(leadData({ externalSources: false, thirdPartyContact: true })).conflicts).toEqual([]);
    expect(plan(leadData(ALL_CONSENT)).conflicts).toHaveLength(1);
  });

  it('does not use an external-only person as an informant without external consent', () => {
    const leadData = (consent: ConsentState) => ({
      ...data(consent),
      leads: [
        { informantPersonId: 'tp-spouse', contactPointIds: [ownInternal.id], createdAt: new Date('2026-05-31T00:00:00Z') },
        { informantPersonId: externalFriend.id, contactPointIds: [ownMixed.id], createdAt: new Date('2026-05-31T00:00:00Z') },
      ],
    });
    expect(plan(leadData({ externalSources: false, thirdPartyContact: true })).conflicts).toEqual([]);
    expect(plan(leadData(ALL_CONSENT)).conflicts.map((conflict) => conflict.farInformants)).toEqual([[{ personId: externalFriend.id, relation: 'friend' }]]);
  });
});

describe('buildContactPlan: masking', () => {
  const secrets = {
    own: '+8613812345678',
    second: '+8613787654321',
    spouse: '+8613900000001',
    friend: '+8613900000006',
    switchboard: '+8675586001234',
    leadNear: '+8613766660001',
    leadFar: '+8613766660002',
  };
  const home = anAddressPoint('pt-home', { province: '广东省', city: '深圳市', district: '南山区', text: '广东省深圳市南山区科技园路1号阳光花园3栋' });
  // Leads name points no record holds yet: the informant's word is the only source.
  const leadPoints: Parts = {
    persons: [],
    relations: [],
    personPoints: [],
    points: [
      aPhonePoint('pt-lead-near', secrets.leadNear, { sources: [] }),
      aPhonePoint('pt-lead-far', secrets.leadFar, { sources: [] }),
      anAddressPoint('pt-lead-address', { province: '北京市', city: '北京市', district: '朝阳区', text: '北京市朝阳区建国路99号' }, { sources: [] }),
    ],
  };
  const data = aPlanData({
    ...merge(
      own(aPhonePoint('pt-own', secrets.own), aPhonePoint('pt-own-2', secrets.second, { extension: '801' }), home),
      contact(aPerson('tp-spouse', { name: '王小明' }), 'spouse', [aPhonePoint('pt-spouse', secrets.spouse)]),
      contact(aPerson('tp-friend', { name: '赵磊' }), 'friend', [aPhonePoint('pt-friend', secrets.friend)]),
      contact(aPerson('tp-employer', { kind: 'organisation', name: '深圳市腾达科技有限公司' }), 'employer', [aPhonePoint('pt-switchboard', secrets.switchboard, { subtype: 'organisation', extension: '8001' })]),
      contact(aPerson('tp-parent', { name: '张三', doNotContact: true }), 'parent', [aPhonePoint('pt-parent', '+8613900000002')]),
      contact(aPerson('tp-latin', { name: 'John Smith' }), 'classmate', [aPhonePoint('pt-latin', '+8613900000003')]),
      leadPoints,
    ),
    leads: [
      { informantPersonId: 'tp-spouse', contactPointIds: ['pt-lead-near', 'pt-lead-address'], createdAt: new Date('2026-05-31T00:00:00Z') },
      { informantPersonId: 'tp-friend', contactPointIds: ['pt-lead-far'], createdAt: new Date('2026-05-31T00:00:00Z') },
    ],
  });
  const fullNames = ['王小明', '赵磊', '深圳市腾达科技有限公司', '张三', 'John Smith', 'Smith'];
  const nationalDigits = Object.values(secrets).concat('+8613900000002', '+8613900000003').map((e164) => e164.replace('+86', ''));

  it('masks names, numbers and addresses everywhere by default', () => {
    const result = plan(data);
    expect(result.masked).toBe(true);
    expect(result.borrowerContacts.phones.map((phone) => [phone.masked, phone.e164, phone.extension])).toEqual(
      expect.arrayContaining([
        ['138****5678', undefined, undefined],
        ['137****4321', undefined, undefined],
      ]),
    );
    expect(result.borrowerContacts.addresses).toEqual([expect.objectContaining({ id: 'pt-home', masked: '广东省深圳市南山区****', text: undefined })]);
    const byId = new Map(result.thirdParties.map((party) => [party.personId, party]));
    expect(byId.get('tp-spouse')).toMatchObject({ name: '王*明', phones: [{ masked: '139****0001', e164: undefined }] });
    expect(byId.get('tp-friend')).toMatchObject({ name: '赵*', phones: [{ masked: '139****0006', e164: undefined }] });
    expect(byId.get('tp-employer')).toMatchObject({ name: '深*********司', phones: [{ masked: '0755****1234', e164: undefined, extension: undefined }] });
    expect(byId.get('tp-latin')).toMatchObject({ name: 'J*** S****' });
    expect(result.excluded).toEqual([{ personId: 'tp-parent', name: '张*', relation: 'parent', reason: 'do_not_contact' }]);
    expect(result.conflicts).toEqual([expect.objectContaining({ near: ['137****0001', '北京市朝阳区****'], far: ['137****0002'] })]);
  });

  it('leaves no full number, full name or street anywhere in the serialised masked plan', () => {
    const text = JSON.stringify(plan(data));
    for (const digits of nationalDigits) expect(text).not.toContain(digits);
    for (const name of fullNames) expect(text).not.toContain(name);
    for (const street of ['科技园路', '阳光花园', '建国路']) expect(text).not.toContain(street);
    // No run of eight digits at all: neither a whole number nor the hidden middle of one.
    expect(text).not.toMatch(/\d{8}/);
  });

  it('masks the names of persons excluded for lack of consent too', () => {
    const result = plan({ ...data, consent: NO_CONSENT });
    expect(result.excluded.map((entry) => [entry.name, entry.reason])).toEqual(expect.arrayContaining([['王*明', 'no_consent'], ['张*', 'no_consent'], ['深*********司', 'no_consent']]));
    const text = JSON.stringify(result);
    for (const name of fullNames) expect(text).not.toContain(name);
    expect(text).not.toMatch(/\d{8}/);
  });

  it('shows e164, extension, name, address text and conflict values only when unmasked', () => {
    const result = plan(data, { unmasked: true });
    expect(result.masked).toBe(false);
    expect(result.borrowerContacts.phones.find((phone) => phone.id === 'pt-own')).toMatchObject({ masked: '138****5678', e164: secrets.own });
    expect(result.borrowerContacts.phones.find((phone) => phone.id === 'pt-own-2')).toMatchObject({ e164: secrets.second, extension: '801' });
    expect(result.borrowerContacts.addresses[0]).toMatchObject({ masked: '广东省深圳市南山区****', text: '广东省深圳市南山区科技园路1号阳光花园3栋' });
    const byId = new Map(result.thirdParties.map((party) => [party.personId, party]));
    expect(byId.get('tp-spouse')).toMatchObject({ name: '王小明', phones: [{ masked: '139****0001', e164: secrets.spouse }] });
    expect(byId.get('tp-employer')).toMatchObject({ name: '深圳市腾达科技有限公司', phones: [{ e164: secrets.switchboard, extension: '8001' }] });
    expect(result.excluded).toEqual([{ personId: 'tp-parent', name: '张三', relation: 'parent', reason: 'do_not_contact' }]);
    expect(result.conflicts).toEqual([expect.objectContaining({ near: [secrets.leadNear, '北京市朝阳区建国路99号'], far: [secrets.leadFar] })]);
  });

  it('masks a person without a name as no name, and an address without parts as ****', () => {
    const result = plan(
      aPlanData(merge(own(anAddressPoint('pt-unparsed', { text: '某小区5号楼' })), contact(aPerson('tp-nameless'), 'friend', [aPhonePoint('pt-nameless', '+8613900000010')]))),
    );
    expect(result.thirdParties[0]!.name).toBeUndefined();
    expect(result.borrowerContacts.addresses[0]!.masked).toBe('****');
    expect(JSON.stringify(result)).not.toContain('某小区');
  });
});
