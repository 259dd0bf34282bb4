import {
  citiesByCode,
  type AliasEntry,
  type DivisionContext,
  type DivisionRecord,
  fullNameLengthAt,
  longestAliasAt,
  MUNICIPALITY_PROVINCE_CODES,
  onlyCityOfMunicipality,
  provincesByCode,
  soleDistrictOf,
} from './division-index.js';

export interface ResolvedDivisions {
  province?: DivisionRecord;
  city?: DivisionRecord;
  district?: DivisionRecord;
  /** Index in the text right after the last division name read (or skipped). */
  end: number;
  /** A name was read that matches several divisions, or contradicts the ones before it. */
  unresolved: boolean;
  /** The districts a name matching several of them may be (市中区 in 山东: 济南 or 枣庄); only when district is not set. */
  districtCandidates?: DivisionRecord[];
}

// More districts of one name than this say too little to block on.
const MAXIMUM_DISTRICT_CANDIDATES = 3;

/**
 * The districts an ambiguous full district name may be, when every reading is a district of one province
 * (山东市中区: 济南 or 枣庄). Across provinces (朝阳区 alone: Beijing or Changchun) the same road and flat
 * number would pool borrowers of different cities into one point: too vague.
 */
function districtCandidatesOf(entries: readonly AliasEntry[]): DivisionRecord[] | undefined {
  if (entries.some((entry) => entry.short || entry.record.level !== 3)) return undefined;
  const districts = [...new Map(entries.map((entry) => [entry.record.code, entry.record])).values()];
  if (districts.length < 2 || districts.length > MAXIMUM_DISTRICT_CANDIDATES) return undefined;
  return sharedParent(districts, 1) === undefined ? undefined : districts;
}

/** The one division every candidate lies in at `level`, if they share it. */
function sharedParent(candidates: readonly DivisionRecord[], level: 1 | 2): DivisionRecord | undefined {
  const codes = new Set(candidates.map((candidate) => (level === 1 ? candidate.provinceCode : (candidate.cityCode as string))));
  if (codes.size !== 1) return undefined;
  const [code] = codes;
  return level === 1 ? provincesByCode.get(code as string) : citiesByCode.get(code as string);
}

// Fillers written after a municipality: 北京市市辖区, 重庆市县, 上海市上海市.
const MUNICIPAL_FILLERS = ['市辖区', '辖区', '郊县', '县', '市'];

function skipMunicipalFillers(text: string, position: number, province: DivisionRecord): number {
  let current = position;
  for (let skipped = true; skipped; ) {
    skipped = false;
    if (text.startsWith(province.name, current)) {
      current += province.name.length;
      skipped = true;
      continue;
    }
    for (const filler of MUNICIPAL_FILLERS) {
      if (text.startsWith(filler, current)) {
        current += filler.length;
        skipped = true;
        break;
      }
    }
  }
  return current;
}

/** The single record at the shallowest level, or undefined when that level is ambiguous. */
function chooseRecord(entries: readonly AliasEntry[]): DivisionRecord | undefined {
  let shallowest = 4;
  for (const entry of entries) shallowest = Math.min(shallowest, entry.record.level);
  let chosen: DivisionRecord | undefined;
  for (const entry of entries) {
    if (entry.record.level !== shallowest) continue;
    if (chosen !== undefined && chosen.code !== entry.record.code) return undefined;
    chosen = entry.record;
  }
  return chosen;
}

/**
 * "枣庄市中区" is 枣庄市 + 市中区: the city's 市 is also the first character of its district (市中区 in
 * 济南, 枣庄, 内江, 乐山; 市南区 and 市北区 in 青岛), written once. True when the text read from that shared
 * 市 names a district of the city just read, and the district is not written out in full after it.
 */
function sharesCitySuffix(text: string, position: number, city: DivisionRecord, context: DivisionContext): boolean {
  if (text.charAt(position - 1) !== '市' || text.charAt(position) === '市') return false;
  const overlapping = longestAliasAt(text, position - 1, context);
  return (
    overlapping !== undefined &&
    overlapping.entries.some((entry) => !entry.short && entry.record.level === 3 && entry.record.cityCode === city.code)
  );
}

function isMunicipality(record: DivisionRecord | undefined): record is DivisionRecord {
  return record !== undefined && MUNICIPALITY_PROVINCE_CODES.has(record.code);
}

/**
 * Reads province, city and district names from the start of a cleaned address. Levels may be
 * skipped (深圳市南山区, 南山区, 江苏省昆山市); missing parents are filled in from the deepest
 * division found. An ambiguous name (朝阳区 alone: Beijing or Changchun) leaves that level empty
 * rather than guessing.
 */
export function resolveDivisions(text: string): ResolvedDivisions {
  const context: DivisionContext = { deepestLevel: 0 };
  let district: DivisionRecord | undefined;
  let position = 0;
  let steps = 0;
  let startedWithBareShortName = false;
  let unresolved = false;
  let districtCandidates: DivisionRecord[] | undefined;

  while (position < text.length && district === undefined) {
    if (isMunicipality(context.province) && context.city === undefined) {
      position = skipMunicipalFillers(text, position, context.province);
    }
    const match = longestAliasAt(text, position, context);
    if (match === undefined) {
      // "广东省朝阳区": a real division name that contradicts what came before. Skip it so it
      // is not read as a road or community, but do not trust it.
      const contradictory = context.deepestLevel > 0 ? fullNameLengthAt(text, position) : 0;
      if (contradictory > 0) {
        position += contradictory;
        unresolved = true;
      }
      break;
    }
    const record = chooseRecord(match.entries);
    if (record === undefined) {
      if (match.entries.every((entry) => !entry.short)) position += match.length;
      districtCandidates = districtCandidatesOf(match.entries);
      unresolved = true;
      break;
    }
    const readAsShortName = match.entries.every((entry) => !(entry.record === record && !entry.short));
    // Province short names ("广东", "北京") are reliable; bare city short names are not.
    if (steps === 0 && readAsShortName && record.level > 1) startedWithBareShortName = true;
    steps++;
    position += match.length;
    context.deepestLevel = record.level;
    if (record.level === 1) context.province = record;
    else if (record.level === 2) context.city = record;
    else district = record;
    if (record.level >= 2 && context.province === undefined) {
      context.province = provincesByCode.get(record.provinceCode);
    }
    if (record.level === 2 && sharesCitySuffix(text, position, record, context)) position -= 1;
  }

  // "深圳湾", "长沙湾": a lone short name with nothing after it is too weak to be a place.
  if (startedWithBareShortName && steps === 1) {
    return { end: 0, unresolved: false };
  }

  let { province, city } = context;
  if (district !== undefined) {
    city = citiesByCode.get(district.cityCode as string);
    province = provincesByCode.get(district.provinceCode);
  } else if (city !== undefined) {
    district = soleDistrictOf(city.code);
  } else if (districtCandidates !== undefined) {
    // As precise as the candidates allow: the city or province they share.
    city ??= sharedParent(districtCandidates, 2);
    province ??= sharedParent(districtCandidates, 1);
    return { province, city, end: position, unresolved, districtCandidates };
  } else if (isMunicipality(province)) {
    city = onlyCityOfMunicipality(province.code);
  }
  return { province, city, district, end: position, unresolved };
}
