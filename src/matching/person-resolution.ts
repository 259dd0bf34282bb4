import type { CanonicalRelation } from './person/relation.js';
import { relationsCompatible } from './person/relation.js';
import type { PersonKind } from './entity-kinds.js';

export type { PersonKind };
/** A person's relation to one borrower; 'self' is the borrower. */
export type LinkRelation = CanonicalRelation | 'self';

export interface KnownPerson {
  id: string;
  kind: PersonKind;
  normalizedName?: string;
  /** borrower id -> relation to that borrower */
  links: Map<string, LinkRelation>;
  /** E.164 keys of the person's own lines (never organisation switchboards) */
  phones: Set<string>;
}

export interface PersonMention {
  borrowerId: string;
  role: 'borrower' | 'contact' | 'employer';
  normalizedName?: string;
  relation: LinkRelation;
  phones: string[];
}

export type ResolutionReason =
  | 'borrower_self'
  | 'same_phone_same_borrower'
  | 'same_name_compatible_relation'
  | 'same_phone_other_borrower'
  | 'same_organisation_name'
  | 'new_person';

export interface PersonDecision {
  personId: string;
  created: boolean;
  reason: ResolutionReason;
}

/**
 * Same name under two different relations that may still be one person (朋友 and 同事): two people of
 * one name (two entries of one application) as likely as one person seen twice. A shared mobile settles
 * it; otherwise the exact rules never merge them and the deferred comparison asks an operator. 'other'
 * and the vague 'relative' (亲属, 家属) carry too little to tell anyone apart.
 */
export function mayBeNamesakes(left: LinkRelation, right: LinkRelation): boolean {
  const vague = (relation: LinkRelation) => relation === 'other' || relation === 'relative';
  return left !== right && !vague(left) && !vague(right);
}

/** Organisation names shorter than this ('公司', '个体') are too generic to match across borrowers. */
const MINIMUM_SHARED_ORGANISATION_NAME = 4;

/**
 * Decides which person a mention is, against what is known, one mention at a time, so that
 * two records in the same batch about one contact become one person.
 * Exact rules only; fuzzy candidates are left for operator review.
 */
export class PersonResolver {
  private readonly persons = new Map<string, KnownPerson>();
  private readonly byPhone = new Map<string, Set<string>>();
  private readonly byBorrower = new Map<string, Set<string>>();
  private readonly organisationsByName = new Map<string, string>();

  constructor(
    known: Iterable<KnownPerson>,
    private readonly newId: () => string,
  ) {
    for (const person of known) this.index(person);
  }

  resolve(mention: PersonMention): PersonDecision {
    const decision = this.decide(mention);
    const person = this.persons.get(decision.personId)!;
    const existing = person.links.get(mention.borrowerId);
    // A vague 'other' is replaced by a specific relation; a specific one is never overwritten by a later label.
    if (!existing || (existing === 'other' && mention.relation !== 'other')) person.links.set(mention.borrowerId, mention.relation);
    if (!person.normalizedName && mention.normalizedName) person.normalizedName = mention.normalizedName;
    if (person.kind === 'individual') for (const phone of mention.phones) person.phones.add(phone);
    this.index(person);
    return decision;
  }

  private decide(mention: PersonMention): PersonDecision {
    const linked = [...(this.byBorrower.get(mention.borrowerId) ?? [])].map((id) => this.persons.get(id)!);
    if (mention.role === 'borrower') {
      const self = linked.find((person) => person.links.get(mention.borrowerId) === 'self');
      if (self) return { personId: self.id, created: false, reason: 'borrower_self' };
      // A contact of another loan who now borrows: the same person, so the relationship graph can cross loans.
      const known = this.samePhoneElsewhere(mention, (person) => !person.links.has(mention.borrowerId) && ![...person.links.values()].includes('self'));
      return known ? { personId: known, created: false, reason: 'same_phone_other_borrower' } : this.create(mention, 'individual');
    }
    if (mention.role === 'employer') {
      const name = mention.normalizedName;
      const sameBorrower = linked.find((person) => person.kind === 'organisation' && name !== undefined && person.normalizedName === name);
      if (sameBorrower) return { personId: sameBorrower.id, created: false, reason: 'same_organisation_name' };
      const shared = name && name.length >= MINIMUM_SHARED_ORGANISATION_NAME ? this.organisationsByName.get(name) : undefined;
      if (shared) return { personId: shared, created: false, reason: 'same_organisation_name' };
      return this.create(mention, 'organisation');
    }
    const contacts = linked.filter((person) => person.kind === 'individual' && person.links.get(mention.borrowerId) !== 'self');
    const byPhone = contacts.find((person) => mention.phones.some((phone) => person.phones.has(phone)));
    if (byPhone) return { personId: byPhone.id, created: false, reason: 'same_phone_same_borrower' };
    if (mention.normalizedName) {
      const byName = contacts.filter((person) => {
        const relation = person.links.get(mention.borrowerId);
        return (
          person.normalizedName === mention.normalizedName &&
          relation !== undefined &&
          relation !== 'self' &&
          mention.relation !== 'self' &&
          relationsCompatible(relation, mention.relation) &&
          !mayBeNamesakes(relation, mention.relation)
        );
      });
      // Of namesakes (a 同事 and a 朋友 of one name) only the one with the mention's own relation is it; a vague
      // relation that fits both is neither: a new person, which the deferred comparison puts to an operator.
      const sameRelation = byName.filter((person) => person.links.get(mention.borrowerId) === mention.relation);
      const chosen = byName.length === 1 ? byName[0] : sameRelation.length === 1 ? sameRelation[0] : undefined;
      if (chosen) return { personId: chosen.id, created: false, reason: 'same_name_compatible_relation' };
    }
    // A personal mobile seen under another borrower: the same real person (a shared contact).
    const shared = this.samePhoneElsewhere(mention, (person) => person.links.get(mention.borrowerId) !== 'self');
    return shared ? { personId: shared, created: false, reason: 'same_phone_other_borrower' } : this.create(mention, 'individual');
  }

  /** An individual with one of the mention's own phones and no conflicting name. */
  private samePhoneElsewhere(mention: PersonMention, eligible: (person: KnownPerson) => boolean): string | undefined {
    for (const phone of mention.phones) {
      for (const id of this.byPhone.get(phone) ?? []) {
        const person = this.persons.get(id)!;
        if (person.kind !== 'individual' || !eligible(person)) continue;
        if (mention.normalizedName && person.normalizedName && person.normalizedName !== mention.normalizedName) continue;
        return id;
      }
    }
    return undefined;
  }

  private create(mention: PersonMention, kind: PersonKind): PersonDecision {
    const person: KnownPerson = { id: this.newId(), kind, normalizedName: mention.normalizedName, links: new Map(), phones: new Set() };
    this.persons.set(person.id, person);
    return { personId: person.id, created: true, reason: 'new_person' };
  }

  private index(person: KnownPerson): void {
    this.persons.set(person.id, person);
    for (const borrowerId of person.links.keys()) {
      let set = this.byBorrower.get(borrowerId);
      if (!set) this.byBorrower.set(borrowerId, (set = new Set()));
      set.add(person.id);
    }
    for (const phone of person.phones) {
      let set = this.byPhone.get(phone);
      if (!set) this.byPhone.set(phone, (set = new Set()));
      set.add(person.id);
    }
    if (person.kind === 'organisation' && person.normalizedName && person.normalizedName.length >= MINIMUM_SHARED_ORGANISATION_NAME) {
      if (!this.organisationsByName.has(person.normalizedName)) this.organisationsByName.set(person.normalizedName, person.id);
    }
  }
}
