import type { FieldComparison, ParsedAddress } from './address-types.js';
import { communityHasOwnName, isVillage } from './dwelling-key.js';
import { namesConflict, nameSimilarity, SIMILARITY_THRESHOLD } from './name-similarity.js';

/**
 * Where estates are, learnt from the addresses themselves. A source that writes
 * "虹桥路977号融创花园2栋402" tells us 融创花园 stands at 虹桥路977号; another that writes only
 * "虹桥路977号2栋402" or only "融创花园2栋402" can then be compared with the first: the same
 * building, unit and room at the estate's own street address is probably the same flat, at
 * another street address it is another building altogether. Without that knowledge the pair is a
 * guess, and every estate flat 2-402 of a district would meet every street flat 2-402.
 * Only another road is taken as another building: an estate may have several gates on one road
 * (977号, 981号), and one not seen yet must not hide a true pair from operators.
 */

/** A street address an estate has been written with. */
export interface StreetAddress {
  road: string;
  roadNumber: string;
}

/** What one mention ties together: an estate of a district and its street address. */
export interface EstateLocation extends StreetAddress {
  districtCode: string;
  community: string;
}

/** Known street addresses of estates, by estateKey. */
export type EstateLocations = ReadonlyMap<string, readonly StreetAddress[]>;

export function estateKey(districtCode: string, community: string): string {
  return `${districtCode}|${community}`;
}

/** One estate at one street address, as a map key. */
export function locationKey(location: EstateLocation): string {
  return `${estateKey(location.districtCode, location.community)}|${location.road}|${location.roadNumber}`;
}

/** An estate of its own name, not a village (whose names repeat between towns) nor a bare phase ('2期'). */
function namesEstate(address: ParsedAddress, community: string): boolean {
  return !address.pickupPoint && communityHasOwnName(address, community) && !isVillage(community);
}

/** The estate and street address an address names together; undefined unless it names both (pickup points and villages neither). */
export function estateLocationOf(address: ParsedAddress): EstateLocation | undefined {
  const { district, community, road, roadNumber } = address;
  if (district === undefined || community === undefined || road === undefined || roadNumber === undefined) return undefined;
  if (!namesEstate(address, community)) return undefined;
  return { districtCode: district.code, community, road, roadNumber };
}

interface CrossForm {
  districtCode: string;
  community: string;
  street: StreetAddress;
  /** which side names the estate */
  estateOnLeft: boolean;
}

/** An estate without street address on one side, a street address without estate on the other, in one district. */
export function crossForm(left: ParsedAddress, right: ParsedAddress): CrossForm | undefined {
  const estateOnly = (address: ParsedAddress) =>
    address.community !== undefined && address.road === undefined && address.roadNumber === undefined && namesEstate(address, address.community);
  const streetOnly = (address: ParsedAddress) => address.community === undefined && address.road !== undefined && address.roadNumber !== undefined;
  const districtCode = left.district?.code;
  if (districtCode === undefined || districtCode !== right.district?.code || left.pickupPoint || right.pickupPoint) return undefined;
  if (estateOnly(left) && streetOnly(right)) return { districtCode, community: left.community!, street: { road: right.road!, roadNumber: right.roadNumber! }, estateOnLeft: true };
  if (streetOnly(left) && estateOnly(right)) return { districtCode, community: right.community!, street: { road: left.road!, roadNumber: left.roadNumber! }, estateOnLeft: false };
  return undefined;
}

/**
 * The estate whose known street addresses a comparison may need: the estate-only side of a cross form, or
 * of a pair where the other side names an estate (perhaps misspelt) together with its street address.
 */
export function estateToLocate(left: ParsedAddress, right: ParsedAddress): { districtCode: string; community: string } | undefined {
  const cross = crossForm(left, right);
  if (cross !== undefined) return { districtCode: cross.districtCode, community: cross.community };
  const bare = estateWithoutStreet(left, right) ?? estateWithoutStreet(right, left);
  return bare === undefined ? undefined : { districtCode: bare.district!.code, community: bare.community! };
}

/** `address` names an estate without its house number, `other` an estate and a street address, in one district. */
function estateWithoutStreet(address: ParsedAddress, other: ParsedAddress): ParsedAddress | undefined {
  const districtCode = address.district?.code;
  if (districtCode === undefined || districtCode !== other.district?.code || address.pickupPoint || other.pickupPoint) return undefined;
  if (address.community === undefined || address.roadNumber !== undefined || !namesEstate(address, address.community)) return undefined;
  return other.community !== undefined && other.road !== undefined && other.roadNumber !== undefined ? address : undefined;
}

/** True when the estate `address` names (without a street address) is known to stand at `street`. */
export function knownAt(address: ParsedAddress, street: StreetAddress, locations: EstateLocations | undefined): boolean {
  if (locations === undefined || address.district === undefined || address.community === undefined) return false;
  const known = locations.get(estateKey(address.district.code, address.community)) ?? [];
  return known.some((location) => location.roadNumber === street.roadNumber && sameRoad(location.road, street.road));
}

/**
 * Whether the estate on one side stands at the street address on the other, as far as the
 * locations say: 'agree' when it was seen there (a misspelt road counts), 'differ' when it was
 * only ever seen on other roads; undefined when nothing is known of it, or when it was seen on
 * that road at another number only (another gate, perhaps).
 */
export function compareEstateLocation(left: ParsedAddress, right: ParsedAddress, locations: EstateLocations | undefined): FieldComparison | undefined {
  if (locations === undefined) return undefined;
  const cross = crossForm(left, right);
  const known = cross === undefined ? undefined : locations.get(estateKey(cross.districtCode, cross.community));
  if (cross === undefined || known === undefined) return undefined;
  const onRoad = known.filter((street) => sameRoad(street.road, cross.street.road));
  const there = onRoad.some((street) => street.roadNumber === cross.street.roadNumber);
  if (!there && onRoad.length > 0) return undefined;
  const estateSide = `${cross.community} @ ${known.map(formatStreet).join(', ')}`;
  const streetSide = formatStreet(cross.street);
  return {
    field: 'estateLocation',
    left: cross.estateOnLeft ? estateSide : streetSide,
    right: cross.estateOnLeft ? streetSide : estateSide,
    agreement: there ? 'agree' : 'differ',
  };
}

/** Equal, or a typo of the same road; another number or direction in the name is another road. */
function sameRoad(left: string, right: string): boolean {
  return left === right || (!namesConflict(left, right, true) && nameSimilarity(left, right, true) >= SIMILARITY_THRESHOLD);
}

function formatStreet(street: StreetAddress): string {
  // A Shanghai lane number carries its own 弄.
  return `${street.road}${street.roadNumber}${street.roadNumber.endsWith('弄') ? '' : '号'}`;
}
