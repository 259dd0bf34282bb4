import { describe, expect, it } from 'vitest';
import { compareAddresses } from './address-comparison.js';
import { parseAddress } from './address-parser.js';
import type { AddressComparison } from './address-types.js';

function compare(left: string, right: string): AddressComparison {
  return compareAddresses(parseAddress(left), parseAddress(right));
}

function agreementOf(comparison: AddressComparison, field: string): string | undefined {
  return comparison.fields.find((entry) => entry.field === field)?.agreement;
}

const HOME = '广东省深圳市福田区阳光花园3栋2单元501室';
const STREET_HOME = '北京市海淀区中关村大街27号院3号楼2单元501';

describe('compareAddresses: same', () => {
  it.each([
    [HOME, '深圳市福田区阳光花园小区3-2-501'],
    [HOME, '广东深圳福田区阳光花园3号楼2单元501'],
    [HOME, '福田区阳光花园三栋二单元501室'],
    [HOME, '廣東省深圳市福田區陽光花園3棟2單元501室'],
    [HOME, '广东省深圳市福田区阳光花园3幢2单元501房'],
    [HOME, '广东省深圳市福田区福华路18号阳光花园3座2单元501'],
    [STREET_HOME, '北京北京市海淀区中关村大街27号院3-2-501'],
    ['上海市浦东新区张江路100弄5号1201室', '上海市上海市浦东新区张江路100弄5号1201'],
    ['四川省成都市武侯区人民南路四段1号银石广场2栋1单元2301', '四川成都武侯区人民南路四段1号银石广场2-1-2301'],
    ['湖北省武汉市洪山区珞喻路1037号东区12栋305', '武汉市洪山区珞喻路1037号东区12幢305室'],
    ['浙江省杭州市西湖区文三路90号东部软件园3号楼501', '浙江杭州西湖区文三路90号东部软件园3栋501室'],
    ['四川省凉山彝族自治州西昌市幸福村5组12号', '四川凉山州西昌市幸福村村委会5组12号'],
  ])('%s = %s', (left, right) => {
    const comparison = compare(left, right);
    expect(comparison.decision).toBe('same');
    expect(comparison.score).toBe(1);
  });

  it('lists the agreeing fields for the operator', () => {
    const comparison = compare(HOME, '深圳市福田区阳光花园小区3-2-501');
    expect(comparison.fields.map((entry) => entry.field)).toEqual([
      'province',
      'city',
      'district',
      'community',
      'building',
      'unit',
      'room',
    ]);
    expect(comparison.fields.every((entry) => entry.agreement === 'agree')).toBe(true);
    expect(comparison.fields.find((entry) => entry.field === 'district')).toEqual({
      field: 'district',
      left: '福田区 (440304)',
      right: '福田区 (440304)',
      agreement: 'agree',
    });
  });

  it('is symmetric', () => {
    const forward = compare(HOME, '深圳市福田区阳光花圆3栋2单元501室');
    const backward = compare('深圳市福田区阳光花圆3栋2单元501室', HOME);
    expect(backward.decision).toBe(forward.decision);
    expect(backward.score).toBe(forward.score);
  });
});

