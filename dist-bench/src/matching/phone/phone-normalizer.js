/**
 * Public entry point of phone normalisation for contact recovery: one raw Chinese phone string in, one E.164 number
 * (with type, carrier group or area code) or one reason out. Pure functions, no I/O.
 */
import { splitPhoneField } from './phone-field-splitter.js';
import { unusable } from './phone-number-classifier.js';
import { normalizeSinglePhone } from './single-phone-normalizer.js';
export { carrierGroupForMobile } from './carrier-prefixes.js';
export { areaCodeForDivision } from './china-area-codes.js';
export { MISSING_AREA_CODE_REASON } from './phone-number-classifier.js';
export { splitPhoneField } from './phone-field-splitter.js';
/** Only fields with a separator can hold several numbers; the rest skip the splitter entirely. */
const SEVERAL_NUMBERS_HINT_PATTERN = /[\s/,;、|，；／｜\u200b-\u200d]/;
/**
 * Normalises one phone field. Never throws. `context.areaCode` (from the record's address) completes a landline
 * written without its area code; it is never guessed otherwise. A field holding two numbers is reported as
 * 'invalid': split it with {@link splitPhoneField} first.
 */
export function normalizePhone(raw, context) {
    if (typeof raw === 'string' && SEVERAL_NUMBERS_HINT_PATTERN.test(raw)) {
        const numberCount = countNumbers(raw);
        if (numberCount > 1) {
            return unusable('invalid', `The field holds ${numberCount} phone numbers; split it (splitPhoneField) and record each number separately.`);
        }
    }
    return normalizeSinglePhone(raw, context);
}
function countNumbers(raw) {
    const pieces = splitPhoneField(raw);
    if (pieces.length <= 1)
        return pieces.length;
    let count = 0;
    for (const piece of pieces) {
        const result = normalizeSinglePhone(piece);
        // A placeholder or a stray note next to a number does not make a second number
        if (result.usable || result.code === 'incomplete' || result.code === 'masked')
            count++;
    }
    return count;
}
//# sourceMappingURL=phone-normalizer.js.map