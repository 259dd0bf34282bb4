/** Keys are the first 3 digits, or the first 4 digits where a 3-digit block is split between operators. */
export const MOBILE_PREFIX_CARRIER_GROUPS = {
    // 13x
    '130': 'china_unicom',
    '131': 'china_unicom',
    '132': 'china_unicom',
    '133': 'china_telecom',
    '134': 'china_mobile',
    '1349': 'china_telecom',
    '135': 'china_mobile',
    '136': 'china_mobile',
    '137': 'china_mobile',
    '138': 'china_mobile',
    '139': 'china_mobile',
    // 14x: 140-144 are IoT, the rest are data-card and regular ranges
    '140': 'iot',
    '141': 'iot',
    '142': 'iot',
    '143': 'iot',
    '144': 'iot',
    '145': 'china_unicom',
    '146': 'china_unicom',
    '147': 'china_mobile',
    '148': 'china_mobile',
    '149': 'china_telecom',
    // 15x (154 was never allocated)
    '150': 'china_mobile',
    '151': 'china_mobile',
    '152': 'china_mobile',
    '153': 'china_telecom',
    '155': 'china_unicom',
    '156': 'china_unicom',
    '157': 'china_mobile',
    '158': 'china_mobile',
    '159': 'china_mobile',
    // 16x
    '162': 'virtual_operator',
    '165': 'virtual_operator',
    '166': 'china_unicom',
    '167': 'virtual_operator',
    // 17x (179 was never allocated)
    '170': 'virtual_operator',
    '171': 'virtual_operator',
    '172': 'china_mobile',
    '173': 'china_telecom',
    '174': 'china_telecom',
    '175': 'china_unicom',
    '176': 'china_unicom',
    '177': 'china_telecom',
    '178': 'china_mobile',
    // 18x
    '180': 'china_telecom',
    '181': 'china_telecom',
    '182': 'china_mobile',
    '183': 'china_mobile',
    '184': 'china_mobile',
    '185': 'china_unicom',
    '186': 'china_unicom',
    '187': 'china_mobile',
    '188': 'china_mobile',
    '189': 'china_telecom',
    // 19x (194 was never allocated)
    '190': 'china_telecom',
    '191': 'china_telecom',
    '192': 'china_broadnet',
    '193': 'china_telecom',
    '195': 'china_mobile',
    '196': 'china_unicom',
    '197': 'china_mobile',
    '198': 'china_mobile',
    '199': 'china_telecom',
};
const DIGIT_ZERO = 48;
/** Index = digits 2-4 of the number as an integer (e.g. '1349...' -> 349); built once so lookups cost no allocation. */
const GROUP_BY_FOUR_DIGIT_PREFIX = buildFourDigitIndex();
function buildFourDigitIndex() {
    const index = new Array(1000).fill(undefined);
    const entries = Object.entries(MOBILE_PREFIX_CARRIER_GROUPS);
    // 3-digit blocks first so that 4-digit exceptions overwrite them
    for (const [prefix, group] of entries) {
        if (prefix.length !== 3)
            continue;
        const base = Number(prefix.slice(1)) * 10;
        for (let fourthDigit = 0; fourthDigit < 10; fourthDigit++)
            index[base + fourthDigit] = group;
    }
    for (const [prefix, group] of entries) {
        if (prefix.length === 4)
            index[Number(prefix.slice(1))] = group;
    }
    return index;
}
/**
 * Operator group of a national mobile number (digits only, starting with '1'), or undefined when its prefix is not
 * allocated to any mobile operator. Only the first 4 digits are read, so the length is the caller's concern.
 */
export function carrierGroupForMobile(nationalNumber) {
    if (nationalNumber.length < 4 || nationalNumber.charCodeAt(0) !== DIGIT_ZERO + 1)
        return undefined;
    let position = 0;
    for (let offset = 1; offset <= 3; offset++) {
        const digit = nationalNumber.charCodeAt(offset) - DIGIT_ZERO;
        if (digit < 0 || digit > 9)
            return undefined;
        position = position * 10 + digit;
    }
    return GROUP_BY_FOUR_DIGIT_PREFIX[position];
}
//# sourceMappingURL=carrier-prefixes.js.map