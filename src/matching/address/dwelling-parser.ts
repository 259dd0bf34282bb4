import { normaliseCommunityName } from './community-name.js';
import { CHINESE_NUMERAL_CHARACTERS, normaliseNumberToken } from './text-normalisation.js';

/**
 * Reads what follows the divisions: town, road and house number, community, then the
 * building / unit / floor / room tokens. All patterns are compiled once at module load and
 * matched in place with sticky `lastIndex`, so a parse allocates little.
 */

export interface DwellingParts {
  town?: string;
  road?: string;
  roadNumber?: string;
  community?: string;
  building?: string;
  unit?: string;
  floor?: string;
  room?: string;
}

const NUMERAL = `[${CHINESE_NUMERAL_CHARACTERS}]`;
const NUMBER = `(\\d+|${NUMERAL}+)`;

const TOWN = /([\u4e00-\u9fff]{1,7}?(?:街道办事处|街道办|街道|镇|乡))(?![东西南北中]?(?:路|街|大道|道|巷))/y;

// A road's section or stretch, written after the road word: 人民南路四段, 二环路东二段, 江南大道中段.
const SECTION = '(?:[东西南北中]{0,2}[一二三四五六七八九十\\d]{0,3}段)';
// A bare direction after the road word (江南大道中, 中山大道西, 工业大道北) is part of the road only where the
// name cannot go on: before the house number, a structure number, or at the end. Elsewhere it may start an estate
// name ("人民路中海花园").
const DIRECTION = '[东西南北中]{1,2}';
// Greedy name, so "科技南十二路" keeps its inner characters; digits end the name.
const ROAD_WITH_NUMBER = new RegExp(
  `([\\u4e00-\\u9fffA-Z]{1,14}(?:大道|大街|路|街|巷|胡同|道|里)(?:${SECTION}|${DIRECTION})?)(\\d+(?:[-之]\\d+)?)(号院|号|弄)?`,
  'y',
);
// Without a number the first road word wins ("文三路阳光花园" → "文三路").
const ROAD_WITHOUT_NUMBER = new RegExp(
  `([\\u4e00-\\u9fffA-Z]{1,12}?(?:大道|大街|路|街|巷|胡同)(?:${SECTION}|${DIRECTION}(?=[\\dA-Z]|$))?)`,
  'y',
);
// Road words that are really part of a name or a landmark: 人民路小区, 解放路口, 中山路站.
const NOT_A_ROAD_AFTER = /^(?:口|边|旁|侧|站|小区|花园|公寓|大厦|新村|社区|宿舍|家属)/;
// Where a place is relative to the street address before it: 372号旁保利花园, 261号对面丽景湾, 88号往东50米阳光花园,
// 235号近地铁站万科城. The estate after it is the anchor; the house number is a landmark's, so it is dropped. A
// named landmark after 近 needs a name of its own (近体育中心地铁站), so 近大学城公寓 and 近公园里 stay estate names.
const LANDMARK = '(?:路口|医院|学校|小学|中学|大学|菜市场|市场|超市|商场|银行|公园|加油站|酒店|宾馆|地铁站|公交站|车站)';
const QUALIFIER = new RegExp(
  `(?:斜?对面|对过|旁边?|边上|附近|隔壁|后面|背后|[东西南北]侧|往?[东西南北]\\d+米|近(?:地铁站|地铁口|公交站|[\\u4e00-\\u9fff]{1,8}?${LANDMARK}))(?:处|的)?`,
  'y',
);
// What is left after a qualifier must name an estate: not a scrap (旁门, 北侧楼, 近学校宿舍), not a bare estate
// word (东侧花园 is an estate's name, not 东侧 + 花园), nor nothing at all.
const GENERIC_PLACES = new Set([
  '门', '楼', '院', '大院', '宿舍', '宿舍楼', '家属院', '家属楼', '平房', '小区', '社区', '里', '村', '新村',
  '花园', '家园', '花苑', '名苑', '华庭', '雅居', '公寓', '公馆', '山庄', '大厦', '广场', '中心', '苑', '园', '城', '府', '庭', '湾', '居',
]);

/** True when the text from `position` to the building/unit/room tokens names an estate of its own. */
function estateFollows(text: string, position: number): boolean {
  STRUCTURE_START.lastIndex = position;
  const structure = STRUCTURE_START.exec(text);
  const name = normaliseCommunityName(text.slice(position, structure === null ? text.length : structure.index));
  return name !== undefined && name.length >= 2 && !GENERIC_PLACES.has(name);
}

