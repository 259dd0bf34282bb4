import { describe, expect, it } from 'vitest';
import {
  mayBeNamesakes,
  type KnownPerson,
  type LinkRelation,
  type PersonDecision,
  type PersonMention,
  PersonResolver,
} from './person-resolution.js';
import { type CanonicalRelation, canonicalRelation } from './person/relation.js';

// ---------------------------------------------------------------------------------------------
// Factories
// ---------------------------------------------------------------------------------------------

const BORROWER_A = 'borrower-a';
const BORROWER_B = 'borrower-b';
const BORROWER_C = 'borrower-c';

const PHONE_1 = '+8613800000001';
const PHONE_2 = '+8613800000002';
const PHONE_3 = '+8613800000003';
const SWITCHBOARD = '+862161234567';

const LONG_COMPANY = '某某科技有限公司';
const SHORT_COMPANY = '公司';

/** Deterministic ids: p1, p2, ... per resolver. */
function sequentialIds(): () => string {
  let n = 0;
  return () => `p${++n}`;
}

function aResolver(known: KnownPerson[] = []): PersonResolver {
  return new PersonResolver(known, sequentialIds());
}

type KnownPersonOverrides = Partial<Omit<KnownPerson, 'links' | 'phones'>> & {
  links?: Record<string, LinkRelation>;
  phones?: string[];
};

function aKnownPerson(overrides: KnownPersonOverrides = {}): KnownPerson {
  const { links = { [BORROWER_A]: 'friend' }, phones = [], ...rest } = overrides;
  return {
    id: 'known-1',
    kind: 'individual',
    normalizedName: '张三',
    ...rest,
    links: new Map(Object.entries(links)),
    phones: new Set(phones),
  };
}

function aKnownOrganisation(overrides: KnownPersonOverrides = {}): KnownPerson {
  return aKnownPerson({ id: 'known-org', kind: 'organisation', normalizedName: LONG_COMPANY, links: { [BORROWER_A]: 'employer' }, ...overrides });
}

/** A contact mention of borrower A: '张三', friend, no phones. */
function aMention(overrides: Partial<PersonMention> = {}): PersonMention {
  return { borrowerId: BORROWER_A, role: 'contact', normalizedName: '张三', relation: 'friend', phones: [], ...overrides };
}

function aBorrowerMention(overrides: Partial<PersonMention> = {}): PersonMention {
  return aMention({ role: 'borrower', normalizedName: '李借款', relation: 'self', ...overrides });
}

function anEmployerMention(overrides: Partial<PersonMention> = {}): PersonMention {
  return aMention({ role: 'employer', normalizedName: LONG_COMPANY, relation: 'employer', ...overrides });
}

function created(personId: string): PersonDecision {
  return { personId, created: true, reason: 'new_person' };
}

function reused(personId: string, reason: Exclude<PersonDecision['reason'], 'new_person'>): PersonDecision {
  return { personId, created: false, reason };
}

// ---------------------------------------------------------------------------------------------