describe('compareAddresses: near misses are always different', () => {
  it.each([
    ['another room', '广东省深圳市福田区阳光花园3栋2单元502室', 'room'],
    ['another room on another floor', '广东省深圳市福田区阳光花园3栋2单元601室', 'room'],
    ['another unit', '广东省深圳市福田区阳光花园3栋1单元501室', 'unit'],
    ['another building', '广东省深圳市福田区阳光花园4栋2单元501室', 'building'],
    ['another lettered building', '广东省深圳市福田区阳光花园B栋2单元501室', 'building'],
    ['another district', '广东省深圳市南山区阳光花园3栋2单元501室', 'district'],
    ['another city', '广东省广州市天河区阳光花园3栋2单元501室', 'city'],
    ['another estate', '广东省深圳市福田区碧桂园3栋2单元501室', 'community'],
    ['a pickup point in the same estate', '广东省深圳市福田区阳光花园菜鸟驿站', 'pickupPoint'],
  ])('%s', (_label, other, field) => {
    const comparison = compare(HOME, other);
    expect(comparison.decision).toBe('different');
    expect(agreementOf(comparison, field)).toBe('differ');
    expect(comparison.score).toBeLessThan(1);
  });

  it.each([
    ['another house number on the same road', '北京市海淀区中关村大街28号院3号楼2单元501', 'roadNumber'],
    ['another road', '北京市海淀区学院路27号院3号楼2单元501', 'road'],
    ['another numbered road', '北京市海淀区中关村南大街27号院3号楼2单元501', 'road'],
    ['another room', '北京市海淀区中关村大街27号院3号楼2单元502', 'room'],
    ['another unit', '北京市海淀区中关村大街27号院3号楼1单元501', 'unit'],
    ['another building', '北京市海淀区中关村大街27号院5号楼2单元501', 'building'],
  ])('on a street address: %s', (_label, other, field) => {
    const comparison = compare(STREET_HOME, other);
    expect(comparison.decision).toBe('different');
    expect(agreementOf(comparison, field)).toBe('differ');
  });

  it('tells apart roads whose names differ only in a number or a direction', () => {
    expect(compare('深圳市南山区科技南十二路18号1201', '深圳市南山区科技南十一路18号1201').decision).toBe('different');
    expect(compare('成都市武侯区人民南路1号2栋301', '成都市武侯区人民北路1号2栋301').decision).toBe('different');
  });

  it('is different for another phase or zone of the same estate', () => {
    const firstPhase = '广东省深圳市福田区阳光花园一期3栋2单元501室';
    expect(compare(firstPhase, '广东省深圳市福田区阳光花园2期3栋2单元501室').decision).toBe('different');
    expect(compare('深圳市福田区阳光花园东区3栋501', '深圳市福田区阳光花园西区3栋501').decision).toBe('different');
  });

  it('is different for a lettered door next to a plain one', () => {
    expect(compare('深圳市福田区阳光花园3栋501B', '深圳市福田区阳光花园3栋501').decision).toBe('different');
  });

  it('is different for another room even when the estate name has a typo', () => {
    expect(compare(HOME, '深圳市福田区阳光花圆3栋2单元502室').decision).toBe('different');
  });

  it('is different for another room even when one side has no district', () => {
    expect(compare(HOME, '广东省深圳市阳光花园3栋2单元502室').decision).toBe('different');
  });

  it('is different across Shanghai lanes and lane buildings', () => {
    const lane = '上海市浦东新区张江路100弄5号1201室';
    expect(compare(lane, '上海市浦东新区张江路100弄6号1201室').decision).toBe('different');
    expect(compare(lane, '上海市浦东新区张江路200弄5号1201室').decision).toBe('different');
  });

  it('is different for another village house', () => {
    expect(compare('四川省凉山彝族自治州西昌市幸福村5组12号', '四川省凉山彝族自治州西昌市幸福村5组13号').decision).toBe(
      'different',
    );
    expect(compare('四川省凉山彝族自治州西昌市幸福村5组12号', '四川省凉山彝族自治州西昌市幸福村6组12号').decision).toBe(
      'different',
    );
  });
});

describe('compareAddresses: uncertain', () => {
  it('sends a one-character estate typo to an operator', () => {
    const comparison = compare(HOME, '深圳市福田区阳光花圆3栋2单元501室');
    expect(comparison.decision).toBe('uncertain');
    expect(agreementOf(comparison, 'community')).toBe('similar');
    expect(comparison.score).toBeGreaterThan(0.8);
    expect(comparison.score).toBeLessThan(1);
  });

  it.each([
    ['no room on one side', '广东省深圳市福田区阳光花园3栋2单元', 'room'],
    ['no unit on one side', '广东省深圳市福田区阳光花园3栋501室', 'unit'],
    ['no building on one side', '广东省深圳市福田区阳光花园2单元501室', 'building'],
    ['no district on one side', '广东省深圳市阳光花园3栋2单元501室', 'district'],
    ['no estate on one side', '广东省深圳市福田区福华路18号3栋2单元501室', 'community'],
  ])('%s', (_label, other, field) => {
    const comparison = compare(HOME, other);
    expect(comparison.decision).toBe('uncertain');
    expect(agreementOf(comparison, field)).toBe('missing');
    expect(comparison.score).toBeLessThan(1);
  });

  it('is uncertain when the phase is given on one side only', () => {
    const comparison = compare(HOME, '广东省深圳市福田区阳光花园2期3栋2单元501室');
    expect(comparison.decision).toBe('uncertain');
    expect(agreementOf(comparison, 'community')).toBe('similar');
  });

  it('is uncertain when both are too vague to name a dwelling, even if equal', () => {
    expect(compare('广东省深圳市福田区阳光花园', '深圳市福田区阳光花园小区').decision).toBe('uncertain');
    expect(compare('广东省深圳市福田区阳光花园3栋', '深圳市福田区阳光花园3栋').decision).toBe('uncertain');
    expect(compare('北京市海淀区中关村大街27号', '北京市海淀区中关村大街27号').decision).toBe('uncertain');
    expect(compare('广东省深圳市', '深圳市').decision).toBe('uncertain');
  });

  it('is the same flat for one writing of an ambiguous district, and an operator’s call against a resolved one', () => {
    expect(compare('山东市中区中山路153号3号楼401', '山东市中区中山路153号3号楼401').decision).toBe('same');
    expect(compare('山东市中区中山路153号3号楼401', '枣庄市市中区中山路153号3号楼401').decision).toBe('uncertain');
    // Across provinces the district is too vague to tell.
    expect(compare('朝阳区建国路88号A座1201', '朝阳区建国路88号A座1201').decision).toBe('uncertain');
    expect(compare('山东市中区中山路153号3号楼401', '四川乐山市中区中山路153号3号楼401').decision).toBe('different');
  });

  it('is uncertain when the town disagrees but everything else matches', () => {
    const comparison = compare(
      '广东省深圳市南山区粤海街道阳光花园3栋501',
      '广东省深圳市南山区南头街道阳光花园3栋501',
    );
    expect(comparison.decision).toBe('uncertain');
    expect(agreementOf(comparison, 'town')).toBe('differ');
  });

  it('is uncertain for two estate names at the same street address', () => {
    const comparison = compare('深圳市福田区福华路18号国贸大厦1201', '深圳市福田区福华路18号金融中心1201');
    expect(comparison.decision).toBe('uncertain');
  });

  it('is uncertain when the same estate is given with two different roads', () => {
    const comparison = compare(
      '深圳市福田区福华路18号阳光花园3栋501',
      '深圳市福田区益田路20号阳光花园3栋501',
    );
    expect(comparison.decision).toBe('uncertain');
  });

  it('is uncertain when one side gives two contradicting rooms', () => {
    expect(compare('深圳市福田区阳光花园3栋501室(原502室)', '深圳市福田区阳光花园3栋501室').decision).toBe('uncertain');
  });

  it('is uncertain when the floor contradicts an equal room', () => {
    expect(compare('深圳市福田区阳光花园5栋3层302', '深圳市福田区阳光花园5栋4层302').decision).toBe('uncertain');
  });
});

