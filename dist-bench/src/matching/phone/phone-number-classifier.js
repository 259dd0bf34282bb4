/**
 * Interprets the digits of one phone number once the surrounding text is gone: country code, trunk prefix,
 * mobile / fixed line / service number, and the area code taken from the record when the string has none.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { carrierGroupForMobile } from './carrier-prefixes.js';
const MOBILE_LENGTH = 11;
const IOT_LENGTH = 13;
/** E.164 allows 15 digits; a few more leaves room for a trunk prefix or '00' before we call it garbage. */
const MAXIMUM_DIGITS = 18;
/** 95588, 10086: nothing shorter reaches a person or an organisation's desk. */
const SHORTEST_SERVICE_LENGTH = 5;
const SMALLEST_SUBSCRIBER_LENGTH = 7;
const LARGEST_SUBSCRIBER_LENGTH = 8;
/** Area code (2-3 digits) + subscriber number (7-8 digits) */
const SMALLEST_NATIONAL_FIXED_LENGTH = 9;
const LARGEST_NATIONAL_FIXED_LENGTH = 11;
const ALL_ZEROS_PATTERN = /^0+$/;
const SINGLE_REPEATED_DIGIT_PATTERN = /^(\d)\1+$/;
/** 10086, 10010, 10000, 11185, 12345, 12306…: operator, postal and government hotlines. */
const SERVICE_NUMBER_STARTING_WITH_ONE_PATTERN = /^1[012]\d{3}$/;
/** 95588, 95555 (banks, airlines, insurers) and 96xxx(x) local public-service short codes. */
const SERVICE_NUMBER_STARTING_WITH_NINE_PATTERN = /^9[56]\d{3,4}$/;
const CONTEXT_AREA_CODE_PATTERN = /^(?:10|2\d|[3-9]\d\d)$/;
const NON_DIGIT_PATTERN = /\D/g;
export const MISSING_AREA_CODE_REASON = 'fixed-line number without area code and no city in the record to supply one';
export function unusable(code, reason) {
    return { usable: false, code, reason };
}
function withExtension(phone, extension) {
    if (extension !== undefined)
        phone.extension = extension;
    return phone;
}
export function classifyNumberDigits(number, extension, context) {
    const { digits } = number;
    if (digits.length === 0)
        return unusable('invalid', 'The value contains no digits; enter the phone number itself.');
    if (ALL_ZEROS_PATTERN.test(digits)) {
        return unusable('all_zeros', 'The number is all zeros, a filler value; ask for the real number.');
    }
    if (digits.length >= 3 && SINGLE_REPEATED_DIGIT_PATTERN.test(digits)) {
        return unusable('invalid', `The number repeats the digit ${digits[0]}, a filler value; ask for the real number.`);
    }
    if (digits.length > MAXIMUM_DIGITS) {
        return unusable('too_long', `The number has ${digits.length} digits, more than any phone number; check for two numbers run together.`);
    }
    if (number.hasPlus)
        return classifyInternational(digits, extension, context);
    if (digits.startsWith('00'))
        return classifyInternational(digits.slice(2), extension, context);
    // '8613812345678', '86-10-62345678': a country code written without '+'. No Chinese number starts with 86 and is
    // this long, while '8600 1234' (a local number) is shorter, so the length alone decides.
    if (digits.startsWith('86') && digits.length >= 12) {
        return classifyChinese(withoutTrunkPrefix(digits.slice(2)), true, extension, context);
    }
    return classifyChinese(digits, false, extension, context);
}
function withoutTrunkPrefix(national) {
    return national.startsWith('0') ? national.slice(1) : national;
}
function classifyInternational(afterPlus, extension, context) {
    // '+86 010 6234 5678' keeps the trunk 0 by mistake; drop it like libphonenumber does
    if (afterPlus.startsWith('86'))
        return classifyChinese(withoutTrunkPrefix(afterPlus.slice(2)), true, extension, context);
    const parsed = parseWithMetadata(`+${afterPlus}`);
    const validated = parsed === undefined ? undefined : validate(parsed);
    if (parsed === undefined || validated === undefined) {
        const callingCode = parsed?.countryCallingCode;
        const where = callingCode === undefined ? 'an unknown country code' : `country code +${callingCode}`;
        return unusable('invalid', `The number has ${where} but is not a valid number there; check the digits.`);
    }
    // Foreign numbers carry no carrier group or area code: the matching pipeline only reads those for China
    return withExtension({ usable: true, e164: parsed.number, type: validated }, extension);
}
/** `digits` has no country code; unless it came after +86 it may start with the trunk '0'. */
function classifyChinese(digits, hasCountryCode, extension, context) {
    const hasTrunkPrefix = !hasCountryCode && digits.startsWith('0');
    const national = hasTrunkPrefix ? digits.slice(1) : digits;
    if (national.length === 0) {
        return unusable('too_short', 'The number stops after the country code or trunk 0; the rest of the number is missing.');
    }
    if (national.startsWith('0')) {
        return unusable('invalid', 'The number has a 0 where the area code or mobile prefix should start; check the digits.');
    }
    if (national.length < SHORTEST_SERVICE_LENGTH) {
        const where = hasTrunkPrefix ? ' after the leading 0' : hasCountryCode ? ' after the country code' : '';
        return unusable('too_short', `The number has only ${national.length} digits${where}; it is a fragment or an emergency code, not a contact number.`);
    }
    if (national.startsWith('1'))
        return classifyStartingWithOne(national, hasTrunkPrefix, hasCountryCode, extension);
    return classifyStartingWithAreaDigit(national, hasTrunkPrefix, hasCountryCode, extension, context);
}
function classifyStartingWithOne(national, hasTrunkPrefix, hasCountryCode, extension) {
    if (!hasTrunkPrefix && SERVICE_NUMBER_STARTING_WITH_ONE_PATTERN.test(national)) {
        return withExtension({ usable: true, e164: `+86${national}`, type: 'organisation' }, extension);
    }
    // Beijing (010): with a trunk 0 or +86, or 10 digits, which no mobile has. '10012345678' stays a bad mobile.
    if (national.startsWith('10') && (hasTrunkPrefix || hasCountryCode || national.length === MOBILE_LENGTH - 1)) {
        return classifyFixedLine(national, extension);
    }
    if (national.length === MOBILE_LENGTH) {
        const mobile = classifyMobileNumber(national);
        return mobile.usable ? withExtension(mobile, extension) : mobile;
    }
    const group = carrierGroupForMobile(national);
    if (group === 'iot')
        return iotNumber(national.length);
    if (group === undefined)
        return invalidMobilePrefix(national);
    if (national.length < MOBILE_LENGTH) {
        return unusable('too_short', `The mobile number has ${national.length} digits instead of 11; some digits are missing.`);
    }
    return unusable('too_long', `The mobile number has ${national.length} digits instead of 11; check for extra digits or an extension.`);
}
/** 11-digit national mobile number (digits only, starting with '1'); also the normaliser's fast path. */
export function classifyMobileNumber(national) {
    if (SINGLE_REPEATED_DIGIT_PATTERN.test(national)) {
        return unusable('invalid', `The number repeats the digit ${national[0]}, a filler value; ask for the real number.`);
    }
    const carrierGroup = carrierGroupForMobile(national);
    if (carrierGroup === undefined)
        return invalidMobilePrefix(national);
    if (carrierGroup === 'iot')
        return iotNumber(national.length);
    return { usable: true, e164: `+86${national}`, type: 'mobile', carrierGroup };
}
function invalidMobilePrefix(national) {
    return unusable('invalid_prefix', `Numbers starting with ${national.slice(0, 3)} are not Chinese mobile numbers; check the first digits.`);
}
function iotNumber(length) {
    const kind = length === IOT_LENGTH ? 'a 13-digit IoT' : 'an IoT';
    return unusable('invalid', `This is ${kind} (machine-to-machine) number, not a person's phone; ask for a mobile number.`);
}
function classifyStartingWithAreaDigit(national, hasTrunkPrefix, hasCountryCode, extension, context) {
    if (!hasTrunkPrefix && SERVICE_NUMBER_STARTING_WITH_NINE_PATTERN.test(national)) {
        return withExtension({ usable: true, e164: `+86${national}`, type: 'organisation' }, extension);
    }
    const length = national.length;
    if (!hasTrunkPrefix && length >= SMALLEST_SUBSCRIBER_LENGTH && length <= LARGEST_SUBSCRIBER_LENGTH) {
        return completeWithContextAreaCode(national, extension, context);
    }
    if (length < SMALLEST_NATIONAL_FIXED_LENGTH) {
        const what = hasTrunkPrefix ? 'after the leading 0' : hasCountryCode ? 'after the country code' : 'in total';
        return unusable('too_short', `The number has only ${length} digits ${what}; some digits are missing.`);
    }
    // 400/800 numbers have 10 digits; a landline with area code but without trunk 0 has 10-11 (12 with a typo)
    const largest = hasTrunkPrefix || hasCountryCode ? LARGEST_NATIONAL_FIXED_LENGTH : LARGEST_NATIONAL_FIXED_LENGTH + 1;
    if (length > largest) {
        return unusable('too_long', `The number has ${length} digits not counting a leading 0, more than an area code plus an 8-digit local number; check for extra digits or an extension.`);
    }
    return classifyFixedLine(national, extension);
}
/** Landline, 400/800 or other non-mobile national number, validated with libphonenumber's full metadata. */
function classifyFixedLine(national, extension) {
    const parsed = parseWithMetadata(`+86${national}`);
    const type = parsed === undefined ? undefined : validate(parsed);
    if (parsed === undefined || type === undefined) {
        return unusable('invalid', `0${areaCodeOf(national)} with ${national.length - areaCodeOf(national).length} more digits is not a valid Chinese fixed-line or service number; check the area code and the number of digits.`);
    }
    const phone = { usable: true, e164: parsed.number, type };
    if (type === 'fixed_line')
        phone.areaCode = areaCodeOf(national);
    return withExtension(phone, extension);
}
function completeWithContextAreaCode(subscriber, extension, context) {
    const given = context?.areaCode;
    if (given === undefined || given.trim() === '')
        return unusable('incomplete', MISSING_AREA_CODE_REASON);
    const areaCode = withoutTrunkPrefix(given.replace(NON_DIGIT_PATTERN, ''));
    if (!CONTEXT_AREA_CODE_PATTERN.test(areaCode)) {
        return unusable('incomplete', "fixed-line number without area code, and the record's area code is not a valid Chinese area code; fix the record's city");
    }
    const parsed = parseWithMetadata(`+86${areaCode}${subscriber}`);
    if (parsed === undefined || validate(parsed) !== 'fixed_line') {
        return unusable('invalid', `A ${subscriber.length}-digit local number is not valid in area 0${areaCode} (the record's city); check the number of digits or ask for the area code.`);
    }
    return withExtension({ usable: true, e164: parsed.number, type: 'fixed_line', areaCode, resolvedWithContextAreaCode: true }, extension);
}
/** Beijing (10) and the 2x cities have 2-digit area codes; every other Chinese area code has 3. */
function areaCodeOf(national) {
    return national.startsWith('10') || national.startsWith('2') ? national.slice(0, 2) : national.slice(0, 3);
}
function phoneTypeFor(numberType) {
    switch (numberType) {
        case 'MOBILE':
        case 'PERSONAL_NUMBER':
        case 'PAGER':
            return 'mobile';
        case 'TOLL_FREE':
        case 'SHARED_COST':
        case 'PREMIUM_RATE':
        case 'UAN':
        case 'VOIP':
            return 'organisation';
        default:
            // FIXED_LINE, and FIXED_LINE_OR_MOBILE (e.g. US numbers): we do not promise SMS reachability we cannot know
            return 'fixed_line';
    }
}
/**
 * Our phone type when libphonenumber says the number is valid, else undefined. With full metadata, isValid() is
 * exactly "getType() found a type", so one getType() call does both and halves the cost.
 */
function validate(parsed) {
    const numberType = parsed.getType();
    if (numberType !== undefined)
        return phoneTypeFor(numberType);
    // Countries without per-type metadata only have a general pattern
    return parsed.isValid() ? 'fixed_line' : undefined;
}
function parseWithMetadata(international) {
    try {
        return parsePhoneNumberFromString(international);
    }
    catch {
        // The library documents no throw here, but one bad record must never stop a batch
        return undefined;
    }
}
//# sourceMappingURL=phone-number-classifier.js.map