import type { FieldComparison, ParsedAddress } from './address-types.js';
import { communityHasOwnName } from './dwelling-key.js';

/**
 * Where estates are, learnt from the addresses themselves. A source that writes
 * "虹桥路977号融创花园2栋402" tells us 融创花园 stands at 虹桥路977号; another that writes only
 * "虹桥路977号2栋402" or only "融创花园2栋402" can then be compared with the first: the same
 * building, unit and room at the estate's own street address is probably the same flat, at
 * another street address it is another building altogether. Without that knowledge the pair is a
 * guess, and every estate flat 2-402 of a district would meet every street flat 2-402.
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

/** The estate and street address an address names together; undefined unless it names both (pickup points neither). */
export function estateLocationOf(address: ParsedAddress): EstateLocation | undefined {
  const { district, community, road, roadNumber } = address;
  if (district === undefined || community === undefined || road === undefined || roadNumber === undefined) return undefined;
  if (address.pickupPoint || !communityHasOwnName(address, community)) return undefined;
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
    address.community !== undefined && address.road === undefined && address.roadNumber === undefined && communityHasOwnName(address, address.community);
  const streetOnly = (address: ParsedAddress) => address.community === undefined && address.road !== undefined && address.roadNumber !== undefined;
  const districtCode = left.district?.code;
  if (districtCode === undefined || districtCode !== right.district?.code || left.pickupPoint || right.pickupPoint) return undefined;
  if (estateOnly(left) && streetOnly(right)) return { districtCode, community: left.community!, street: { road: right.road!, roadNumber: right.roadNumber! }, estateOnLeft: true };
  if (streetOnly(left) && estateOnly(right)) return { districtCode, community: right.community!, street: { road: left.road!, roadNumber: left.roadNumber! }, estateOnLeft: false };
  return undefined;
}

/**
 * Whether the estate on one side stands at the street address on the other, as far as the
 * locations say: 'agree' when it was seen there, 'differ' when it was only ever seen elsewhere,
 * undefined when it was never seen with a street address (nothing is known).
 */
export function compareEstateLocation(left: ParsedAddress, right: ParsedAddress, locations: EstateLocations | undefined): FieldComparison | undefined {
  const cross = locations === undefined ? undefined : crossForm(left, right);
  if (cross === undefined) return undefined;
  const known = locations!.get(estateKey(cross.districtCode, cross.community));
  if (known === undefined || known.length === 0) return undefined;
  const there = known.some((street) => street.road === cross.street.road && street.roadNumber === cross.street.roadNumber);
  const estateSide = `${cross.community} @ ${known.map(formatStreet).join(', ')}`;
  const streetSide = formatStreet(cross.street);
  return {
    field: 'estateLocation',
    left: cross.estateOnLeft ? estateSide : streetSide,
    right: cross.estateOnLeft ? streetSide : estateSide,
    agreement: there ? 'agree' : 'differ',
  };
}

function formatStreet(street: StreetAddress): string {
  return `${street.road}${street.roadNumber}号`;
}
