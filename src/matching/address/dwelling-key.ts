import type { ParsedAddress } from './address-types.js';
import { withoutPickupWords } from './pickup-point.js';

/**
 * Identity keys. A dwelling key is an exact key: two addresses with the same key are the same
 * door. Blocking keys are coarse: they only choose which addresses get compared at all.
 */

// A village house number (幸福村5组12号) is a single home; an urban "新村" is an estate of
// apartment blocks, where a building number is not.
const VILLAGE = /(?:(?<!新)村|屯|\d+组)$/;
// "2期", "3号院", "A区" with no estate name in front: only meaningful next to the road.
const NAMELESS_COMMUNITY = /^(?:[A-Z\d]+(?:号院|期|区|组))+$/;

/**
 * False for "2期" alone, or a pickup point named only by its brand ("菜鸟驿站", "丰巢快递柜"). The parser already
 * gives a pickup point's estate without brand and locker words; checking again keeps hand-built addresses safe.
 */
export function communityHasOwnName(address: ParsedAddress, community: string): boolean {
  if (NAMELESS_COMMUNITY.test(community)) return false;
  return !address.pickupPoint || withoutPickupWords(community).length >= 2;
}

/** A village (幸福村, 5组): its names repeat between towns, so it is not an estate of a district. */
export function isVillage(community: string): boolean {
  return VILLAGE.test(community);
}

function anchorOf(address: ParsedAddress): string | undefined {
  const { community, road, roadNumber } = address;
  const roadAnchor = road !== undefined && roadNumber !== undefined ? `road:${road}#${roadNumber}` : undefined;
  if (community === undefined) return roadAnchor;
  if (communityHasOwnName(address, community)) {
    // Village names repeat between towns of one county (幸福村, 新华村); the town tells them apart.
    const town = address.town !== undefined && VILLAGE.test(community) ? `town:${address.town}|` : '';
    return `${town}community:${community}`;
  }
  // Only meaningful next to its street address.
  return roadAnchor === undefined ? undefined : `${roadAnchor}|community:${community}`;
}

/** True when the address narrows down to one home: a room, or a house number in a village. */
export function identifiesDwelling(address: ParsedAddress): boolean {
  if (address.room !== undefined) return true;
  return address.building !== undefined && address.community !== undefined && VILLAGE.test(address.community);
}

/**
 * Exact identity key: district code (or the codes of every district its name fits) + (community |
 * road and number) + building/unit/room as present. Undefined when the address is too vague to name
 * one dwelling (no district, no
 * anchor, or no room). A community is preferred over the road because the same estate is
 * often written with and without its street address. Pickup points are keyed too, with a
 * 'pickup:' prefix and without needing a room (but with an estate name or street number to
 * say where), so that a locker never equals a home; the estate is the place served, so every
 * locker or brand named there ("华润名苑丰巢柜", "华润名苑丰巢智能柜") has one key.
 */
export function dwellingKey(address: ParsedAddress): string | undefined {
  const district = address.district?.code ?? candidatesKey(address);
  if (district === undefined) return undefined;
  const anchor = anchorOf(address);
  if (anchor === undefined) return undefined;
  if (!address.pickupPoint && !identifiesDwelling(address)) return undefined;
  let key = `${address.pickupPoint ? 'pickup:' : ''}${district}|${anchor}`;
  if (address.building !== undefined) key += `|building:${address.building}`;
  if (address.unit !== undefined) key += `|unit:${address.unit}`;
  if (address.room !== undefined) key += `|room:${address.room}`;
  return key;
}

/** '370103/370402' for a district name that fits several: the same writing gets the same key. */
function candidatesKey(address: ParsedAddress): string | undefined {
  return address.districtCandidates?.map((candidate) => candidate.code).join('/');
}

const COMMUNITY_SUFFIXES = /(?:[A-Z\d]+(?:号院|期|区|组))+$/;

/**
 * Candidate blocks, small on purpose: each new address is compared with everything in its blocks,
 * and the comparison can only come out 'same' or 'uncertain' for the same flat, so the flat is part
 * of every block. District + road and number + room; district + estate + room (the estate without
 * phase or zone, "阳光花园2期" → "阳光花园", so phases meet); district + building-room and
 * building-unit-room, which bring together the same flat written with a misspelt estate name or
 * without its unit. A village house (no room) blocks by estate and house number. Empty without a
 * district, since a road or estate name alone repeats across the country; a district name that fits
 * several districts blocks in each of them.
 */
export function blockingKeys(address: ParsedAddress): string[] {
  if (address.district !== undefined) return blockingKeysIn(address.district.code, address);
  // A district name that fits several blocks in each, so it meets the flat written with its city.
  return (address.districtCandidates ?? []).flatMap((candidate) => blockingKeysIn(candidate.code, address));
}

function blockingKeysIn(district: string, address: ParsedAddress): string[] {
  const { road, roadNumber, community, building, unit, room } = address;
  const flat = room !== undefined ? `|room:${room}` : building !== undefined ? `|building:${building}` : '';
  const keys: string[] = [];
  if (road !== undefined && roadNumber !== undefined) keys.push(`${district}|road:${road}#${roadNumber}${flat}`);
  if (community !== undefined) {
    const stripped = community.replace(COMMUNITY_SUFFIXES, '');
    keys.push(`${district}|community:${stripped.length > 0 ? stripped : community}${flat}`);
  }
  // Without a building, '501' alone would gather every flat 501 of the district.
  if (room !== undefined && building !== undefined) {
    keys.push(`${district}|flat:${building}-${room}`);
    if (unit !== undefined) keys.push(`${district}|dwelling:${building}-${unit}-${room}`);
  }
  return keys;
}
