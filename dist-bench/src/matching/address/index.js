export { parseAddress } from './address-parser.js';
export { compareAddresses } from './address-comparison.js';
export { blockingKeys, dwellingKey, identifiesDwelling } from './dwelling-key.js';
export { closestCommunity, normaliseCommunityName } from './community-name.js';
export { nameSimilarity } from './name-similarity.js';
export { isPickupPoint } from './pickup-point.js';
export { cleanAddressText, chineseNumeralToArabic } from './text-normalisation.js';
//# sourceMappingURL=index.js.map