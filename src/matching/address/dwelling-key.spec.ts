import { describe, expect, it } from 'vitest';
import { parseAddress } from './address-parser.js';
import { blockingKeys, dwellingKey, identifiesDwelling } from './dwelling-key.js';

function keyOf(raw: string): string | undefined {
  return dwellingKey(parseAddress(raw));
}

describe('dwellingKey', () => {
  it('is equal for every way of writing the same flat', () => {
    const forms = [
      '广东省深圳市福田区阳光花园3栋2单元501室',
      '深圳市福田区阳光花园小区3号楼2单元501',
      '深圳福田区阳光花园3-2-501',
      '广东深圳福田区阳光花园3幢2单元501房',
      '福田区阳光花园3座2单元501',
      '广东省深圳市福田区阳光花园三栋二单元501室',
      '廣東省深圳市福田區陽光花園3棟2單元501室',
      '广东省深圳市福田区福华路18号阳光花园3#2单元0501',
      ' 广东省 深圳市 福田区 阳光花园 ３栋 ２单元 ５０１室 ',
    ];
    const keys = new Set(forms.map(keyOf));
    expect(keys).toEqual(new Set(['440304|community:阳光花园|building:3|unit:2|room:501']));
  });

  it('differs for every near miss', () => {
    const nearMisses = [
      '广东省深圳市福田区阳光花园3栋2单元501室',
      '广东省深圳市福田区阳光花园3栋2单元502室',
      '广东省深圳市福田区阳光花园3栋1单元501室',
      '广东省深圳市福田区阳光花园4栋2单元501室',
      '广东省深圳市福田区阳光花园3栋501室',
      '广东省深圳市南山区阳光花园3栋2单元501室',
      '广东省深圳市福田区碧桂园3栋2单元501室',
      '广东省深圳市福田区阳光花园2期3栋2单元501室',
      '广东省深圳市福田区阳光花园3期3栋2单元501室',
      '广东省深圳市福田区阳光花园A区3栋2单元501室',
      '广东省深圳市福田区福华路18号3栋2单元501室',
      '广东省深圳市福田区福华路20号3栋2单元501室',
      '广东省深圳市福田区福华路18号2期3栋2单元501室',
      '广东省深圳市福田区益田路18号2期3栋2单元501室',
    ];
    const keys = nearMisses.map(keyOf);
    expect(keys.every((key) => key !== undefined)).toBe(true);
    expect(new Set(keys).size).toBe(nearMisses.length);
  });

  it('keys a street address with building and room', () => {
    expect(keyOf('北京市海淀区中关村大街27号院3号楼2门501')).toBe('110108|road:中关村大街#27|building:3|unit:2|room:501');
    expect(keyOf('上海市浦东新区张江路100弄5号1201室')).toBe('310115|road:张江路#100弄|building:5|room:1201');
  });

  it('keys a village house without a room, but not an urban building', () => {
    expect(keyOf('四川省凉山彝族自治州西昌市幸福村5组12号')).toBe('513401|community:幸福村5组|building:12');
    expect(keyOf('四川省凉山彝族自治州西昌市幸福村12号')).toBe('513401|community:幸福村|building:12');
    expect(keyOf('上海市普陀区曹杨新村5号')).toBeUndefined();
    expect(keyOf('广东省深圳市福田区阳光花园3栋')).toBeUndefined();
  });

  it('keeps the town in a village key, since village names repeat between towns', () => {
    const inOneTown = keyOf('四川省凉山彝族自治州西昌市安宁镇幸福村5组12号');
    const inAnotherTown = keyOf('四川省凉山彝族自治州西昌市礼州镇幸福村5组12号');
    expect(inOneTown).toBe('513401|town:安宁镇|community:幸福村5组|building:12');
    expect(inAnotherTown).not.toBe(inOneTown);
    // Urban estates are keyed without the town, which people often leave out.
    expect(keyOf('广东省深圳市南山区粤海街道阳光花园3栋501')).toBe(keyOf('广东省深圳市南山区阳光花园3栋501'));
  });

  it.each([
    ['only a city', '广东省深圳市'],
    ['only a district', '广东省深圳市福田区'],
    ['an estate without a room', '广东省深圳市福田区阳光花园'],
    ['a building without a room', '广东省深圳市福田区阳光花园3栋2单元'],
    ['a road without a number', '广东省深圳市福田区福华路1201室'],
    ['a street number without a room', '北京市海淀区中关村大街27号'],
    ['no district', '深圳市阳光花园3栋2单元501室'],
    ['a nameless phase without a road', '广东省深圳市福田区2期3栋501'],
    ['empty text', ''],
  ])('is undefined for %s', (_label, raw) => {
    expect(keyOf(raw)).toBeUndefined();
  });

  it('keys a district name that fits districts of one province by all of them, and not across provinces', () => {
    expect(keyOf('山东市中区中山路153号幸福花园3号楼2单元401')).toBe('370103/370402|community:幸福花园|building:3|unit:2|room:401');
    expect(keyOf('朝阳区建国路88号SOHO现代城A座1201')).toBeUndefined();
    expect(keyOf('鼓楼区中山路1号3栋501')).toBeUndefined();
  });

  it('prefixes pickup points so that a locker never equals a home', () => {
    const locker = keyOf('广东省深圳市南山区阳光花园丰巢快递柜');
    expect(locker).toBe('pickup:440305|community:阳光花园');
    const noted = keyOf('广东省深圳市南山区阳光花园3栋501(菜鸟驿站代收)');
    expect(noted).toBe('pickup:440305|community:阳光花园|building:3|room:501');
    expect(noted).not.toBe(keyOf('广东省深圳市南山区阳光花园3栋501'));
  });

  it('keys a brand-only pickup point by its street address, or not at all', () => {
    expect(keyOf('广东省深圳市南山区丰巢快递柜')).toBeUndefined();
    expect(keyOf('广东省深圳市南山区科技南十二路18号菜鸟驿站')).toBe('pickup:440305|road:科技南十二路#18');
    expect(keyOf('广东省深圳市南山区科技南十二路20号菜鸟驿站')).not.toBe(
      keyOf('广东省深圳市南山区科技南十二路18号菜鸟驿站'),
    );
  });
});

