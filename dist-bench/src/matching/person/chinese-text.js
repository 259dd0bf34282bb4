import { ConverterFactory, Locale } from 'opencc-js/t2cn';
// Built once at module load: building the trie costs ~15 ms, converting a short string ~1 µs.
// Hong Kong variants first, then Taiwan ones, so source data from either region folds to the same simplified text.
const traditionalToSimplified = ConverterFactory(Locale.from.hk, Locale.from.tw, Locale.to.cn);
const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;
/** Full-width ASCII (Ａ, １, （, ．) and the ideographic space become their half-width forms. */
export function toHalfWidth(text) {
    let result = '';
    let changed = false;
    for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) {
            result += String.fromCharCode(code - FULL_WIDTH_OFFSET);
            changed = true;
        }
        else if (code === IDEOGRAPHIC_SPACE) {
            result += ' ';
            changed = true;
        }
        else {
            result += text[index];
        }
    }
    // Most input is already half-width; returning the original keeps the string interned.
    return changed ? result : text;
}
const HAN_CHARACTER = /\p{Script=Han}/u;
export function containsHan(text) {
    return HAN_CHARACTER.test(text);
}
/** Traditional (Taiwan or Hong Kong) characters to simplified; text without Han characters is returned untouched. */
export function toSimplified(text) {
    return containsHan(text) ? traditionalToSimplified(text) : text;
}
//# sourceMappingURL=chinese-text.js.map