import type {
  AddressComparison,
  AddressMatchDecision,
  Division,
  FieldAgreement,
  FieldComparison,
  ParsedAddress,
} from './address-types.js';
import { dwellingKey } from './dwelling-key.js';
import { compareEstateLocation, type EstateLocations, knownAt } from './estate-location.js';
import { estateNameVariant } from './estate-name-variant.js';
import { nameSimilarity, namesConflict, SIMILARITY_THRESHOLD } from './name-similarity.js';

/**
 * Decides whether two parsed addresses are the same dwelling. Precision first: a wrong merge
 * sends a collector to the wrong door, so 'same' needs equal dwelling keys and no field in
 * doubt, and any near miss (another room, unit, building or house number) is 'different'.
 */

type FieldName =
  | 'province'
  | 'city'
  | 'district'
  | 'town'
  | 'road'
  | 'roadNumber'
  | 'community'
  | 'building'
  | 'unit'
  | 'floor'
  | 'room'
  | 'pickupPoint';

interface FieldRule {
  readonly field: FieldName;
  /** Share of the score; 0 for informative fields. */
  readonly weight: number;
  /** Compare by name similarity instead of exact equality. */
  readonly fuzzy: boolean;
  /** Numbers and directions on one side only make another place (roads). */
  readonly strictNames?: boolean;
  read(address: ParsedAddress): string | undefined;
  display?(address: ParsedAddress): string | undefined;
  /** Where one side has no value: 'differ' when the other's value cannot be what it left open. */
  whenOneSideMissing?(left: ParsedAddress, right: ParsedAddress): FieldAgreement;
}

function divisionValue(division: Division | undefined): string | undefined {
  return division?.code;
}

function divisionDisplay(division: Division | undefined): string | undefined {
  return division === undefined ? undefined : `${division.name} (${division.code})`;
}

const FIELD_RULES: readonly FieldRule[] = [
  {
    field: 'province',
    weight: 0.04,
    fuzzy: false,
    read: (address) => divisionValue(address.province),
    display: (address) => divisionDisplay(address.province),
  },
  {
    field: 'city',
    weight: 0.06,
    fuzzy: false,
    read: (address) => divisionValue(address.city),
    display: (address) => divisionDisplay(address.city),
  },
  {
    field: 'district',
    weight: 0.15,
    fuzzy: false,
    read: (address) => divisionValue(address.district),
    display: (address) => divisionDisplay(address.district) ?? address.districtCandidates?.map(divisionDisplay).join(' | '),
    whenOneSideMissing: districtAmongCandidates,
  },
  { field: 'town', weight: 0.03, fuzzy: false, read: (address) => address.town },
  { field: 'road', weight: 0.1, fuzzy: true, strictNames: true, read: (address) => address.road },
  { field: 'roadNumber', weight: 0.1, fuzzy: false, read: (address) => address.roadNumber },
  { field: 'community', weight: 0.15, fuzzy: true, read: (address) => address.community },
  { field: 'building', weight: 0.12, fuzzy: false, read: (address) => address.building },
  { field: 'unit', weight: 0.08, fuzzy: false, read: (address) => address.unit },
  { field: 'floor', weight: 0, fuzzy: false, read: (address) => address.floor },
  { field: 'room', weight: 0.17, fuzzy: false, read: (address) => address.room },
  {
    field: 'pickupPoint',
    weight: 0,
    fuzzy: false,
    read: (address) => (address.pickupPoint ? 'yes' : 'no'),
  },
];

interface FieldResult {
  readonly rule: FieldRule;
  readonly comparison: FieldComparison;
  /** 0..1 credit towards the score. */
  readonly credit: number;
  /** Names that differ in a number or direction: another place, not a typo. */
  readonly conflicting: boolean;
}

/** A district name that fits several (山东市中区) leaves the district open, but only among those. Called with one side's district set. */
function districtAmongCandidates(left: ParsedAddress, right: ParsedAddress): FieldAgreement {
  const [open, known] = left.district === undefined ? [left, right] : [right, left];
  const candidates = open.districtCandidates;
  if (candidates === undefined || known.district === undefined) return 'missing';
  const code = known.district.code;
  return candidates.some((candidate) => candidate.code === code) ? 'missing' : 'differ';
}