describe('compareAddresses: roads with a direction or section suffix', () => {
  it('tells apart two estates on 江南大道中', () => {
    const comparison = compare('广州海珠区江南大道中86号绿地花园6号楼2801', '广州 海珠区 江南大道中417号 东方雅居 3幢2801房');
    expect(comparison.decision).toBe('different');
    expect(agreementOf(comparison, 'roadNumber')).toBe('differ');
  });

  it('tells apart two house numbers on 二环路东二段', () => {
    const comparison = compare('成都市武侯区二环路东二段243号和平公馆17幢2单元202房', '成都市武侯区二环路东二段586号7栋2单元202室');
    expect(comparison.decision).toBe('different');
    expect(agreementOf(comparison, 'roadNumber')).toBe('differ');
  });

  it('matches an estate written with and without 中山大道西', () => {
    expect(compare('广州市天河区怡景雅居21-3-704', '广州市天河区中山大道西256号怡景雅居21栋3单元704室').decision).toBe('same');
  });

  it('tells apart 中山大道西 and 中山大道中', () => {
    expect(compare('广州市天河区中山大道西256号301', '广州市天河区中山大道中256号301').decision).toBe('different');
  });
});

describe('compareAddresses: pickup points', () => {
  it('equals every locker named at one estate', () => {
    expect(compare('广东省深圳市南山区华润名苑丰巢快递柜', '广东省深圳市南山区华润名苑丰巢智能柜').decision).toBe('same');
    expect(compare('深圳市南山区菜鸟驿站(阳光花园店)', '深圳市南山区阳光花园菜鸟驿站').decision).toBe('same');
  });

  it('never equals a home in the estate it serves', () => {
    expect(compare('深圳市南山区菜鸟驿站(阳光花园店)', '深圳市南山区阳光花园3栋501').decision).toBe('different');
  });

  it('never equals a home', () => {
    expect(compare('深圳市南山区阳光花园3栋501(菜鸟驿站代收)', '深圳市南山区阳光花园3栋501').decision).toBe('different');
  });

  it('can equal the same pickup point', () => {
    expect(compare('深圳市南山区阳光花园丰巢快递柜', '广东省深圳市南山区阳光花园丰巢快递柜').decision).toBe('same');
  });
});

