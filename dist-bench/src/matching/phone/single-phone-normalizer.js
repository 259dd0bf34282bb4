/**
 * Normalises a field assumed to hold at most one number. phone-normalizer.ts adds the several-numbers check on top.
 */
import { classifyMobileNumber, classifyNumberDigits, unusable } from './phone-number-classifier.js';
import { containsDigit, extractNumberText, firstForeignCharacter, isMasked, isPlaceholder, foldPhoneCharacters } from './phone-text.js';
/** Beyond this the value is not a phone field at all; we stop before doing any per-character work. */
export const MAXIMUM_RAW_LENGTH = 256;
/** Longest number text kept once labels and notes are gone ('+86 (0)755-8600 1234 ext. 123456' fits easily). */
export const MAXIMUM_NUMBER_TEXT_LENGTH = 64;
const DIGIT_ZERO = 48;
const DIGIT_ONE = 49;
const DIGIT_NINE = 57;
const PLUS = 43;
const MOBILE_LENGTH = 11;
const NON_DIGIT_PATTERN = /\D/g;
const PARENTHESIS_PATTERN = /[()]/g;
/** '010-62345678-123': the last dash group may be an extension (tried only when the whole number is not valid). */
const TRAILING_DASH_GROUP_PATTERN = /^(.*\d)\s*-\s*(\d{1,6})$/;
export function normalizeSinglePhone(raw, context) {
    try {
        return normalizeSingleUnguarded(raw, context);
    }
    catch {
        // Nothing below is expected to throw; this keeps a batch of a million records alive if something does
        return unusable('invalid', 'The value could not be read as a phone number; check it by hand.');
    }
}
function normalizeSingleUnguarded(raw, context) {
    if (typeof raw !== 'string')
        return unusable('empty', 'The phone field is empty; ask for a number.');
    const fast = fastPathMobile(raw);
    if (fast !== undefined)
        return fast;
    if (raw.length > MAXIMUM_RAW_LENGTH) {
        return unusable('too_long', `The value is ${raw.length} characters long, far more than a phone number; clean the field.`);
    }
    const text = foldPhoneCharacters(raw).trim();
    if (text === '')
        return unusable('empty', 'The phone field is empty; ask for a number.');
    if (isMasked(text)) {
        return unusable('masked', 'Some digits are hidden (*, x or ?); request the unmasked number from the data source.');
    }
    if (isPlaceholder(text)) {
        return unusable('placeholder', `"${text}" is a placeholder meaning no number was given; ask for a number.`);
    }
    if (!containsDigit(text)) {
        return unusable('invalid', 'The value contains no digits; it is text, not a phone number.');
    }
    const { body: numberText, extension } = extractNumberText(text);
    if (numberText.length > MAXIMUM_NUMBER_TEXT_LENGTH) {
        return unusable('too_long', `The number part is ${numberText.length} characters long, more than ${MAXIMUM_NUMBER_TEXT_LENGTH}; clean the field.`);
    }
    const foreign = firstForeignCharacter(numberText);
    if (foreign !== undefined) {
        return unusable('invalid', `The number contains "${foreign}", which is not part of a phone number; remove notes from inside it.`);
    }
    const body = numberText.replace(PARENTHESIS_PATTERN, ' ').trim();
    const plusIndex = body.indexOf('+');
    if (plusIndex > 0 || (plusIndex === 0 && body.indexOf('+', 1) >= 0)) {
        return unusable('invalid', 'A "+" appears inside the number; it may only precede the country code.');
    }
    const hasPlus = plusIndex === 0;
    const whole = classifyNumberDigits({ digits: body.replace(NON_DIGIT_PATTERN, ''), hasPlus }, extension, context);
    if (whole.usable || extension !== undefined)
        return whole;
    return dashExtensionFallback(body, hasPlus, context) ?? whole;
}
/**
 * '010-62345678-123' is a landline plus extension. The dash group counts as an extension only when the rest is a
 * complete non-mobile number, so '13812345678-123' stays unusable instead of silently losing digits.
 */
function dashExtensionFallback(body, hasPlus, context) {
    const match = TRAILING_DASH_GROUP_PATTERN.exec(body);
    if (match === null)
        return undefined;
    const withoutGroup = classifyNumberDigits({ digits: match[1].replace(NON_DIGIT_PATTERN, ''), hasPlus }, match[2], context);
    return withoutGroup.usable && withoutGroup.type !== 'mobile' ? withoutGroup : undefined;
}
/** Plain '13812345678' or '+8613812345678', by far the most common inputs: no regex, no libphonenumber. */
function fastPathMobile(raw) {
    let start;
    if (raw.length === MOBILE_LENGTH)
        start = 0;
    else if (raw.length === MOBILE_LENGTH + 3 && raw.charCodeAt(0) === PLUS && raw.startsWith('86', 1))
        start = 3;
    else
        return undefined;
    if (raw.charCodeAt(start) !== DIGIT_ONE)
        return undefined;
    for (let index = start + 1; index < raw.length; index++) {
        const code = raw.charCodeAt(index);
        if (code < DIGIT_ZERO || code > DIGIT_NINE)
            return undefined;
    }
    return classifyMobileNumber(start === 0 ? raw : raw.slice(start));
}
//# sourceMappingURL=single-phone-normalizer.js.map