import { toHalfWidth } from '../common/chinese-text.js';

// Masking applied by default to personal data in API responses; cheap enough to run over every row of a large export.

const MASK = '*';

const HAN_CHARACTER = /\p{Script=Han}/u;
const WHITESPACE = /\s+/g;

/**
 * Chinese names keep the first and last character ('王小明' -> '王*明', '欧阳娜娜' -> '欧**娜'); two characters keep
 * the surname ('张三' -> '张*'); a single character is fully masked. Latin names keep each word's initial
 * ('John Smith' -> 'J*** S****').
 */
export function maskName(name: string | undefined | null): string | undefined {
  if (name === undefined || name === null) return undefined;
  const text = toHalfWidth(name).trim();
  if (text === '') return undefined;
  if (HAN_CHARACTER.test(text)) {
    // Code points, so a rare surrogate-pair character counts as one character.
    const characters = Array.from(text.replace(WHITESPACE, ''));
    if (characters.length === 1) return MASK;
    if (characters.length === 2) return `${characters[0]}${MASK}`;
    return `${characters[0]}${MASK.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
  }
  return text
    .split(WHITESPACE)
    .map((word) => {
      const characters = Array.from(word);
      return `${characters[0] ?? ''}${MASK.repeat(characters.length - 1)}`;
    })
    .join(' ');
}

const EXTENSION = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$/i;
const CHINA_MOBILE = /^1[3-9]\d{9}$/;
const CHINA_LANDLINE = /^0\d{9,11}$/;
// A national number written without its trunk 0 after +86 ('+86 10 6234 5678').
const CHINA_LANDLINE_WITHOUT_TRUNK = /^[1-9]\d{8,10}$/;
const THREE_DIGIT_AREA_CODE = /^0(?:10|2\d)/;
// Emergency and carrier numbers (110, 10086, 12315), bank and utility hotlines (95588, 96xxx), 400/800 lines:
// they identify organisations, not people, and collectors need to read them.
// 95xxx numbers are national (5 digits, some with a 1-3 digit suffix: 95105888); 96xxx are local and have 5 or 6
// digits, so an 8-digit number starting 96 ('9612 3456') is a subscriber's and masked like any other.
const SERVICE_NUMBERS = [/^1\d{2}$/, /^1[0-2]\d{3}$/, /^95\d{3,6}$/, /^96\d{3,4}$/, /^[48]00\d{7}$/];

function isServiceNumber(digits: string): boolean {
  return SERVICE_NUMBERS.some((pattern) => pattern.test(digits));
}

/** Keep the last four digits, but never show more digits than are hidden. */
function maskKeepingTail(digits: string): string {
  const kept = Math.min(4, Math.max(0, digits.length - 4));
  return MASK.repeat(digits.length - kept) + digits.slice(digits.length - kept);
}

function maskLandline(national: string): string {
  const areaLength = THREE_DIGIT_AREA_CODE.test(national) ? 3 : 4;
  const subscriber = national.slice(areaLength);
  return national.slice(0, areaLength) + MASK.repeat(subscriber.length - 4) + subscriber.slice(-4);
}

/** Masks a Chinese national number (mobile, landline with area code, service); undefined when it is none of those. */
function maskChineseNational(national: string, afterCountryCode: boolean): string | undefined {
  if (CHINA_MOBILE.test(national)) return `${national.slice(0, 3)}${MASK.repeat(4)}${national.slice(-4)}`;
  if (isServiceNumber(national)) return national;
  if (CHINA_LANDLINE.test(national)) return maskLandline(national);
  if (afterCountryCode && CHINA_LANDLINE_WITHOUT_TRUNK.test(national)) return maskLandline(`0${national}`);
  return undefined;
}

function maskMainNumber(main: string): string {
  let digits = main.replace(/\D/g, '');
  let international = main.trimStart().startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (international) {
    return (digits.startsWith('86') ? maskChineseNational(digits.slice(2), true) : undefined) ?? maskKeepingTail(digits);
  }
  // '8613812345678': a mobile with the country code but without the '+'.
  if (digits.length === 13 && digits.startsWith('86') && CHINA_MOBILE.test(digits.slice(2))) {
    return maskChineseNational(digits.slice(2), true) ?? maskKeepingTail(digits);
  }
  return maskChineseNational(digits, false) ?? maskKeepingTail(digits);
}

/**
 * '+8613812345678' / '138 1234 5678' -> '138****5678'; landlines keep the area code ('010****5678');
 * service numbers come back unmasked in national form ('95588'); anything else keeps its last four digits.
 * An extension ('转801') is masked completely.
 */
export function maskPhone(e164OrRaw: string | undefined | null): string | undefined {
  if (e164OrRaw === undefined || e164OrRaw === null) return undefined;
  const text = toHalfWidth(e164OrRaw).trim();
  const extension = EXTENSION.exec(text);
  const main = extension === null ? text : text.slice(0, extension.index);
  if (!/\d/.test(main)) return undefined;
  const masked = maskMainNumber(main);
  return extension === null ? masked : `${masked}-${MASK.repeat(extension[1]?.length ?? 0)}`;
}

/** maskPhone for a value shown whatever it holds: one without digits ('无', free text) is masked whole. */
export function maskPhoneOrWhole(e164OrRaw: string | undefined | null): string {
  return maskPhone(e164OrRaw) ?? MASK.repeat(4);
}

/**
 * A phone text echoed back as received (one the pipeline could not use, say): a text its source already masked that
 * shows no more digits than a masked mobile ('138****5678') is kept as it is; anything else is masked like a phone,
 * so a 14-digit string holding a whole mobile shows only its last four.
 */
export function maskRawPhone(raw: string): string {
  const digits = toHalfWidth(raw).replace(/\D/g, '').length;
  if (/[*＊]/.test(raw) && digits <= 7) return raw;
  return maskPhoneOrWhole(raw);
}

const ADDRESS_MASK = '****';
// Placeholders the national division codes use where a municipality has no prefecture-level city.
const CITY_PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * Shows the administrative parts up to the district ('广东省深圳市南山区****'), or up to the city when no district
 * is known, and '****' when nothing is. The raw address is accepted but never echoed: free text before the
 * district can carry a recipient's name or a street, so only the parsed parts are shown.
 */
export function maskAddress(parts: { province?: string; city?: string; district?: string }, raw?: string): string {
  void raw;
  const province = parts.province?.trim() ?? '';
  let city = parts.city?.trim() ?? '';
  const district = parts.district?.trim() ?? '';
  // Municipalities repeat themselves ('北京市' / '北京市'); show the name once.
  if (city === province || CITY_PLACEHOLDERS.has(city)) city = '';
  return `${province}${city}${district}${ADDRESS_MASK}`;
}

const RESIDENT_ID_LENGTH = 18;
const ID_SEPARATORS = /[\s-]+/g;
// Below this length, keeping two characters at each end would show as much as it hides.
const MINIMUM_LENGTH_FOR_PARTIAL_ID = 8;

/**
 * 18-character resident IDs keep the region code and the last four ('110101********1234'); other documents keep
 * their first and last two characters; short values are fully masked.
 */
export function maskIdNumber(idNumber: string | undefined | null): string | undefined {
  if (idNumber === undefined || idNumber === null) return undefined;
  const text = toHalfWidth(idNumber).replace(ID_SEPARATORS, '').toUpperCase();
  if (text === '') return undefined;
  const characters = Array.from(text);
  if (characters.length === RESIDENT_ID_LENGTH) {
    return `${characters.slice(0, 6).join('')}${MASK.repeat(8)}${characters.slice(-4).join('')}`;
  }
  if (characters.length < MINIMUM_LENGTH_FOR_PARTIAL_ID) return MASK.repeat(characters.length);
  return `${characters.slice(0, 2).join('')}${MASK.repeat(characters.length - 4)}${characters.slice(-2).join('')}`;
}

const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1900;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isPlausibleBirthDate(year: number, month: number, day: number, today: Date): boolean {
  if (year < EARLIEST_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > daysInMonth) return false;
  const birth = year * 10_000 + month * 100 + day;
  const now = today.getFullYear() * 10_000 + (today.getMonth() + 1) * 100 + today.getDate();
  return birth <= now;
}

/**
 * GB 11643 resident ID: 17 digits and an ISO 7064 MOD 11-2 check character (digit or X, either case),
 * with a real, past birth date from 1900 on. The region code is not checked: codes change over time.
 */
export function isValidResidentIdNumber(idNumber: string): boolean {
  const text = idNumber.trim().toUpperCase();
  if (!RESIDENT_ID_SHAPE.test(text)) return false;
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  if (!isPlausibleBirthDate(year, month, day, new Date())) return false;
  let sum = 0;
  for (let index = 0; index < CHECK_WEIGHTS.length; index += 1) {
    sum += (text.charCodeAt(index) - 48) * (CHECK_WEIGHTS[index] ?? 0);
  }
  return CHECK_CHARACTERS[sum % 11] === text[17];
}