describe('compareAddresses: score', () => {
  it('orders agreement: same > typo > missing part > near miss > another district', () => {
    const same = compare(HOME, HOME).score;
    const typo = compare(HOME, '深圳市福田区阳光花圆3栋2单元501室').score;
    const missingRoom = compare(HOME, '广东省深圳市福田区阳光花园3栋2单元').score;
    const anotherDistrictAndEstate = compare(HOME, '广东省广州市天河区碧桂园3栋2单元501室').score;
    expect(same).toBe(1);
    expect(typo).toBeLessThan(same);
    expect(missingRoom).toBeLessThan(same);
    expect(anotherDistrictAndEstate).toBeLessThan(missingRoom);
    for (const score of [same, typo, missingRoom, anotherDistrictAndEstate]) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('is 0 when nothing comparable is present', () => {
    expect(compare('', '').score).toBe(0);
    expect(compare('', '').decision).toBe('uncertain');
  });
});

describe('compareAddresses: an estate name one character off at the same flat', () => {
  const STREET = '广东省深圳市南山区科技南路18号';

  it.each([
    [`${STREET}阳光花园3栋2单元501室`, '深圳市南山区科技南路18号阳光花圆3栋2单元501'],
    ['浙江省杭州市西湖区文三路88号锦绣家园5幢1单元302', '杭州西湖区文三路88号绵绣家园5-1-302'],
    [`${STREET}御景华府3栋501室`, '深圳南山区科技南路18号御境华府3栋5层501室'],
  ])('%s = %s: a typo, merged', (left, right) => {
    expect(compare(left, right).decision).toBe('same');
  });

  it.each([
    [`${STREET}阳光花园3栋2单元501室`, '深圳市南山区阳光花圆3栋2单元501', 'no street address on one side'],
    [`${STREET}阳光花园3栋2单元501室`, '深圳市南山区科技南路18号阳光花圆3栋501', 'the unit on one side only'],
    [`${STREET}阳光花园3栋2单元501室`, '深圳市南山区科技南路18号阳光家园3栋2单元501', 'not a homophone or look-alike'],
  ])('%s / %s: left to an operator (%s)', (left, right) => {
    expect(compare(left, right).decision).toBe('uncertain');
  });

  it.each([
    [`${STREET}阳光花园3栋2单元501室`, '深圳市南山区科技南路18号阳光花圆3栋2单元502'],
    [`${STREET}阳光花园3栋2单元501室`, '深圳市南山区科技南路20号阳光花圆3栋2单元501'],
    [`${STREET}阳光花园3栋2单元501室`, '深圳市南山区科技南路18号阳光花圆4栋2单元501'],
  ])('%s / %s: another flat or house number stays apart', (left, right) => {
    expect(compare(left, right).decision).toBe('different');
  });
});

describe('compareAddresses: landmark qualifiers between the street address and the estate', () => {
  it.each([
    ['广东省广州市天河区中山大道372号旁保利花园3栋2单元501', '广州市天河区中山大道372号保利花园3栋2单元501'],
    ['广东省广州市天河区中山大道372号附近保利花园3栋2单元501', '广州市天河区保利花园3-2-501'],
    ['广州市天河区中山大道261号斜对面丽景湾3栋501', '广州市天河区中山大道263号丽景湾3栋501室'],
    ['广州市天河区中山大道235号近地铁站万科城3栋501', '广州市天河区万科城3栋501'],
    ['广州市天河区中山大道235号(近地铁站)万科城3栋501', '广州市天河区中山大道235号万科城3栋501'],
    ['广州市天河区中山大道261号（菜市场对面）丽景湾3栋501', '广州市天河区中山大道261号丽景湾3栋501'],
    ['广州市天河区中山大道旁保利花园3栋501', '广州市天河区保利花园3栋501'],
  ])('%s = %s', (left, right) => {
    expect(compare(left, right).decision).toBe('same');
  });

  it('keeps another flat of the estate apart', () => {
    expect(compare('广州市天河区中山大道372号旁保利花园3栋2单元501', '广州市天河区保利花园3栋2单元601').decision).toBe('different');
  });
});

describe('compareAddresses: an estate typo where one side names the estate alone', () => {
  const typo = '广东省深圳市南山区科技南路18号阳光花圆3栋2单元501';
  const estateOnly = '深圳市南山区阳光花园3栋2单元501';
  const at = (road: string, roadNumber: string) => new Map([['440305|阳光花园', [{ road, roadNumber }]]]);

  it('merges when the estate is known to stand at the other side’s street address', () => {
    expect(compareAddresses(parseAddress(typo), parseAddress(estateOnly), at('科技南路', '18')).decision).toBe('same');
  });

  it('merges when a landmark dropped one side’s house number and its estate is known at the other’s', () => {
    const qualified = '深圳市南山区科技南路18号旁边阳光花园3栋2单元501';
    expect(compareAddresses(parseAddress(typo), parseAddress(qualified), at('科技南路', '18')).decision).toBe('same');
    expect(compareAddresses(parseAddress(typo), parseAddress(qualified), new Map()).decision).toBe('uncertain');
    expect(compareAddresses(parseAddress(typo), parseAddress('深圳市南山区深南大道18号旁边阳光花园3栋2单元501'), at('科技南路', '18')).decision).not.toBe('same');
  });

  it('leaves it to an operator when the estate is known elsewhere on the road, or not known at all', () => {
    expect(compareAddresses(parseAddress(typo), parseAddress(estateOnly), at('科技南路', '20')).decision).toBe('uncertain');
    expect(compareAddresses(parseAddress(typo), parseAddress(estateOnly), new Map()).decision).toBe('uncertain');
  });
});
