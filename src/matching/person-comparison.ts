import type { SuggestionField } from '../review/match-suggestion.entity.js';
import { type LinkRelation, mayBeNamesakes } from './person-resolution.js';
import { namesCompatible } from './person/person-name.js';
import { relationsCompatible } from './person/relation.js';

export interface PersonSummary {
  id: string;
  normalizedName?: string;
  relation: LinkRelation;
  phones: string[];
}

export interface PersonComparison {
  decision: 'same' | 'uncertain' | 'different';
  score: number;
  fields: SuggestionField[];
}

/**
 * Compares two contacts of one borrower that the exact rules kept apart. Same name with a
 * compatible relation is the same person, unless they may be namesakes (two different specific
 * relations and no shared mobile: mayBeNamesakes). That, a similar name (typo, homophone, 王女士 vs 王芳) or
 * the same name under a contradicting relation needs an operator; anything else is different.
 * `amongNamesakes` (namesakeNames): the borrower has namesakes of this name, so the name alone
 * tells no one apart and only a shared mobile merges.
 */
export function comparePersons(left: PersonSummary, right: PersonSummary, amongNamesakes = false): PersonComparison {
  const names = namesCompatible(left.normalizedName, right.normalizedName);
  const relationsAgree =
    left.relation !== 'self' && right.relation !== 'self' && relationsCompatible(left.relation, right.relation);
  const sharedPhones = left.phones.filter((phone) => right.phones.includes(phone));
  const fields: SuggestionField[] = [
    { field: 'name', left: left.normalizedName, right: right.normalizedName, agreement: nameAgreement(names) },
    { field: 'relation', left: left.relation, right: right.relation, agreement: left.relation === right.relation ? 'agree' : relationsAgree ? 'similar' : 'differ' },
    {
      field: 'phones',
      left: String(left.phones.length),
      right: String(right.phones.length),
      agreement: sharedPhones.length > 0 ? 'agree' : left.phones.length === 0 || right.phones.length === 0 ? 'missing' : 'differ',
    },
  ];
  let score = names === 'same' ? 0.5 : names === 'similar' ? 0.3 : 0;
  score += left.relation === right.relation ? 0.3 : relationsAgree ? 0.2 : 0;
  score += sharedPhones.length > 0 ? 0.2 : fields[2].agreement === 'missing' ? 0.1 : 0;
  score = Math.round(score * 100) / 100;

  if (sharedPhones.length > 0 && names !== 'different') return { decision: 'same', score: 1, fields };
  const namesakes = sharedPhones.length === 0 && (amongNamesakes || mayBeNamesakes(left.relation, right.relation));
  if (names === 'same' && relationsAgree && !namesakes) return { decision: 'same', score, fields };
  if (names === 'same' || (names === 'similar' && relationsAgree)) return { decision: 'uncertain', score, fields };
  return { decision: 'different', score, fields };
}

function nameAgreement(names: ReturnType<typeof namesCompatible>): SuggestionField['agreement'] {
  if (names === 'same') return 'agree';
  if (names === 'similar') return 'similar';
  return names === 'unknown' ? 'missing' : 'differ';
}

/** Names two of one borrower's contacts share while they may be namesakes (mayBeNamesakes, no shared mobile). */
export function namesakeNames(contacts: readonly PersonSummary[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < contacts.length; i += 1) {
    for (let j = i + 1; j < contacts.length; j += 1) {
      const [left, right] = [contacts[i], contacts[j]];
      if (left.normalizedName === undefined || left.normalizedName !== right.normalizedName) continue;
      const sharePhone = left.phones.some((phone) => right.phones.includes(phone));
      if (!sharePhone && mayBeNamesakes(left.relation, right.relation)) names.add(left.normalizedName);
    }
  }
  return names;
}
