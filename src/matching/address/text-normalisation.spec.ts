import { describe, expect, it } from 'vitest';
import {
  chineseNumeralToArabic,
  cleanAddressText,
  normaliseNumberToken,
  withoutBracketNotes,
} from './text-normalisation.js';

describe('cleanAddressText', () => {
  it.each([
    ['full-width digits and letters', '建国路８８号Ａ座１２０１', '建国路88号A座1201'],
    ['lower-case letters', 'soho现代城a座', 'SOHO现代城A座'],
    ['traditional characters', '廣東省深圳市南山區陽光花園3棟', '广东省深圳市南山区阳光花园3栋'],
    ['whitespace of every kind', ' 广东省\t深圳市\u3000南山区\n', '广东省深圳市南山区'],
    ['separators', '广东省,深圳市，南山区、阳光花园;3栋', '广东省深圳市南山区阳光花园3栋'],
    ['dashes between numbers', '3—2—501', '3-2-501'],
    ['dashes between words', '广东省-深圳市-南山区', '广东省深圳市南山区'],
    ['full-width brackets', '阳光花园（南区）', '阳光花园(南区)'],
    ['other brackets', '阳光花园【南区】', '阳光花园(南区)'],
    ['a country prefix', '中国广东省深圳市', '广东省深圳市'],
    ['a label', '收货地址：广东省深圳市', '广东省深圳市'],
    ['a postcode', '518000广东省深圳市', '广东省深圳市'],
    ['an empty string', '', ''],
  ])('normalises %s', (_label, raw, cleaned) => {
    expect(cleanAddressText(raw)).toBe(cleaned);
  });

  it('leaves already clean text alone', () => {
    const clean = '广东省深圳市南山区科技南十二路18号阳光花园3栋2单元501室';
    expect(cleanAddressText(clean)).toBe(clean);
  });
});

describe('withoutBracketNotes', () => {
  it.each([
    ['阳光花园(近地铁站)3栋', '阳光花园3栋'],
    ['阳光花园(放门口)3栋', '阳光花园3栋'],
    ['阳光花园(南区)3栋', '阳光花园南区3栋'],
    ['阳光花园(南区3栋', '阳光花园南区3栋'],
    ['阳光花园南区)3栋', '阳光花园南区3栋'],
    ['阳光花园3栋', '阳光花园3栋'],
  ])('%s → %s', (cleaned, structural) => {
    expect(withoutBracketNotes(cleaned)).toBe(structural);
  });
});

describe('chineseNumeralToArabic', () => {
  it.each([
    ['三', '3'],
    ['十', '10'],
    ['十二', '12'],
    ['二十', '20'],
    ['二十一', '21'],
    ['一百零五', '105'],
    ['两', '2'],
    ['五零一', '501'],
    ['一〇二', '102'],
  ])('%s → %s', (numeral, digits) => {
    expect(chineseNumeralToArabic(numeral)).toBe(digits);
  });

  it('is undefined for anything else', () => {
    expect(chineseNumeralToArabic('')).toBeUndefined();
    expect(chineseNumeralToArabic('3')).toBeUndefined();
    expect(chineseNumeralToArabic('三A')).toBeUndefined();
  });
});

describe('normaliseNumberToken', () => {
  it.each([
    ['0501', '501'],
    ['0', '0'],
    ['三', '3'],
    ['A', 'A'],
    ['12', '12'],
  ])('%s → %s', (token, normalised) => {
    expect(normaliseNumberToken(token)).toBe(normalised);
  });
});
