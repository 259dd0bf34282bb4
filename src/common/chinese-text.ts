import { ConverterFactory, Locale } from 'opencc-js/t2cn';

// Built once at module load: building the trie costs ~15 ms, converting a short string ~1 µs.
// Hong Kong variants first, then Taiwan ones, so source data from either region folds to the same simplified text.
const traditionalToSimplified = ConverterFactory(Locale.from.hk, Locale.from.tw, Locale.to.cn);

const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Full-width ASCII (Ａ, １, （, ．) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  let result = '';
  let changed = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) {
      result += String.fromCharCode(code - FULL_WIDTH_OFFSET);
      changed = true;
    } else if (code === IDEOGRAPHIC_SPACE) {
      result += ' ';
      changed = true;
    } else {
      result += text[index];
    }
  }
  // Most input is already half-width; returning the original keeps the string interned.
  return changed ? result : text;
}

const HAN_CHARACTER = /\p{Script=Han}/u;

export function containsHan(text: string): boolean {
  return HAN_CHARACTER.test(text);
}

// Per-code-unit memo: 0 = not looked at yet, 1 = unchanged, 2 = converts. Most input is already
// simplified, so one array read per character replaces a trie walk over the whole string.
const characterConversion = new Uint8Array(0x10000);

function needsSimplification(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const codeUnit = text.charCodeAt(index);
    if (codeUnit < 0x2e80) continue;
    let state = characterConversion[codeUnit];
    if (state === 0) {
      const character = text[index] as string;
      state = traditionalToSimplified(character) === character ? 1 : 2;
      characterConversion[codeUnit] = state;
    }
    if (state === 2) return true;
  }
  return false;
}

/**
 * Traditional (Taiwan or Hong Kong) characters to simplified. Text where no single character
 * converts is returned untouched without running the converter (phrase-level conversions such as
 * 臺灣 also convert character by character, so none is missed).
 */
export function toSimplified(text: string): string {
  return needsSimplification(text) ? traditionalToSimplified(text) : text;
}
