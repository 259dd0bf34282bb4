import { describe, expect, it } from 'vitest';
import { closestCommunity } from './community-name.js';
import { compareAddresses } from './address-comparison.js';
import { parseAddress } from './address-parser.js';
import type { ParsedAddress } from './address-types.js';
import { blockingKeys, dwellingKey } from './dwelling-key.js';
import { seededRandom } from '../../../test/support/seeded-random.js';

const randomGenerator = seededRandom;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function toChineseNumeral(value: number): string {
  if (value < 10) return CHINESE_DIGITS[value] as string;
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones === 0 ? '' : CHINESE_DIGITS[ones]}`;
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9A-Za-z]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
}

// District code → ways people write the divisions in front of a street address.
const DIVISIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['440305', ['广东省深圳市南山区', '深圳市南山区', '广东深圳南山区', '深圳南山区']],
  ['440304', ['广东省深圳市福田区', '福田区', '深圳福田区']],
  ['440106', ['广东省广州市天河区', '广州市天河区', '广州天河区']],
  ['441900', ['广东省东莞市', '东莞市']],
  ['110108', ['北京市海淀区', '北京市市辖区海淀区', '北京北京市海淀区', '海淀区', '北京海淀区']],
  ['110105', ['北京市朝阳区', '北京市市辖区朝阳区', '北京朝阳区']],
  ['310115', ['上海市浦东新区', '上海市上海市浦东新区', '上海浦东新区', '浦东新区']],
  ['310106', ['上海市静安区', '上海静安区']],
  ['330106', ['浙江省杭州市西湖区', '杭州市西湖区', '浙江杭州西湖区']],
  ['330212', ['浙江省宁波市鄞州区', '宁波市鄞州区']],
  ['510107', ['四川省成都市武侯区', '成都市武侯区', '四川成都武侯区']],
  ['420111', ['湖北省武汉市洪山区', '武汉市洪山区', '湖北武汉洪山区']],
  ['500237', ['重庆市县巫山县', '重庆市巫山县', '重庆巫山县']],
  ['500103', ['重庆市渝中区', '重庆市市辖区渝中区']],
  ['320583', ['江苏省昆山市', '江苏省苏州市昆山市', '苏州昆山市']],
  ['430104', ['湖南省长沙市岳麓区', '长沙市岳麓区']],
  ['610113', ['陕西省西安市雁塔区', '西安市雁塔区']],
];
const ROADS = ['', '', '人民路88号', '解放大道100号', '建设路5号', '中山路12号', '科技南十二路18号', '文三路90号', '幸福路1号'];
// Written form → normalised community.
const COMMUNITIES: ReadonlyArray<readonly [string, string]> = [
  ['阳光花园', '阳光花园'],
  ['阳光花园小区', '阳光花园'],
  ['碧桂园', '碧桂园'],
  ['万科城', '万科城'],
  ['锦绣家园', '锦绣家园'],
  ['翠湖苑', '翠湖苑'],
  ['金色公寓', '金色公寓'],
  ['国贸大厦', '国贸大厦'],
  ['龙湖花园二期', '龙湖花园2期'],
  ['幸福小区', '幸福'],
];
type DwellingFormat = (building: number, unit: number | undefined, room: number) => string;
const WITH_UNIT: readonly DwellingFormat[] = [
  (building, unit, room) => `${building}栋${unit}单元${room}室`,
  (building, unit, room) => `${building}号楼${unit}单元${room}`,
  (building, unit, room) => `${building}-${unit}-${room}`,
  (building, unit, room) => `${building}幢${unit}单元${room}房`,
  (building, unit, room) => `${building}座${unit}单元${room}`,
  (building, unit, room) => `${toChineseNumeral(building)}栋${toChineseNumeral(unit as number)}单元${room}室`,
  (building, unit, room) => toFullWidth(`${building}栋${unit}单元${room}室`),
  (building, unit, room) => ` ${building} 栋 ${unit} 单元 ${room} 室 `,
  (building, unit, room) => `${building}棟${unit}單元${room}室`,
];
const WITHOUT_UNIT: readonly DwellingFormat[] = [
  (building, _unit, room) => `${building}栋${room}室`,
  (building, _unit, room) => `${building}-${room}`,
  (building, _unit, room) => `${building}号楼${room}`,
];

interface SyntheticAddress {
  readonly text: string;
  readonly expectedKey: string;
  readonly district: string;
  readonly community: string;
  readonly building: string;
  readonly unit?: string;
  readonly room: string;
}

function syntheticAddress(random: () => number): SyntheticAddress {
  const [district, prefixes] = pick(random, DIVISIONS);
  const [writtenCommunity, community] = pick(random, COMMUNITIES);
  const building = 1 + Math.floor(random() * 30);
  const withUnit = random() < 0.75;
  const unit = withUnit ? 1 + Math.floor(random() * 6) : undefined;
  const room = (1 + Math.floor(random() * 32)) * 100 + 1 + Math.floor(random() * 4);
  const format = pick(random, withUnit ? WITH_UNIT : WITHOUT_UNIT);
  const text = `${pick(random, prefixes)}${pick(random, ROADS)}${writtenCommunity}${format(building, unit, room)}`;
  const unitPart = unit === undefined ? '' : `|unit:${unit}`;
  return {
    text,
    expectedKey: `${district}|community:${community}|building:${building}${unitPart}|room:${room}`,
    district,
    community,
    building: String(building),
    ...(unit === undefined ? {} : { unit: String(unit) }),
    room: String(room),
  };
}

describe('parsing 20k synthetic addresses', () => {
  const random = randomGenerator(20_240_601);
  const addresses = Array.from({ length: 20_000 }, () => syntheticAddress(random));
  const parsed = addresses.map((address) => parseAddress(address.text));

  it('parses every one with its district and exact dwelling key', () => {
    const wrong = addresses.filter((address, index) => dwellingKey(parsed[index] as ParsedAddress) !== address.expectedKey);
    expect(wrong.slice(0, 5).map((address) => address.text)).toEqual([]);
  });

  it('gets every field right on a sample', () => {
    for (let index = 0; index < addresses.length; index += 97) {
      const address = addresses[index] as SyntheticAddress;
      const result = parsed[index] as ParsedAddress;
      expect(result.district?.code, address.text).toBe(address.district);
      expect(result.community, address.text).toBe(address.community);
      expect(result.building, address.text).toBe(address.building);
      expect(result.unit, address.text).toBe(address.unit);
      expect(result.room, address.text).toBe(address.room);
      expect(result.pickupPoint).toBe(false);
      expect(blockingKeys(result).length).toBeGreaterThan(0);
    }
  });

  it('never merges a sampled address with a neighbour, and always with itself rewritten', () => {
    const rewrite = randomGenerator(7);
    for (let index = 0; index < addresses.length; index += 211) {
      const address = addresses[index] as SyntheticAddress;
      const result = parsed[index] as ParsedAddress;
      const neighbourRoom = parseAddress(syntheticRewrite(address, rewrite, { room: Number(address.room) + 1 }));
      expect(compareAddresses(result, neighbourRoom).decision, neighbourRoom.raw).toBe('different');
      const neighbours: Array<Parameters<typeof syntheticRewrite>[2]> = [
        { building: Number(address.building) + 1 },
        { community: COMMUNITIES.find(([, community]) => community !== address.community)?.[1] },
        { district: DIVISIONS.find(([code]) => code !== address.district)?.[0] },
      ];
      if (address.unit !== undefined) neighbours.push({ unit: Number(address.unit) + 1 });
      for (const overrides of neighbours) {
        const neighbour = parseAddress(syntheticRewrite(address, rewrite, overrides));
        expect(compareAddresses(result, neighbour).decision, neighbour.raw).toBe('different');
        expect(dwellingKey(neighbour)).not.toBe(dwellingKey(result));
      }
      const again = parseAddress(syntheticRewrite(address, rewrite));
      expect(compareAddresses(result, again).decision, `${address.text} / ${again.raw}`).toBe('same');
    }
  });

  it('keeps decisions symmetric and consistent with dwelling keys', () => {
    const random = randomGenerator(99);
    for (let attempt = 0; attempt < 2_000; attempt++) {
      const left = pick(random, parsed);
      const right = pick(random, parsed);
      const forward = compareAddresses(left, right);
      const backward = compareAddresses(right, left);
      expect(backward.decision).toBe(forward.decision);
      expect(backward.score).toBe(forward.score);
      if (forward.decision === 'same') {
        expect(dwellingKey(left)).toBeDefined();
        expect(dwellingKey(left)).toBe(dwellingKey(right));
        expect(forward.score).toBe(1);
      }
    }
  });
});

/** The same dwelling (or, with overrides, its neighbour) written in a randomly chosen format. */
function syntheticRewrite(
  address: SyntheticAddress,
  random: () => number,
  overrides: { building?: number; unit?: number; room?: number; community?: string; district?: string } = {},
): string {
  const district = overrides.district ?? address.district;
  const community = overrides.community ?? address.community;
  const prefixes = DIVISIONS.find(([code]) => code === district)?.[1] as readonly string[];
  const written = COMMUNITIES.find(([, normalised]) => normalised === community)?.[0] as string;
  const format = pick(random, address.unit === undefined ? WITHOUT_UNIT : WITH_UNIT);
  const unit = overrides.unit ?? (address.unit === undefined ? undefined : Number(address.unit));
  const building = overrides.building ?? Number(address.building);
  const room = overrides.room ?? Number(address.room);
  return `${pick(random, prefixes)}${written}${format(building, unit, room)}`;
}

describe('never throws', () => {
  const alphabet = [
    ...'广东省深圳市南山区北京朝阳路街道号栋单元室楼层幢座弄院期区组村小区花园丰巢驿站一二三十百零〇',
    ...'0123456789ABCxyz-#()（）【】　 ,，.、；:：%$^*?+[]{}|\\/\'"\n\t',
    '\u0000',
    '\ud800',
    '\udfff',
    '😀',
    '\u200b',
    '\ufeff',
  ];

  it('on a few hundred random strings', () => {
    const random = randomGenerator(12_345);
    for (let attempt = 0; attempt < 500; attempt++) {
      const length = Math.floor(random() * 60);
      let text = '';
      for (let index = 0; index < length; index++) text += pick(random, alphabet);
      const parsed = parseAddress(text);
      expect(typeof parsed.cleaned).toBe('string');
      expect(typeof parsed.pickupPoint).toBe('boolean');
      const other = parseAddress([...text].reverse().join(''));
      const comparison = compareAddresses(parsed, other);
      expect(comparison.score).toBeGreaterThanOrEqual(0);
      expect(comparison.score).toBeLessThanOrEqual(1);
      dwellingKey(parsed);
      blockingKeys(parsed);
      closestCommunity(text, [text, '阳光花园', '']);
    }
  });

  it('on odd inputs: empty, huge, repetitive, or not even strings', () => {
    const odd: unknown[] = ['', ' ', '号'.repeat(5_000), '1-'.repeat(5_000), '广东省'.repeat(2_000), 'x'.repeat(100_000)];
    odd.push(undefined, null, 42, {}, []);
    for (const input of odd) {
      const parsed = parseAddress(input as string);
      expect(parsed.pickupPoint).toBe(false);
      expect(compareAddresses(parsed, parsed).decision).not.toBe('same');
    }
  });
});
