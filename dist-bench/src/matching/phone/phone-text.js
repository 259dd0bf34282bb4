/**
 * Text clean-up for phone fields: everything that happens before digits are interpreted.
 * All patterns are compiled once at module load because the normaliser runs over millions of records.
 */
const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
/** Characters mapped one-for-one (never removed) so that indexes in the cleaned text match the original. */
const SINGLE_CHARACTER_REPLACEMENTS = new Map([
    [0x00a0, ' '], // no-break space
    [0x3000, ' '], // ideographic space
    [0x2002, ' '],
    [0x2003, ' '],
    [0x2009, ' '],
    [0x200b, ' '], // zero-width space, common in copy-pasted numbers
    [0x200c, ' '],
    [0x200d, ' '],
    [0x202f, ' '],
    [0xfeff, ' '],
    [0x2010, '-'],
    [0x2011, '-'],
    [0x2012, '-'],
    [0x2013, '-'],
    [0x2014, '-'],
    [0x2015, '-'],
    [0x2212, '-'],
    [0xfe63, '-'],
    [0x3010, '('], // 【
    [0x3011, ')'], // 】
    [0x3014, '('], // 〔
    [0x3015, ')'], // 〕
    [0x005b, '('], // [
    [0x005d, ')'], // ]
]);
/**
 * Full-width ASCII (digits, ＋, （, ）, －, ：, ＊ …) to half-width, odd spaces to ' ', dashes to '-', square brackets
 * to parentheses. Keeps the length, so positions found in the result apply to the input.
 */
export function foldPhoneCharacters(text) {
    let firstChanged = -1;
    for (let index = 0; index < text.length; index++) {
        if (needsMapping(text.charCodeAt(index))) {
            firstChanged = index;
            break;
        }
    }
    if (firstChanged < 0)
        return text;
    let result = text.slice(0, firstChanged);
    for (let index = firstChanged; index < text.length; index++) {
        let code = text.charCodeAt(index);
        if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST)
            code -= FULL_WIDTH_OFFSET;
        // Looked up after the width change so that ［ ］ become ( ) like [ ]
        result += SINGLE_CHARACTER_REPLACEMENTS.get(code) ?? String.fromCharCode(code);
    }
    return result;
}
function needsMapping(code) {
    return (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) || SINGLE_CHARACTER_REPLACEMENTS.has(code);
}
/** Digits hidden by stars, dots, question marks or runs of x. A single x is an extension marker, not a mask. */
const MASK_PATTERN = /[*●•]|[xX×]{2,}|\?{2,}/;
export function isMasked(text) {
    return MASK_PATTERN.test(text);
}
/** Values that data-entry staff type when they have no number; compared lower-cased, labels and edge punctuation removed. */
const PLACEHOLDER_WORDS = new Set([
    '无',
    '没有',
    '无号码',
    '无电话',
    '不详',
    '暂无',
    '未知',
    '空',
    '未提供',
    '不知道',
    '待补充',
    '待定',
    '略',
    'null',
    'nil',
    'none',
    'n/a',
    'na',
    'undefined',
    'unknown',
    'nan',
]);
const PUNCTUATION_ONLY_PATTERN = /^[\s\p{P}\p{S}]+$/u;
const EDGE_PUNCTUATION_PATTERN = /^[\s\p{P}]+|[\s\p{P}]+$/gu;
/** A label such as '手机:', '电话2:', 'tel:' or 'Mobile :' at the very start (after half-width conversion). */
const LABEL_PATTERN = /^[\p{L}\s]*\p{L}\s*\d{0,2}\s*:\s*/u;
export function isPlaceholder(text) {
    if (PUNCTUATION_ONLY_PATTERN.test(text))
        return true;
    const lowered = text.toLowerCase();
    if (PLACEHOLDER_WORDS.has(lowered))
        return true;
    const withoutLabel = lowered.replace(LABEL_PATTERN, '');
    if (withoutLabel === '' || PUNCTUATION_ONLY_PATTERN.test(withoutLabel))
        return withoutLabel !== lowered;
    return PLACEHOLDER_WORDS.has(withoutLabel) || PLACEHOLDER_WORDS.has(withoutLabel.replace(EDGE_PUNCTUATION_PATTERN, ''));
}
const DIGIT_PATTERN = /\d/;
export function containsDigit(text) {
    return DIGIT_PATTERN.test(text);
}
/** Notes in brackets without digits: '(本人)', '(办公室)'. Brackets with digits ('(010)', '(+86)') are number parts. */
const NOTE_PATTERN = /\([^()\d]*\)/g;
const LEADING_JUNK_PATTERN = /^[^\d+(]+/;
const TRAILING_JUNK_PATTERN = /[^\d)]+$/;
/** '转123', '分机:123', '分机号 123', 'ext 123', 'ext.123', 'x123', '#123' at the end of the text. */
const EXTENSION_PATTERN = /\s*(?:转分机|分机号?|转接?|extension|ext|x|#)\s*[.:]?\s*(\d{1,6})$/i;
/** Removes labels, notes and an explicit extension around the number. Input must already be half-width. */
export function extractNumberText(text) {
    let body = text.replace(NOTE_PATTERN, ' ').replace(LABEL_PATTERN, '').replace(LEADING_JUNK_PATTERN, '');
    body = body.replace(TRAILING_JUNK_PATTERN, '');
    const extensionMatch = EXTENSION_PATTERN.exec(body);
    if (extensionMatch === null)
        return { body };
    const beforeExtension = body.slice(0, extensionMatch.index).replace(TRAILING_JUNK_PATTERN, '');
    return { body: beforeExtension, extension: extensionMatch[1] };
}
/** What may remain of a number once labels and notes are gone; '/' appears in '010/62345678'. */
const NUMBER_CHARACTERS_PATTERN = /^[\d+\-\s.()/]+$/;
const FIRST_FOREIGN_CHARACTER_PATTERN = /[^\d+\-\s.()/]/u;
/** The first character that cannot belong to a phone number, or undefined when there is none. */
export function firstForeignCharacter(body) {
    if (NUMBER_CHARACTERS_PATTERN.test(body))
        return undefined;
    return FIRST_FOREIGN_CHARACTER_PATTERN.exec(body)?.[0];
}
/** Strong separators between numbers in one field: / , ， ; ； 、 | (full-width forms are half-width by now). */
export const FIELD_SEPARATOR_PATTERN = /[/,;、|]/;
//# sourceMappingURL=phone-text.js.map