import { describe, expect, it } from 'vitest';
import { extractNumberText, isMasked, isPlaceholder, foldPhoneCharacters } from './phone-text.js';

describe('foldPhoneCharacters', () => {
  it('maps full-width ASCII, odd spaces, dashes and brackets one character for one', () => {
    const raw = '（＋８６）１３８－１２３４\u3000５６７８【本人】［x］—';
    const converted = foldPhoneCharacters(raw);
    expect(converted).toBe('(+86)138-1234 5678(本人)(x)-');
    expect(converted.length).toBe(raw.length);
  });

  it('returns plain ASCII unchanged', () => {
    const raw = '010-62345678';
    expect(foldPhoneCharacters(raw)).toBe(raw);
  });
});

describe('masks and placeholders', () => {
  it.each(['138****5678', '138xx5678', '●●●', '138??5678'])('masked: %s', (text) => expect(isMasked(text)).toBe(true));
  it.each(['010-62345678 x123', 'ext 123', '13812345678'])('not masked: %s', (text) => expect(isMasked(text)).toBe(false));
  it.each(['无', 'N/A', 'None', '电话:暂无', '—', '(空)', '未提供。'])('placeholder: %s', (text) => {
    expect(isPlaceholder(foldPhoneCharacters(text))).toBe(true);
  });
  it.each(['13812345678', '本人', '无锡市'])('not a placeholder: %s', (text) => expect(isPlaceholder(text)).toBe(false));
});

describe('extractNumberText', () => {
  it.each([
    ['手机:138 1234 5678(本人)', '138 1234 5678', undefined],
    ['tel:+86-13812345678', '+86-13812345678', undefined],
    ['010-62345678 分机号: 8001 (前台)', '010-62345678', '8001'],
    ['(010)62345678#123', '(010)62345678', '123'],
    ['电话 0755-86001234 转', '0755-86001234', undefined],
  ])('%s', (text, body, extension) => {
    expect(extractNumberText(text)).toEqual(extension === undefined ? { body } : { body, extension });
  });
});