/** The length of a landmark qualifier at `position` followed by an estate name, or 0. */
function qualifierLength(text: string, position: number): number {
  const qualifier = stickyMatch(QUALIFIER, text, position);
  return qualifier !== null && estateFollows(text, position + qualifier[0].length) ? qualifier[0].length : 0;
}

// After a bare number, these mean it was a building or room, not a house number.
const STRUCTURE_CHARACTERS = /^[栋幢座楼层室房单门期区组队#-]/;

// Digits that lead into an estate word belong to the name: "2046公寓", "阳光100国际新城".
const NAME_CONTINUES =
  '[^\\d栋幢座楼层室房单元门期区组队社号#A-Z-]{0,6}?(?:公寓|花园|家园|大厦|大楼|广场|中心|国际|公馆|山庄|小区|城|苑|园|府|庭|湾)';
// Where building/unit/room tokens begin; everything before it is the community name.
const STRUCTURE_START = new RegExp(
  `(?<!\\d)\\d+(?!\\d)(?!${NAME_CONTINUES})|#|[A-Z](?=[-座栋幢#号楼单区]|\\d)|${NUMERAL}+(?:号楼|号院|栋|幢|座|单元|期|区|组|队|层|楼|室)`,
  'g',
);

const DASHED = /([A-Z]|\d+)-(\d+)(?:-(\d+))?/y;
const BUILDING = new RegExp(`([A-Z]\\d*|\\d+[A-Z]?|${NUMERAL}+)(?:号楼|号栋|号座|栋|幢|座|#楼?)`, 'y');
const COURTYARD = new RegExp(`${NUMBER}号院`, 'y');
const PHASE = new RegExp(`${NUMBER}期`, 'y');
const ZONE = new RegExp(`([A-Z]|\\d+|${NUMERAL}+)区`, 'y');
const VILLAGE_GROUP = new RegExp(`${NUMBER}(?:村民小组|小组|组|队|社)`, 'y');
const UNIT = new RegExp(`([A-Z]|\\d+|${NUMERAL}+)(?:单元|门(?![市面口卫]))`, 'y');
const FLOOR = new RegExp(`(?:(-?\\d+|B\\d+|${NUMERAL}+)(?:层|楼(?!号))|F(\\d+)|(\\d+)F)`, 'y');
const ROOM = new RegExp(`(\\d+[A-Z]?|${NUMERAL}+)(?:号房|室|房间|房|户)`, 'y');
const NUMBERED = /([A-Z]?\d+[A-Z]?)号/y;
const LETTER_AND_ROOM = /([A-Z])(\d{3,})/y;
// "501B" is its own door; a letter before 座/栋 starts the next token instead.
const BARE_DIGITS = /(\d+(?:[A-Z](?![座栋幢区号单#]))?)/y;
// Six or more digits: a phone number or postcode pasted after the address.
const LONG_NUMBER_LENGTH = 6;

function stickyMatch(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(text);
}

type StructureField = 'building' | 'unit' | 'floor' | 'room';

/**
 * Collects building/unit/floor/room values. A field written twice with different values
 * ("501室(原502室)", "3栋...5栋") cannot be trusted, so it is dropped rather than guessed.
 */
class StructureReader {
  private readonly contradicted = new Set<StructureField>();
  communitySuffix = '';

  constructor(private readonly parts: DwellingParts) {}

  has(field: StructureField): boolean {
    return this.parts[field] !== undefined || this.contradicted.has(field);
  }

  assign(field: StructureField, token: string): void {
    const value = normaliseNumberToken(token);
    const current = this.parts[field];
    if (current === undefined && !this.contradicted.has(field)) this.parts[field] = value;
    else if (current !== undefined && current !== value) this.contradicted.add(field);
  }

  finish(): void {
    for (const field of this.contradicted) delete this.parts[field];
  }
}

/** Reads building/unit/floor/room tokens; returns community suffixes (期, 区, 组, 号院). */
function parseStructure(text: string, start: number, parts: DwellingParts): string {
  const reader = new StructureReader(parts);
  let position = start;
  while (position < text.length) {
    let match: RegExpExecArray | null;
    if ((match = stickyMatch(DASHED, text, position)) !== null) {
      const [first, second, third] = [match[1] as string, match[2] as string, match[3]];
      if (!reader.has('building')) {
        // 3-2-501 is building-unit-room; 3-501 is building-room.
        reader.assign('building', first);
        if (third !== undefined) reader.assign('unit', second);
        reader.assign('room', third ?? second);
      } else if (!reader.has('unit') && third === undefined) {
        reader.assign('unit', first);
        reader.assign('room', second);
      } else {
        // After building and unit, "5-1" is a Chongqing floor-door; keep it whole as the room.
        reader.assign('room', match[0]);
      }
    } else if ((match = stickyMatch(BUILDING, text, position)) !== null) {
      reader.assign('building', match[1] as string);
    } else if ((match = stickyMatch(COURTYARD, text, position)) !== null) {
      reader.communitySuffix += `${normaliseNumberToken(match[1] as string)}号院`;
    } else if ((match = stickyMatch(PHASE, text, position)) !== null) {
      reader.communitySuffix += `${normaliseNumberToken(match[1] as string)}期`;
    } else if ((match = stickyMatch(ZONE, text, position)) !== null) {
      reader.communitySuffix += `${normaliseNumberToken(match[1] as string)}区`;
    } else if ((match = stickyMatch(VILLAGE_GROUP, text, position)) !== null) {
      reader.communitySuffix += `${normaliseNumberToken(match[1] as string)}组`;
    } else if ((match = stickyMatch(UNIT, text, position)) !== null) {
      reader.assign('unit', match[1] as string);
    } else if ((match = stickyMatch(FLOOR, text, position)) !== null) {
      reader.assign('floor', (match[1] ?? match[2] ?? match[3]) as string);
    } else if ((match = stickyMatch(ROOM, text, position)) !== null) {
      reader.assign('room', match[1] as string);
    } else if ((match = stickyMatch(NUMBERED, text, position)) !== null) {
      // "12号" names a building (or village house) first; after a building or unit, the door.
      reader.assign(reader.has('building') || reader.has('unit') ? 'room' : 'building', match[1] as string);
    } else if ((match = stickyMatch(LETTER_AND_ROOM, text, position)) !== null) {
      reader.assign('building', match[1] as string);
      reader.assign('room', match[2] as string);
    } else if ((match = stickyMatch(BARE_DIGITS, text, position)) !== null) {
      const token = match[1] as string;
      if (token.length >= LONG_NUMBER_LENGTH) {
        // A phone number or postcode, not part of the dwelling.
      } else if (!reader.has('building') && !reader.has('unit') && token.length < 3) {
        reader.assign('building', token);
      } else {
        reader.assign('room', token);
      }
    } else {
      position++;
      continue;
    }
    position += Math.max(match[0].length, 1);
  }
  reader.finish();
  return reader.communitySuffix;
}

function parseRoad(text: string, position: number, parts: DwellingParts): number {
  const numbered = stickyMatch(ROAD_WITH_NUMBER, text, position);
  if (numbered !== null) {
    const suffix = numbered[3];
    const end = position + numbered[0].length;
    const following = text.slice(end, end + 1);
    const isHouseNumber =
      suffix === '号院' || suffix === '弄' || (suffix === '号' ? following !== '楼' : !STRUCTURE_CHARACTERS.test(following));
    if (isHouseNumber) {
      parts.road = numbered[1];
      const qualifier = qualifierLength(text, end);
      if (qualifier > 0) return end + qualifier;
      const number = (numbered[2] as string).replace('之', '-');
      parts.roadNumber = suffix === '弄' ? `${number}弄` : number;
      return end;
    }
    // "幸福里5号楼": the "road" was a community name; leave it to the community reader.
  }
  const bare = stickyMatch(ROAD_WITHOUT_NUMBER, text, position);
  if (bare !== null) {
    const end = position + bare[0].length;
    // 中山大道旁保利花园: the road is where the estate is, the estate is the anchor.
    const qualifier = qualifierLength(text, end);
    if (qualifier > 0) {
      parts.road = bare[1];
      return end + qualifier;
    }
    if (!NOT_A_ROAD_AFTER.test(text.slice(end, end + 2))) {
      parts.road = bare[1];
      return end;
    }
  }
  return position;
}

/** Parses the part of a cleaned address after the divisions. `afterDivision` enables town reading. */
export function parseDwelling(text: string, start: number, afterDivision: boolean): DwellingParts {
  const parts: DwellingParts = {};
  let position = start;
  if (afterDivision) {
    const town = stickyMatch(TOWN, text, position);
    if (town !== null) {
      parts.town = town[1];
      position += town[0].length;
    }
  }
  position = parseRoad(text, position, parts);

  STRUCTURE_START.lastIndex = position;
  const structure = STRUCTURE_START.exec(text);
  const structureStart = structure === null ? text.length : structure.index;
  const communitySuffix = parseStructure(text, structureStart, parts);
  const community = normaliseCommunityName(text.slice(position, structureStart));
  // A nameless phase or zone ("人民路100号2期") still separates dwellings, so keep it.
  if (community !== undefined || communitySuffix.length > 0) parts.community = (community ?? '') + communitySuffix;
  return parts;
}
