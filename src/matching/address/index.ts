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
export { blockingKeys, dwellingKey, identifiesDwelling } from './dwelling-key.js';
export { closestCommunity, normaliseCommunityName, type CommunityMatch } from './community-name.js';
export { nameSimilarity } from './name-similarity.js';
export { cleanAddressText, chineseNumeralToArabic } from './text-normalisation.js';