const MISSING_CREDIT = 0.5;
const SIMILAR_CREDIT = 0.7;

function compareField(rule: FieldRule, left: ParsedAddress, right: ParsedAddress): FieldResult | undefined {
  const leftValue = rule.read(left);
  const rightValue = rule.read(right);
  if (leftValue === undefined && rightValue === undefined) return undefined;
  // Listed only when it matters: at least one side is a pickup point.
  if (rule.field === 'pickupPoint' && !left.pickupPoint && !right.pickupPoint) return undefined;
  const display = rule.display ?? rule.read;
  const comparison: FieldComparison = { field: rule.field, agreement: 'missing' };
  const leftDisplay = display(left);
  const rightDisplay = display(right);
  if (leftDisplay !== undefined) comparison.left = leftDisplay;
  if (rightDisplay !== undefined) comparison.right = rightDisplay;

  let agreement: FieldAgreement;
  let credit: number;
  let conflicting = false;
  if (leftValue === undefined || rightValue === undefined) {
    agreement = rule.whenOneSideMissing?.(left, right) ?? 'missing';
    credit = agreement === 'missing' ? MISSING_CREDIT : 0;
  } else if (leftValue === rightValue) {
    agreement = 'agree';
    credit = 1;
  } else if (rule.fuzzy) {
    const strict = rule.strictNames === true;
    conflicting = namesConflict(leftValue, rightValue, strict);
    const similarity = conflicting ? 0 : nameSimilarity(leftValue, rightValue, strict);
    agreement = similarity >= SIMILARITY_THRESHOLD ? 'similar' : 'differ';
    credit = agreement === 'similar' ? similarity * SIMILAR_CREDIT : 0;
  } else {
    agreement = 'differ';
    credit = 0;
  }
  comparison.agreement = agreement;
  return { rule, comparison, credit, conflicting };
}

/**
 * Fields that do not count towards the score when only one side has them. `located`: one side
 * names the estate, the other its street address, and the estate is known to stand there.
 */
function unscoredWhenMissing(field: FieldName, communityAgrees: boolean, located: boolean): boolean {
  if (field === 'town' || field === 'province' || field === 'city') return true;
  if (located && (field === 'community' || field === 'road' || field === 'roadNumber')) return true;
  // The estate identifies the place; a street address on one side only adds nothing.
  return communityAgrees && (field === 'road' || field === 'roadNumber');
}

function scoreOf(results: readonly FieldResult[], communityAgrees: boolean, located: boolean): number {
  let total = 0;
  let earned = 0;
  for (const result of results) {
    const { weight, field } = result.rule;
    if (weight === 0) continue;
    if (result.comparison.agreement === 'missing' && unscoredWhenMissing(field, communityAgrees, located)) continue;
    total += weight;
    earned += weight * result.credit;
  }
  return total === 0 ? 0 : Math.round((earned / total) * 1000) / 1000;
}

function isNearMissOrContradiction(byField: ReadonlyMap<FieldName, FieldResult>): boolean {
  const agreementOf = (field: FieldName): FieldAgreement | undefined => byField.get(field)?.comparison.agreement;
  for (const field of ['province', 'city', 'district', 'pickupPoint', 'building', 'unit', 'room'] as const) {
    if (agreementOf(field) === 'differ') return true;
  }
  const road = agreementOf('road');
  const community = agreementOf('community');
  const sameRoad = road === 'agree' || road === 'similar';
  // Another house number on the same (or a misspelt) road.
  if (sameRoad && agreementOf('roadNumber') === 'differ') return true;
  // Another road, and no shared estate saying it is the same place after all.
  if (road === 'differ' && community !== 'agree') return true;
  if (community === 'differ') {
    // Another phase or zone ("1期"/"2期") is a near miss; otherwise two names for one building
    // at the same street address are possible.
    if (byField.get('community')?.conflicting === true) return true;
    if (!(road === 'agree' && agreementOf('roadNumber') === 'agree')) return true;
  }
  return false;
}

