import { describe, expect, it } from 'vitest';
import { containsHan, toHalfWidth, toSimplified } from './chinese-text.js';

describe('toHalfWidth', () => {
  it.each([
    ['ＡＢＣ', 'ABC'],
    ['ａｂｃ', 'abc'],
    ['１２３', '123'],
    ['（配偶）', '(配偶)'],
    ['＋８６', '+86'],
    ['．', '.'],
    ['！～', '!~'],
    ['张\u3000三', '张 三'],
    ['plain ascii', 'plain ascii'],
    ['', ''],
    ['中文', '中文'],
  ])('converts %j to %j', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it('leaves characters just outside the full-width ASCII block alone', () => {
    expect(toHalfWidth('\uff00\uff5f')).toBe('\uff00\uff5f');
  });
});

describe('containsHan', () => {
  it.each([
    ['张三', true],
    ['a张', true],
    ['𠮷', true],
    ['john', false],
    ['', false],
    ['·', false],
    ['ㄅ', false],
  ])('%j -> %s', (input, expected) => {
    expect(containsHan(input)).toBe(expected);
  });
});

describe('toSimplified', () => {
  it.each([
    ['張偉', '张伟'],
    ['陳麗華', '陈丽华'],
    ['歐陽', '欧阳'],
    ['親戚', '亲戚'],
    ['鄰居', '邻居'],
    ['衞', '卫'],
    ['裏', '里'],
    ['著', '着'],
    ['张伟', '张伟'],
    ['John', 'John'],
    ['', ''],
  ])('converts %j to %j', (input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });
});

describe('toSimplified on addresses', () => {
  it('converts place names and leaves simplified or Latin text untouched', () => {
    expect(toSimplified('臺灣省臺北市')).toBe('台湾省台北市');
    expect(toSimplified('廣東省深圳市南山區')).toBe('广东省深圳市南山区');
    expect(toSimplified('单元')).toBe('单元');
    expect(toSimplified('abc123')).toBe('abc123');
  });
});
