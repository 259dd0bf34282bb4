import { describe, expect, it } from 'vitest';
import { compareAddresses } from './address-comparison.js';
import { parseAddress } from './address-parser.js';
import { crossForm, estateKey, estateLocationOf, type EstateLocations } from './estate-location.js';

// Synthetic addresses only.
const WITH_BOTH = '上海市徐汇区虹桥路977号融创花园2栋402室';
const ESTATE_ONLY = '上海市徐汇区融创花园2栋402室';
const STREET_ONLY = '上海市徐汇区虹桥路977号2栋402室';
const OTHER_STREET = '上海市徐汇区虹桥路981号2栋402室';
const OTHER_ROAD = '上海市徐汇区漕溪北路88号2栋402室';
const XUHUI = '310104';

function locationsFrom(...texts: string[]): EstateLocations {
  const locations = new Map<string, { road: string; roadNumber: string }[]>();
  for (const text of texts) {
    const location = estateLocationOf(parseAddress(text));
    if (!location) continue;
    const key = estateKey(location.districtCode, location.community);
    locations.set(key, [...(locations.get(key) ?? []), { road: location.road, roadNumber: location.roadNumber }]);
  }
  return locations;
}

describe('estateLocationOf', () => {
  it('ties an estate to the street address written with it', () => {
    expect(estateLocationOf(parseAddress(WITH_BOTH))).toEqual({ districtCode: XUHUI, community: '融创花园', road: '虹桥路', roadNumber: '977' });
  });

  it.each([
    ['estate only', ESTATE_ONLY],
    ['street only', STREET_ONLY],
    ['no district', '融创花园虹桥路977号2栋402'],
    ['a pickup point', '上海市徐汇区虹桥路977号融创花园丰巢快递柜'],
    ['a nameless phase', '上海市徐汇区虹桥路977号2期5栋101'],
    ['a village, whose name repeats between towns', '四川省成都市郫都区红光大道99号幸福村5组12号'],
  ])('knows nothing from %s', (_case, text) => {
    expect(estateLocationOf(parseAddress(text))).toBeUndefined();
  });
});

describe('crossForm', () => {
  it('pairs an estate without street address with a street address without estate, either way round', () => {
    expect(crossForm(parseAddress(ESTATE_ONLY), parseAddress(STREET_ONLY))).toMatchObject({ community: '融创花园', street: { road: '虹桥路', roadNumber: '977' }, estateOnLeft: true });
    expect(crossForm(parseAddress(STREET_ONLY), parseAddress(ESTATE_ONLY))).toMatchObject({ community: '融创花园', estateOnLeft: false });
  });

  it.each([
    ['both name the estate', WITH_BOTH, ESTATE_ONLY],
    ['both name streets', STREET_ONLY, OTHER_STREET],
    ['another district', ESTATE_ONLY, '上海市长宁区虹桥路977号2栋402室'],
  ])('is undefined when %s', (_case, left, right) => {
    expect(crossForm(parseAddress(left), parseAddress(right))).toBeUndefined();
  });
});

describe('compareAddresses with estate locations', () => {
  const known = locationsFrom(WITH_BOTH);

  it('without locations the cross form is a guess', () => {
    const comparison = compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(OTHER_ROAD));
    expect(comparison.decision).toBe('uncertain');
    expect(comparison.fields.some((field) => field.field === 'estateLocation')).toBe(false);
  });

  it('an estate known only on other roads is another building: different', () => {
    for (const [left, right] of [
      [ESTATE_ONLY, OTHER_ROAD],
      [OTHER_ROAD, ESTATE_ONLY],
    ]) {
      const comparison = compareAddresses(parseAddress(left), parseAddress(right), known);
      expect(comparison.decision).toBe('different');
      expect(comparison.fields.find((field) => field.field === 'estateLocation')).toMatchObject({ agreement: 'differ' });
    }
  });

  it('another number on the road it was seen on concludes nothing: it may be another gate', () => {
    expect(compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(OTHER_STREET), known)).toEqual(compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(OTHER_STREET)));
  });

  it('a misspelt road is the road the estate was seen on', () => {
    const comparison = compareAddresses(parseAddress(ESTATE_ONLY), parseAddress('上海市徐汇区虹乔路977号2栋402室'), known);
    expect(comparison.decision).toBe('uncertain');
    expect(comparison.fields.find((field) => field.field === 'estateLocation')?.agreement).toBe('agree');
  });

  it('an estate known at that street address: still uncertain, scored on what both sides have', () => {
    const without = compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(STREET_ONLY));
    const withLocations = compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(STREET_ONLY), known);
    expect(withLocations.decision).toBe('uncertain');
    expect(withLocations.score).toBe(1);
    expect(without.score).toBeLessThan(withLocations.score);
    expect(withLocations.fields.find((field) => field.field === 'estateLocation')).toEqual({
      field: 'estateLocation',
      left: '融创花园 @ 虹桥路977号',
      right: '虹桥路977号',
      agreement: 'agree',
    });
  });

  it('an estate with gates on two roads is at each of them', () => {
    const gates = locationsFrom(WITH_BOTH, '上海市徐汇区漕溪北路88号融创花园5栋101室');
    const comparison = compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(OTHER_ROAD), gates);
    expect(comparison.decision).toBe('uncertain');
    expect(comparison.fields.find((field) => field.field === 'estateLocation')).toEqual({
      field: 'estateLocation',
      left: '融创花园 @ 虹桥路977号, 漕溪北路88号',
      right: '漕溪北路88号',
      agreement: 'agree',
    });
  });

  it('a Shanghai lane keeps its 弄 when shown', () => {
    const lanes = locationsFrom('上海市徐汇区虹桥路100弄融创花园2栋402室');
    expect(compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(OTHER_ROAD), lanes).fields.find((field) => field.field === 'estateLocation')?.left).toBe('融创花园 @ 虹桥路100弄');
  });

  it('another flat stays a near miss whatever the location says', () => {
    expect(compareAddresses(parseAddress(ESTATE_ONLY), parseAddress('上海市徐汇区虹桥路977号2栋502室'), known).decision).toBe('different');
  });

  it('an unknown estate changes nothing', () => {
    const elsewhere = locationsFrom('上海市徐汇区漕溪北路88号阳光花园1栋101室');
    expect(compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(OTHER_ROAD), elsewhere)).toEqual(compareAddresses(parseAddress(ESTATE_ONLY), parseAddress(OTHER_ROAD)));
  });

  it('pairs that are not cross forms are compared as before', () => {
    expect(compareAddresses(parseAddress(WITH_BOTH), parseAddress(ESTATE_ONLY), known)).toEqual(compareAddresses(parseAddress(WITH_BOTH), parseAddress(ESTATE_ONLY)));
  });
});