describe('dwellingKey: pickup points are keyed by the place they serve', () => {
  it('gives one key to every locker and brand named at one estate', () => {
    const keys = new Set(
      ['广东省深圳市南山区华润名苑丰巢快递柜', '广东省深圳市南山区华润名苑丰巢柜', '广东省深圳市南山区华润名苑丰巢智能柜'].map(keyOf),
    );
    expect(keys).toEqual(new Set(['pickup:440305|community:华润名苑']));
  });

  it('reads a branch named in brackets as the estate: 菜鸟驿站(阳光花园店)', () => {
    const branch = parseAddress('深圳市南山区菜鸟驿站(阳光花园店)');
    expect(branch).toMatchObject({ pickupPoint: true, community: '阳光花园' });
    expect(dwellingKey(branch)).toBe('pickup:440305|community:阳光花园');
    expect(keyOf('深圳市南山区阳光花园菜鸟驿站')).toBe(dwellingKey(branch));
  });

  it('still never equals a home in the estate', () => {
    const home = keyOf('深圳市南山区阳光花园3栋501');
    expect(home).toBe('440305|community:阳光花园|building:3|room:501');
    for (const raw of ['深圳市南山区菜鸟驿站(阳光花园店)', '深圳市南山区阳光花园丰巢柜', '深圳市南山区阳光花园3栋501(菜鸟驿站代收)']) {
      expect(keyOf(raw)?.startsWith('pickup:')).toBe(true);
      expect(keyOf(raw)).not.toBe(home);
    }
  });

  it('keeps brand or service words inside an estate name', () => {
    expect(keyOf('深圳市南山区邮政新村菜鸟驿站')).toBe('pickup:440305|community:邮政新村');
    expect(keyOf('深圳市南山区站前花园丰巢柜')).toBe('pickup:440305|community:站前花园');
  });
});