describe('PersonResolver', () => {
  describe('borrower self', () => {
    it('creates the borrower self once and reuses it for later borrower mentions', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aBorrowerMention())).toEqual(created('p1'));
      expect(resolver.resolve(aBorrowerMention())).toEqual(reused('p1', 'borrower_self'));
      expect(resolver.resolve(aBorrowerMention({ phones: [PHONE_1] }))).toEqual(reused('p1', 'borrower_self'));
    });

    it('finds the self by the link even when a later borrower mention carries another name', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aBorrowerMention({ normalizedName: '李借款' }))).toEqual(created('p1'));
      expect(resolver.resolve(aBorrowerMention({ normalizedName: '李某' }))).toEqual(reused('p1', 'borrower_self'));
      expect(resolver.resolve(aBorrowerMention({ normalizedName: undefined }))).toEqual(reused('p1', 'borrower_self'));
    });

    it('gives each borrower a self of their own, even with the same name and phone', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_A, phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_B, phones: [PHONE_1] }))).toEqual(created('p2'));
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_A }))).toEqual(reused('p1', 'borrower_self'));
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_B }))).toEqual(reused('p2', 'borrower_self'));
    });

    it('does not take a contact of the borrower for the borrower self', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ normalizedName: '李借款', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aBorrowerMention({ normalizedName: '李借款', phones: [PHONE_1] }))).toEqual(created('p2'));
      expect(resolver.resolve(aBorrowerMention())).toEqual(reused('p2', 'borrower_self'));
    });

    it('does not spend an id when it reuses a person', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aBorrowerMention())).toEqual(created('p1'));
      expect(resolver.resolve(aBorrowerMention())).toEqual(reused('p1', 'borrower_self'));
      expect(resolver.resolve(aMention())).toEqual(created('p2'));
    });
  });

  describe('a contact mention carrying the borrower’s own phone', () => {
    it('never merges with the borrower self, by phone or by name', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aBorrowerMention({ normalizedName: '李借款', phones: [PHONE_1] }))).toEqual(created('p1'));

      expect(resolver.resolve(aMention({ phones: [PHONE_1] }))).toEqual(created('p2'));
      expect(resolver.resolve(aMention({ normalizedName: '李借款', relation: 'other', phones: [PHONE_1] }))).toEqual(
        reused('p2', 'same_phone_same_borrower'),
      );
      expect(resolver.resolve(aMention({ normalizedName: '李借款', relation: 'other', phones: [PHONE_2] }))).toEqual(created('p3'));
      expect(resolver.resolve(aBorrowerMention())).toEqual(reused('p1', 'borrower_self'));
    });

    it('never merges with a known borrower self either', () => {
      const self = aKnownPerson({ id: 'self-a', normalizedName: '李借款', links: { [BORROWER_A]: 'self' }, phones: [PHONE_1] });
      const resolver = aResolver([self]);

      expect(resolver.resolve(aMention({ normalizedName: '李借款', relation: 'other', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aBorrowerMention())).toEqual(reused('self-a', 'borrower_self'));
    });

    it('takes a contact of another borrower with the same phone for the new borrower self, then never merges a contact into it', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, phones: [PHONE_1] }))).toEqual(created('p1'));
      // B's contact now borrows too: one person, so the relationship graph crosses the two loans.
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_A, normalizedName: '张三', phones: [PHONE_1] }))).toEqual(
        reused('p1', 'same_phone_other_borrower'),
      );
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, phones: [PHONE_1] }))).toEqual(created('p2'));
    });

    it('does not take another borrower\u2019s self, or a person with another name, for a new borrower self', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_B, normalizedName: '王五', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_A, normalizedName: '王五', phones: [PHONE_1] }))).toEqual(created('p2'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, normalizedName: '赵六', phones: [PHONE_2] }))).toEqual(created('p3'));
      expect(resolver.resolve(aBorrowerMention({ borrowerId: 'borrower-c', normalizedName: '钱七', phones: [PHONE_2] }))).toEqual(created('p4'));
    });

    it('lets another borrower name this borrower as their contact by the same phone', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_A, normalizedName: '李借款', phones: [PHONE_1] }))).toEqual(created('p1'));

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, normalizedName: '李借款', phones: [PHONE_1] }))).toEqual(
        reused('p1', 'same_phone_other_borrower'),
      );
      // Still borrower A's self, and now borrower B's contact.
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_A }))).toEqual(reused('p1', 'borrower_self'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
    });
  });

  describe('contacts of the same borrower by phone', () => {
    it('resolves two mentions of one contact in a batch (same phone) to one person', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
    });

    it('matches when any one of the mention’s phones is known, and learns the others', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: undefined, phones: [PHONE_2, PHONE_1] }))).toEqual(
        reused('p1', 'same_phone_same_borrower'),
      );
      expect(resolver.resolve(aMention({ normalizedName: undefined, phones: [PHONE_2] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
    });

    it('prefers the phone over the name and the relation', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ normalizedName: '张三', relation: 'spouse', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: '王五', relation: 'sibling', phones: [PHONE_1] }))).toEqual(
        reused('p1', 'same_phone_same_borrower'),
      );
    });

    it('creates a person for a mention with neither name nor phone, every time', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ normalizedName: undefined, relation: 'other' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: undefined, relation: 'other' }))).toEqual(created('p2'));
    });

    it('learns the name from a later mention of a nameless contact', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ normalizedName: undefined, phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: '张三', phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
      expect(resolver.resolve(aMention({ normalizedName: '张三' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
    });
  });

  describe('contacts of the same borrower by name and relation', () => {
    it('does not merge one name under 朋友 (friend) and 同事 (colleague): namesakes as likely as one person', () => {
      const friend = canonicalRelation('朋友').relation;
      const colleague = canonicalRelation('同事').relation;
      expect([friend, colleague]).toEqual(['friend', 'colleague']);
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: friend, phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: colleague }))).toEqual(created('p2'));
      // A shared mobile still settles it, and the same relation still merges by name.
      expect(resolver.resolve(aMention({ relation: colleague, phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
      expect(resolver.resolve(aMention({ relation: colleague }))).toEqual(reused('p2', 'same_name_compatible_relation'));
    });

    it('does not merge the same name with an incompatible relation: spouse and sibling', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: 'spouse' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: 'sibling' }))).toEqual(created('p2'));
      expect(resolver.resolve(aMention({ relation: 'spouse' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ relation: 'sibling' }))).toEqual(reused('p2', 'same_name_compatible_relation'));
    });

    const pairs: [CanonicalRelation, CanonicalRelation, boolean][] = [
      ['friend', 'friend', true],
      ['friend', 'colleague', false],
      ['colleague', 'friend', false],
      ['friend', 'classmate', false],
      ['friend', 'neighbour', false],
      ['relative', 'spouse', true],
      ['parent', 'relative', true],
      ['employer', 'colleague', false],
      ['other', 'spouse', true],
      ['sibling', 'other', true],
      ['spouse', 'sibling', false],
      ['parent', 'child', false],
      ['colleague', 'classmate', false],
      ['spouse', 'friend', false],
      ['relative', 'friend', false],
    ];

    it.each(pairs)('same name, %s then %s: merged = %s', (first, second, merged) => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: first }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: second }))).toEqual(merged ? reused('p1', 'same_name_compatible_relation') : created('p2'));
    });

    it('prefers the contact of the same relation among namesakes', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: 'colleague', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: 'friend', phones: [PHONE_2] }))).toEqual(created('p2'));
      expect(resolver.resolve(aMention({ relation: 'friend' }))).toEqual(reused('p2', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ relation: 'colleague', phones: [PHONE_3] }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      // A vague relation fits both: neither is it.
      expect(resolver.resolve(aMention({ relation: 'other' }))).toEqual(created('p3'));
    });

    it.each([
      ['colleague', 'friend', true],
      ['friend', 'friend', false],
      ['other', 'friend', false],
      ['relative', 'spouse', false],
      ['spouse', 'sibling', true],
    ] as const)('mayBeNamesakes(%s, %s) = %s', (left, right, expected) => {
      expect(mayBeNamesakes(left, right)).toBe(expected);
    });

    it('creates a new person for a different name with no phone', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ normalizedName: '张三' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: '李四' }))).toEqual(created('p2'));
    });

    it('does not merge a nameless mention by relation alone', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ normalizedName: undefined, relation: 'spouse' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: undefined, relation: 'spouse' }))).toEqual(created('p2'));
    });

    it('does not match names across borrowers', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B }))).toEqual(created('p2'));
    });

    it('does not merge a contact with the borrower self by name', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aBorrowerMention({ normalizedName: '张三' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: '张三', relation: 'other' }))).toEqual(created('p2'));
    });

    it('does not merge a contact with an organisation of the same name', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ normalizedName: LONG_COMPANY }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ normalizedName: LONG_COMPANY, relation: 'employer' }))).toEqual(created('p2'));
    });
  });

  describe('relation upgrades', () => {
    it('upgrades an “other” link with a later specific relation', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: 'other' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: 'spouse' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      // Had the link stayed 'other', a sibling would have merged too.
      expect(resolver.resolve(aMention({ relation: 'sibling' }))).toEqual(created('p2'));
    });

    it('keeps “other” when the later mention is “other” too', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: 'other' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: 'other' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ relation: 'sibling' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
    });

    it('does not overwrite a specific relation with a later compatible one', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: 'spouse' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: 'relative' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      // Still spouse: a sibling does not fit (it would have fitted 'relative').
      expect(resolver.resolve(aMention({ relation: 'sibling' }))).toEqual(created('p2'));
    });

    it('does not overwrite a specific relation with a later one matched by phone', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: 'friend', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: 'spouse', phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
      expect(resolver.resolve(aMention({ relation: 'friend' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ relation: 'sibling' }))).toEqual(created('p2'));
    });

    it('does not overwrite a specific relation with a later “other”', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ relation: 'spouse' }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ relation: 'other' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ relation: 'sibling' }))).toEqual(created('p2'));
    });

    it('upgrades an “other” link loaded with a known person', () => {
      const known = aKnownPerson({ id: 'known-1', links: { [BORROWER_A]: 'other' } });
      const resolver = aResolver([known]);

      expect(resolver.resolve(aMention({ relation: 'parent' }))).toEqual(reused('known-1', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ relation: 'child' }))).toEqual(created('p1'));
    });
  });

  describe('shared contacts across borrowers', () => {
    it('links a person named by another borrower with the same personal phone', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_other_borrower'));
    });

    it('then holds a link to both borrowers, each with its own relation', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, relation: 'spouse', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, relation: 'colleague', phones: [PHONE_1] }))).toEqual(
        reused('p1', 'same_phone_other_borrower'),
      );

      // Borrower B's link exists: found as B's own contact by phone, and by name as colleague.
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, relation: 'colleague' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      // Borrower A's link is kept, still spouse.
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, phones: [PHONE_1] }))).toEqual(reused('p1', 'same_phone_same_borrower'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, relation: 'relative' }))).toEqual(reused('p1', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, relation: 'friend' }))).toEqual(created('p2'));
    });

    it('adds both borrowers to the links of a known shared person', () => {
      const known = aKnownPerson({ id: 'known-1', links: { [BORROWER_A]: 'friend' }, phones: [PHONE_1] });
      const resolver = aResolver([known]);

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, relation: 'spouse', phones: [PHONE_1] }))).toEqual(
        reused('known-1', 'same_phone_other_borrower'),
      );
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, relation: 'relative' }))).toEqual(
        reused('known-1', 'same_name_compatible_relation'),
      );
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, relation: 'friend' }))).toEqual(
        reused('known-1', 'same_name_compatible_relation'),
      );
    });

    it('links across borrowers when either side has no name', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, normalizedName: undefined, phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, normalizedName: '张三', phones: [PHONE_1] }))).toEqual(
        reused('p1', 'same_phone_other_borrower'),
      );
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_C, normalizedName: undefined, phones: [PHONE_1] }))).toEqual(
        reused('p1', 'same_phone_other_borrower'),
      );
      // The name learnt from borrower B now blocks a different name.
      expect(resolver.resolve(aMention({ borrowerId: 'borrower-d', normalizedName: '李四', phones: [PHONE_1] }))).toEqual(created('p2'));
    });

    it('creates a new person when the shared phone comes with a different name', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, normalizedName: '张三', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, normalizedName: '李四', phones: [PHONE_1] }))).toEqual(created('p2'));
    });

    it('picks, among holders of the phone, the one whose name matches', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, normalizedName: '张三', phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, normalizedName: '李四', phones: [PHONE_1] }))).toEqual(created('p2'));

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_C, normalizedName: '李四', phones: [PHONE_1] }))).toEqual(
        reused('p2', 'same_phone_other_borrower'),
      );
    });

    it('tries every phone of the mention', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, phones: [PHONE_2] }))).toEqual(created('p1'));

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, phones: [PHONE_3, PHONE_2] }))).toEqual(
        reused('p1', 'same_phone_other_borrower'),
      );
    });

    it('prefers the borrower’s own contact by name over another borrower’s person by phone', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, phones: [PHONE_1] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, relation: 'friend' }))).toEqual(created('p2'));

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, relation: 'friend', phones: [PHONE_1] }))).toEqual(
        reused('p2', 'same_name_compatible_relation'),
      );
    });

    it('never links a contact to an organisation holding that phone', () => {
      const organisation = aKnownOrganisation({ links: { [BORROWER_A]: 'employer' }, phones: [SWITCHBOARD] });
      const resolver = aResolver([organisation]);

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, normalizedName: undefined, phones: [SWITCHBOARD] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, normalizedName: undefined, phones: [SWITCHBOARD] }))).toEqual(
        reused('p1', 'same_phone_other_borrower'),
      );
    });

    it('does not link by name alone across borrowers', () => {
      const resolver = aResolver();
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, phones: [PHONE_1] }))).toEqual(created('p1'));

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, phones: [] }))).toEqual(created('p2'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_C, phones: [PHONE_2] }))).toEqual(created('p3'));
    });
  });

  describe('employer organisations', () => {
    it('dedupes an employer within a borrower', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ normalizedName: LONG_COMPANY }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ normalizedName: LONG_COMPANY }))).toEqual(reused('p1', 'same_organisation_name'));
    });

    it('dedupes even a short, generic name within one borrower', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ normalizedName: SHORT_COMPANY }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ normalizedName: SHORT_COMPANY }))).toEqual(reused('p1', 'same_organisation_name'));
    });

    it('shares a name of four or more characters across borrowers', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, normalizedName: LONG_COMPANY }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: LONG_COMPANY }))).toEqual(
        reused('p1', 'same_organisation_name'),
      );
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: LONG_COMPANY }))).toEqual(
        reused('p1', 'same_organisation_name'),
      );
    });

    it('does not share a generic name like 公司 across borrowers', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, normalizedName: SHORT_COMPANY }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: SHORT_COMPANY }))).toEqual(created('p2'));
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, normalizedName: SHORT_COMPANY }))).toEqual(
        reused('p1', 'same_organisation_name'),
      );
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: SHORT_COMPANY }))).toEqual(
        reused('p2', 'same_organisation_name'),
      );
    });

    it.each([
      ['某某科技', true],
      ['某科技', false],
    ])('shares %s across borrowers: %s (the threshold is four characters)', (name, shared) => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, normalizedName: name }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: name }))).toEqual(
        shared ? reused('p1', 'same_organisation_name') : created('p2'),
      );
    });

    it('keeps different names apart', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ normalizedName: LONG_COMPANY }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ normalizedName: '另一家贸易有限公司' }))).toEqual(created('p2'));
    });

    it('creates a nameless employer every time', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ normalizedName: undefined }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ normalizedName: undefined }))).toEqual(created('p2'));
    });

    it('does not dedupe an employer by its switchboard phone', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, normalizedName: SHORT_COMPANY, phones: [SWITCHBOARD] }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: SHORT_COMPANY, phones: [SWITCHBOARD] }))).toEqual(created('p2'));
    });

    it('does not record an employer’s phone as a personal line', () => {
      const resolver = aResolver();

      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, phones: [SWITCHBOARD] }))).toEqual(created('p1'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, normalizedName: undefined, phones: [SWITCHBOARD] }))).toEqual(created('p2'));
      expect(resolver.resolve(aMention({ borrowerId: BORROWER_B, normalizedName: undefined, phones: [SWITCHBOARD] }))).toEqual(
        reused('p2', 'same_phone_other_borrower'),
      );
    });

    it('never takes an individual of the same name for the employer', () => {
      const resolver = aResolver();

      expect(resolver.resolve(aMention({ normalizedName: SHORT_COMPANY, relation: 'employer' }))).toEqual(created('p1'));
      expect(resolver.resolve(anEmployerMention({ normalizedName: SHORT_COMPANY }))).toEqual(created('p2'));
    });
  });

  describe('known persons passed to the constructor', () => {
    it('finds a known contact of the borrower by phone', () => {
      const resolver = aResolver([aKnownPerson({ id: 'known-1', normalizedName: '张三', phones: [PHONE_1] })]);

      expect(resolver.resolve(aMention({ normalizedName: '王五', relation: 'other', phones: [PHONE_1] }))).toEqual(
        reused('known-1', 'same_phone_same_borrower'),
      );
    });

    it('finds a known contact of the borrower by name and compatible relation', () => {
      const resolver = aResolver([aKnownPerson({ id: 'known-1', links: { [BORROWER_A]: 'relative' } })]);

      expect(resolver.resolve(aMention({ relation: 'parent' }))).toEqual(reused('known-1', 'same_name_compatible_relation'));
      expect(resolver.resolve(aMention({ relation: 'friend' }))).toEqual(created('p1'));
    });

    it('finds a known person of another borrower by personal phone', () => {
      const resolver = aResolver([aKnownPerson({ id: 'known-1', links: { [BORROWER_B]: 'friend' }, phones: [PHONE_1] })]);

      expect(resolver.resolve(aMention({ borrowerId: BORROWER_A, phones: [PHONE_1] }))).toEqual(reused('known-1', 'same_phone_other_borrower'));
    });

    it('finds a known person by phone even when none of its links is in the batch', () => {
      const resolver = aResolver([aKnownPerson({ id: 'known-1', links: {}, phones: [PHONE_1] })]);

      expect(resolver.resolve(aMention({ phones: [PHONE_1] }))).toEqual(reused('known-1', 'same_phone_other_borrower'));
      expect(resolver.resolve(aMention({ phones: [PHONE_1] }))).toEqual(reused('known-1', 'same_phone_same_borrower'));
    });

    it('finds the known borrower self', () => {
      const resolver = aResolver([aKnownPerson({ id: 'self-a', normalizedName: '李借款', links: { [BORROWER_A]: 'self' } })]);

      expect(resolver.resolve(aBorrowerMention())).toEqual(reused('self-a', 'borrower_self'));
      expect(resolver.resolve(aBorrowerMention({ borrowerId: BORROWER_B }))).toEqual(created('p1'));
    });

    it('finds a known organisation by name within the borrower and, for long names, across borrowers', () => {
      const resolver = aResolver([
        aKnownOrganisation({ id: 'org-long', normalizedName: LONG_COMPANY, links: { [BORROWER_A]: 'employer' } }),
        aKnownOrganisation({ id: 'org-short', normalizedName: SHORT_COMPANY, links: { [BORROWER_A]: 'employer' } }),
      ]);

      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, normalizedName: LONG_COMPANY }))).toEqual(
        reused('org-long', 'same_organisation_name'),
      );
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A, normalizedName: SHORT_COMPANY }))).toEqual(
        reused('org-short', 'same_organisation_name'),
      );
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: LONG_COMPANY }))).toEqual(
        reused('org-long', 'same_organisation_name'),
      );
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_B, normalizedName: SHORT_COMPANY }))).toEqual(created('p1'));
    });

    it('finds a known organisation with no link to the batch’s borrowers by its long name', () => {
      const resolver = aResolver([aKnownOrganisation({ id: 'org-long', links: {} })]);

      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A }))).toEqual(reused('org-long', 'same_organisation_name'));
      expect(resolver.resolve(anEmployerMention({ borrowerId: BORROWER_A }))).toEqual(reused('org-long', 'same_organisation_name'));
    });

    it('does not match a mention against a known person by a phone it does not hold', () => {
      const resolver = aResolver([aKnownPerson({ id: 'known-1', normalizedName: '张三', phones: [PHONE_1] })]);

      expect(resolver.resolve(aMention({ normalizedName: '李四', phones: [PHONE_2] }))).toEqual(created('p1'));
    });
  });
});
