import type { ParsedAddress } from './address-types.js';
import { toDivision } from './division-index.js';
import { resolveDivisions } from './division-resolver.js';
import { parseDwelling } from './dwelling-parser.js';
import { cleanAddressText, withoutBracketNotes } from './text-normalisation.js';

// Parcel lockers and collection points: an address there is not somebody's home.
const PICKUP_POINT =
  /快递柜|快递箱|快件箱|丰巢|蜂巢柜|驿站|代收点|代收处|自提点|自提柜|自提处|快递点|快递站|快递超市|收件点|取件点|智能柜|速递易|兔喜|代办点/;

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

  const parsed: ParsedAddress = { raw: input, cleaned, pickupPoint: PICKUP_POINT.test(cleaned) };
  const province = toDivision(divisions.province);
  const city = toDivision(divisions.city);
  const district = toDivision(divisions.district);
  if (province !== undefined) parsed.province = province;
  if (city !== undefined) parsed.city = city;
  if (district !== undefined) parsed.district = district;
  if (dwelling.town !== undefined) parsed.town = dwelling.town;
  if (dwelling.road !== undefined) parsed.road = dwelling.road;
  if (dwelling.roadNumber !== undefined) parsed.roadNumber = dwelling.roadNumber;
  if (dwelling.community !== undefined) parsed.community = dwelling.community;
  if (dwelling.building !== undefined) parsed.building = dwelling.building;
  if (dwelling.unit !== undefined) parsed.unit = dwelling.unit;
  if (dwelling.floor !== undefined) parsed.floor = dwelling.floor;
  if (dwelling.room !== undefined) parsed.room = dwelling.room;
  return parsed;
}
