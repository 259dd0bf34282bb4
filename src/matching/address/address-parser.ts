import type { ParsedAddress } from './address-types.js';
import { toDivision } from './division-index.js';
import { resolveDivisions } from './division-resolver.js';
import { parseDwelling } from './dwelling-parser.js';
import { isPickupPoint, withoutPickupWords } from './pickup-point.js';
import { cleanAddressText, withoutBracketNotes } from './text-normalisation.js';

// Longer inputs are not addresses; capping keeps the worst case linear and small.
const MAXIMUM_INPUT_LENGTH = 300;

/**
 * Parses a free-text Chinese address. Never throws: unreadable parts stay undefined.
 * `kind` is left for the caller.
 */
export function parseAddress(raw: string): ParsedAddress {
  const input = typeof raw === 'string' ? raw : String(raw ?? '');
  let cleaned: string;
  try {
    cleaned = cleanAddressText(input.length > MAXIMUM_INPUT_LENGTH ? input.slice(0, MAXIMUM_INPUT_LENGTH) : input);
  } catch {
    // Lone surrogates and similar oddities: fall back to the raw text rather than fail.
    cleaned = input.slice(0, MAXIMUM_INPUT_LENGTH);
  }
  const structural = withoutBracketNotes(cleaned);
  const divisions = resolveDivisions(structural);
  const dwelling = parseDwelling(structural, divisions.end, divisions.end > 0);

  const parsed: ParsedAddress = { raw: input, cleaned, pickupPoint: isPickupPoint(cleaned) };
  const province = toDivision(divisions.province);
  const city = toDivision(divisions.city);
  const district = toDivision(divisions.district);
  if (province !== undefined) parsed.province = province;
  if (city !== undefined) parsed.city = city;
  if (district !== undefined) parsed.district = district;
  if (divisions.districtCandidates !== undefined) {
    parsed.districtCandidates = divisions.districtCandidates.map((record) => toDivision(record)!).sort((left, right) => left.code.localeCompare(right.code));
  }
  if (dwelling.town !== undefined) parsed.town = dwelling.town;
  if (dwelling.road !== undefined) parsed.road = dwelling.road;
  if (dwelling.roadNumber !== undefined) parsed.roadNumber = dwelling.roadNumber;
  // A pickup point's estate is the place it serves, whichever locker or brand is named ("华润名苑丰巢柜").
  let community = dwelling.community;
  if (parsed.pickupPoint && community !== undefined) community = withoutPickupWords(community);
  if (community !== undefined && community.length > 0) parsed.community = community;
  if (dwelling.building !== undefined) parsed.building = dwelling.building;
  if (dwelling.unit !== undefined) parsed.unit = dwelling.unit;
  if (dwelling.floor !== undefined) parsed.floor = dwelling.floor;
  if (dwelling.room !== undefined) parsed.room = dwelling.room;
  return parsed;
}