describe('dwellingKey: roads with a direction or section suffix', () => {
  it('keeps the house number and building after 江南大道中', () => {
    const key = keyOf('广州海珠区江南大道中86号绿地花园6号楼2801');
    expect(key).toBe('440105|community:绿地花园|building:6|room:2801');
    expect(key).not.toBe(keyOf('广州 海珠区 江南大道中417号 东方雅居 3幢2801房'));
  });

  it('tells apart two house numbers on 二环路东二段', () => {
    expect(keyOf('成都市武侯区二环路东二段243号和平公馆17幢2单元202房')).toBe(
      '510107|community:和平公馆|building:17|unit:2|room:202',
    );
    expect(keyOf('成都市武侯区二环路东二段586号7栋2单元202室')).toBe('510107|road:二环路东二段#586|building:7|unit:2|room:202');
  });

  it('gives one key to an estate written with and without 中山大道西', () => {
    expect(keyOf('广州市天河区中山大道西256号怡景雅居21栋3单元704室')).toBe('440106|community:怡景雅居|building:21|unit:3|room:704');
    expect(keyOf('广州市天河区怡景雅居21-3-704')).toBe(keyOf('广州市天河区中山大道西256号怡景雅居21栋3单元704室'));
  });

  it('gives no key to a suffix-only estate', () => {
    // Before the fix these keyed as "community:西" and "community:中" and collided across estates.
    expect(keyOf('广州市天河区中山大道西1-2-301')).toBeUndefined();
    expect(keyOf('广州市天河区中山大道中A座1201')).toBeUndefined();
  });
});

describe('identifiesDwelling', () => {
  it('needs a room, or a house number in a village', () => {
    expect(identifiesDwelling(parseAddress('深圳市福田区阳光花园3栋501'))).toBe(true);
    expect(identifiesDwelling(parseAddress('深圳市福田区阳光花园3栋'))).toBe(false);
    expect(identifiesDwelling(parseAddress('西昌市幸福村5组12号'))).toBe(true);
  });
});

describe('blockingKeys', () => {
  it('gives district + road and number + room, district + estate + room, district + building-room and building-unit-room', () => {
    expect(blockingKeys(parseAddress('广东省深圳市南山区科技南十二路18号阳光花园3栋2单元501室'))).toEqual([
      '440305|road:科技南十二路#18|room:501',
      '440305|community:阳光花园|room:501',
      '440305|flat:3-501',
      '440305|dwelling:3-2-501',
    ]);
  });

  it('puts the same flat of different phases of an estate in one block, and other flats apart', () => {
    const first = blockingKeys(parseAddress('广东省深圳市福田区阳光花园1期3栋501'));
    const second = blockingKeys(parseAddress('广东省深圳市福田区阳光花园2期3栋501'));
    const neighbour = blockingKeys(parseAddress('广东省深圳市福田区阳光花园1期3栋601'));
    expect(first).toEqual(['440304|community:阳光花园|room:501', '440304|flat:3-501']);
    expect(second).toEqual(first);
    expect(neighbour.filter((key) => first.includes(key))).toEqual([]);
  });

  it('brings the same flat together when one side omits the unit', () => {
    const withUnit = blockingKeys(parseAddress('广东省深圳市南山区阳光花园3栋2单元501室'));
    const withoutUnit = blockingKeys(parseAddress('广东省深圳市南山区阳光花园3栋501室'));
    expect(withoutUnit.filter((key) => withUnit.includes(key))).toEqual(['440305|community:阳光花园|room:501', '440305|flat:3-501']);
  });

  it('brings a misspelt estate together with the right one through the flat', () => {
    const right = blockingKeys(parseAddress('广东省深圳市南山区阳光花园3栋2单元501室'));
    const misspelt = blockingKeys(parseAddress('深圳南山区阳光花圆小区3-2-501'));
    expect(misspelt.filter((key) => right.includes(key))).toEqual(['440305|flat:3-501', '440305|dwelling:3-2-501']);
  });

  it('keeps a nameless phase as its own block', () => {
    expect(blockingKeys(parseAddress('广东省深圳市福田区福华路100号2期3栋501'))).toEqual([
      '440304|road:福华路#100|room:501',
      '440304|community:2期|room:501',
      '440304|flat:3-501',
    ]);
  });

  it('is empty without a district', () => {
    expect(blockingKeys(parseAddress('广东省深圳市阳光花园3栋501'))).toEqual([]);
    expect(blockingKeys(parseAddress(''))).toEqual([]);
  });

  it('blocks a district name that fits districts of one province in each of them', () => {
    expect(blockingKeys(parseAddress('山东市中区中山路88号'))).toEqual(['370103|road:中山路#88', '370402|road:中山路#88']);
    expect(blockingKeys(parseAddress('朝阳区建国路88号'))).toEqual([]);
  });

  it('is empty for a district without road or estate', () => {
    expect(blockingKeys(parseAddress('广东省深圳市福田区'))).toEqual([]);
  });
});
