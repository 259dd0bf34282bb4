import { toSimplified } from '../../common/chinese-text.js';

/**
 * Text clean-up shared by the address parser: width folding, traditional→simplified,
 * punctuation and the numeral conversion used for building/unit/room numbers.
 */

const DASH_VARIANTS = /[‐‑‒–—―−⁃～~﹣]+/g;
const BRACKET_OPENERS = /[【\[{〔《〈「『]/g;
const BRACKET_CLOSERS = /[】\]}〕》〉」』]/g;
const SEPARATORS = /[\s,，、;；:：。.·•'"“”‘’`|/\\_*^+=!?！？@$%&<>]+/g;
const LOOSE_DASH = /(?<![0-9A-Z])-+|-+(?![0-9A-Z])/g;
const LEADING_NOISE =
  /^(?:(?:收货|收件|家庭|户籍|现|居住|单位|工作|通讯|联系|常住)?(?:地址|住址)|中华人民共和国|中国|\d{6}(?=\D))+/;
const LOWERCASE = /[a-z]+/g;
const NEEDS_FULL_CLEANING = /[^\u4e00-\u9fff0-9A-Z#()-]/;

/**
 * The normalised form stored as `ParsedAddress.cleaned`: NFKC (full-width digits, letters and
 * punctuation become ASCII), simplified characters, upper-case letters, no whitespace or
 * separators, dashes only where they join numbers or letters (3-2-501), brackets as "(...)".
 */
export function cleanAddressText(raw: string): string {
  let text = raw;
  // Most input is already CJK plus ASCII digits and capitals, for which NFKC and the
  // punctuation passes change nothing.
  if (NEEDS_FULL_CLEANING.test(text)) {
    text = text.normalize('NFKC');
    text = text.replace(LOWERCASE, (letters) => letters.toUpperCase());
    text = text.replace(DASH_VARIANTS, '-');
    text = text.replace(BRACKET_OPENERS, '(').replace(BRACKET_CLOSERS, ')');
    text = text.replace(SEPARATORS, '');
  }
  text = toSimplified(text);
  if (text.includes('-')) text = text.replace(LOOSE_DASH, '');
  text = text.replace(LEADING_NOISE, '');
  return text;
}

const PARENTHESISED = /\(([^()]*)\)?/g;
const STRAY_PARENTHESIS = /[()]/g;
// Bracketed delivery notes and landmarks ("(近地铁站)", "(放门口)") would read as part of a name.
const NOTE_WORDS = /近|旁|对面|对过|附近|周边|隔壁|地铁|公交|路口|\d+米|[东西南北]侧|门口|放|电话|手机|联系|送|转|代收|收件|工作日|周末|上午|下午|晚上/;

/** The text the structural parser reads: bracketed notes dropped, other brackets unwrapped. */
export function withoutBracketNotes(cleaned: string): string {
  if (!cleaned.includes('(') && !cleaned.includes(')')) return cleaned;
  return cleaned
    .replace(PARENTHESISED, (_whole, inner: string) => (NOTE_WORDS.test(inner) ? '' : inner))
    .replace(STRAY_PARENTHESIS, '');
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_MULTIPLIERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that may form a Chinese numeral, for building regular expressions. */
export const CHINESE_NUMERAL_CHARACTERS = '零〇一二两三四五六七八九十百千';

/**
 * "三" → "3", "十二" → "12", "二十一" → "21", "五零一" → "501" (read digit by digit when
 * there is no 十/百/千). Returns undefined for anything that is not a Chinese numeral.
 */
export function chineseNumeralToArabic(numeral: string): string | undefined {
  if (numeral.length === 0) return undefined;
  let positional = false;
  for (const character of numeral) {
    if (character in CHINESE_MULTIPLIERS) positional = true;
    else if (!(character in CHINESE_DIGITS)) return undefined;
  }
  if (!positional) {
    let digits = '';
    for (const character of numeral) digits += String(CHINESE_DIGITS[character]);
    return digits;
  }
  let total = 0;
  let pending = 0;
  let sawDigit = false;
  for (const character of numeral) {
    const multiplier = CHINESE_MULTIPLIERS[character];
    if (multiplier === undefined) {
      pending = CHINESE_DIGITS[character] as number;
      sawDigit = true;
      continue;
    }
    // "十二" has no leading digit: the ten counts as one ten.
    total += (sawDigit ? pending : 1) * multiplier;
    pending = 0;
    sawDigit = false;
  }
  return String(total + pending);
}

const LEADING_ZEROS = /^0+(?=\d)/;

/**
 * Canonical form of a building/unit/room/floor token: Chinese numerals become digits,
 * leading zeros go ("0501" and "501" are the same door), letters stay upper-case.
 */
export function normaliseNumberToken(token: string): string {
  const converted = chineseNumeralToArabic(token) ?? token;
  return converted.replace(LEADING_ZEROS, '');
}