// Present on both sides and equal: the flat that makes a misspelt estate name a typo.
const FLAT: readonly FieldName[] = ['district', 'room'];
const STREET: readonly FieldName[] = ['road', 'roadNumber'];

/**
 * The same flat at the same street address, written with the estate's name one homophone or look-alike
 * character off (estate-name-variant.ts): a typo, not a second estate that happens to share the number.
 * The street address agrees when both sides write it, or when one side writes no house number (nor
 * another road) and its estate is known to stand at the other side's street address. Every other
 * field compared must agree; a building or unit on one side only, or a street address unknown on one
 * side, leaves it to an operator.
 */
function isEstateTypoAtSameFlat(left: ParsedAddress, right: ParsedAddress, results: readonly FieldResult[], locations?: EstateLocations): boolean {
  if (left.community === undefined || right.community === undefined) return false;
  if (left.pickupPoint || right.pickupPoint) return false;
  const agreed = new Set<FieldName>();
  const missing = new Set<FieldName>();
  for (const { rule, comparison } of results) {
    if (rule.field === 'community') {
      if (comparison.agreement !== 'similar') return false;
    } else if (comparison.agreement === 'agree') {
      agreed.add(rule.field);
    } else if (comparison.agreement === 'missing' && (rule.field === 'floor' || STREET.includes(rule.field) || unscoredWhenMissing(rule.field, false, false))) {
      missing.add(rule.field);
    } else {
      return false;
    }
  }
  if (!FLAT.every((field) => agreed.has(field)) || estateNameVariant(left.community, right.community) === undefined) return false;
  if (STREET.every((field) => agreed.has(field))) return true;
  // One side without its house number (none written, or a landmark's dropped) and no road or the same one:
  // its estate must be known at the other side's street address.
  if (!missing.has('roadNumber') || !(agreed.has('road') || missing.has('road'))) return false;
  const [bare, full] = left.roadNumber === undefined ? [left, right] : [right, left];
  return full.road !== undefined && full.roadNumber !== undefined && knownAt(bare, { road: full.road, roadNumber: full.roadNumber }, locations);
}

/**
 * 'same' only when both addresses name one dwelling (equal dwelling keys) and no field
 * disagrees or is merely similar, or for an estate typo at the same flat and street address;
 * 'different' for a near miss or contradicting divisions;
 * 'uncertain' otherwise (typos, parts missing on one side, too vague to tell).
 * `locations` (estate-location.ts): where estates are known to stand. An estate on one side
 * known only at other street addresses than the other side's is 'different'; known at that
 * one, the missing estate and street fields stop lowering the score (still 'uncertain': the
 * dwelling keys differ, so an operator confirms).
 */
export function compareAddresses(left: ParsedAddress, right: ParsedAddress, locations?: EstateLocations): AddressComparison {
  const results: FieldResult[] = [];
  const byField = new Map<FieldName, FieldResult>();
  for (const rule of FIELD_RULES) {
    const result = compareField(rule, left, right);
    if (result === undefined) continue;
    results.push(result);
    byField.set(rule.field, result);
  }
  const communityAgrees = byField.get('community')?.comparison.agreement === 'agree';
  const location = compareEstateLocation(left, right, locations);
  const score = scoreOf(results, communityAgrees, location?.agreement === 'agree');
  const fields = results.map((result) => result.comparison);
  if (location !== undefined) fields.push(location);

  let decision: AddressMatchDecision;
  // The estate stands elsewhere: another building that happens to share the flat number.
  if (isNearMissOrContradiction(byField) || location?.agreement === 'differ') {
    decision = 'different';
  } else {
    const leftKey = dwellingKey(left);
    const inDoubt = results.some(
      (result) => result.comparison.agreement === 'differ' || result.comparison.agreement === 'similar',
    );
    const sameKey = leftKey !== undefined && leftKey === dwellingKey(right) && !inDoubt;
    decision = sameKey || isEstateTypoAtSameFlat(left, right, results, locations) ? 'same' : 'uncertain';
  }
  return { decision, score, fields };
}
