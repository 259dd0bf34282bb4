import { describe, expect, it } from 'vitest';
import { parseAddress } from './address-parser.js';
import type { ParsedAddress } from './address-types.js';

/** Flattens division objects to codes so expectations stay readable. */
function summary(address: ParsedAddress): Record<string, string | boolean | undefined> {
  return {
    province: address.province?.code,
    city: address.city?.code,
    district: address.district?.code,
    town: address.town,
    road: address.road,
    roadNumber: address.roadNumber,
    community: address.community,
    building: address.building,
    unit: address.unit,
    floor: address.floor,
    room: address.room,
    pickupPoint: address.pickupPoint,
  };
}

type Expected = Partial<ReturnType<typeof summary>>;

// All synthetic: real division and street names, invented numbers and estates.
const REALISTIC_ADDRESSES: ReadonlyArray<readonly [string, Expected]> = [
  // Guangdong
  [
    '广东省深圳市南山区粤海街道科技南十二路18号阳光花园3栋2单元501室',
    { province: '44', city: '4403', district: '440305', town: '粤海街道', road: '科技南十二路', roadNumber: '18', community: '阳光花园', building: '3', unit: '2', room: '501' },
  ],
  [
    '广东省广州市天河区天河路385号太古汇一座3201',
    { district: '440106', road: '天河路', roadNumber: '385', community: '太古汇', building: '1', room: '3201' },
  ],
  [
    '广东省东莞市长安镇长安路5号锦绣花园12栋802',
    { city: '4419', district: '441900', town: '长安镇', road: '长安路', roadNumber: '5', community: '锦绣花园', building: '12', room: '802' },
  ],
  [
    '广东省佛山市顺德区北滘镇碧桂园三期18座1203',
    { city: '4406', district: '440606', town: '北滘镇', community: '碧桂园3期', building: '18', room: '1203' },
  ],
  ['广东深圳福田区福华三路88号', { province: '44', city: '4403', district: '440304', road: '福华三路', roadNumber: '88' }],
  ['广州市越秀区中山五路219号', { province: '44', city: '4401', district: '440104', road: '中山五路', roadNumber: '219' }],
  ['广东省中山市石岐街道孙文中路3号', { city: '4420', district: '442000', town: '石岐街道', road: '孙文中路', roadNumber: '3' }],
  // Beijing
  [
    '北京市海淀区中关村大街27号院3号楼2门501',
    { province: '11', city: '1101', district: '110108', road: '中关村大街', roadNumber: '27', building: '3', unit: '2', room: '501' },
  ],
  [
    '北京市市辖区朝阳区建国路88号SOHO现代城A座1201',
    { district: '110105', road: '建国路', roadNumber: '88', community: 'SOHO现代城', building: 'A', room: '1201' },
  ],
  ['北京北京市东城区长安街1号院', { district: '110101', road: '长安街', roadNumber: '1' }],
  [
    '北京市朝阳区望京街道望京西园三区312号楼4单元1102',
    { district: '110105', town: '望京街道', community: '望京西园3区', building: '312', unit: '4', room: '1102' },
  ],
  ['北京海淀中关村大街1号', { province: '11', district: '110108', road: '中关村大街', roadNumber: '1' }],
  // Shanghai
  [
    '上海市浦东新区张江路100弄5号1201室',
    { province: '31', city: '3101', district: '310115', road: '张江路', roadNumber: '100弄', building: '5', room: '1201' },
  ],
  ['上海市上海市黄浦区南京东路100号', { district: '310101', road: '南京东路', roadNumber: '100' }],
  ['上海浦东陆家嘴环路1000号', { district: '310115', road: '陆家嘴环路', roadNumber: '1000' }],
  [
    '上海市静安区曹家渡街道万航渡路888弄3号602室',
    { district: '310106', town: '曹家渡街道', road: '万航渡路', roadNumber: '888弄', building: '3', room: '602' },
  ],
  // Zhejiang
  [
    '浙江省杭州市西湖区文三路90号东部软件园3号楼501',
    { province: '33', city: '3301', district: '330106', road: '文三路', roadNumber: '90', community: '东部软件园', building: '3', room: '501' },
  ],
  ['浙江杭州余杭区五常街道文一西路969号', { district: '330110', town: '五常街道', road: '文一西路', roadNumber: '969' }],
  [
    '浙江省宁波市鄞州区首南街道天童南路588号环球航运广场B座1606室',
    { district: '330212', town: '首南街道', road: '天童南路', roadNumber: '588', community: '环球航运广场', building: 'B', room: '1606' },
  ],
  [
    '浙江省温州市鹿城区锦绣路1号翠湖苑5幢3单元402室',
    { city: '3303', district: '330302', road: '锦绣路', roadNumber: '1', community: '翠湖苑', building: '5', unit: '3', room: '402' },
  ],
  // Sichuan
  ['四川省成都市武侯区人民南路四段1号', { province: '51', city: '5101', district: '510107', road: '人民南路四段', roadNumber: '1' }],
  [
    '四川成都市锦江区红星路三段99号银石广场2栋1单元2301',
    { district: '510104', road: '红星路三段', roadNumber: '99', community: '银石广场', building: '2', unit: '1', room: '2301' },
  ],
  [
    '四川省凉山彝族自治州西昌市幸福村5组12号',
    { city: '5134', district: '513401', community: '幸福村5组', building: '12', room: undefined },
  ],
  ['四川省阿坝州汶川县威州镇', { city: '5132', district: '513221', town: '威州镇' }],
  // Hubei
  ['湖北省武汉市洪山区珞喻路1037号', { province: '42', city: '4201', district: '420111', road: '珞喻路', roadNumber: '1037' }],
  [
    '湖北省武汉市江汉区解放大道690号国际广场A座2801',
    { district: '420103', road: '解放大道', roadNumber: '690', community: '国际广场', building: 'A', room: '2801' },
  ],
  ['湖北省恩施州利川市', { city: '4228', district: '422802' }],
  ['湖北仙桃市干河街道', { province: '42', city: '4290', district: '429004', town: '干河街道' }],
  // Elsewhere
  ['天津市和平区南京路1号', { province: '12', city: '1201', district: '120101', road: '南京路', roadNumber: '1' }],
  ['江苏省南京市鼓楼区中山路1号', { city: '3201', district: '320106', road: '中山路', roadNumber: '1' }],
  ['江苏省昆山市玉山镇前进西路1号', { city: '3205', district: '320583', town: '玉山镇', road: '前进西路' }],
  ['湖南省长沙市岳麓区麓山南路932号', { district: '430104', road: '麓山南路', roadNumber: '932' }],
  ['河南省郑州市金水区花园路100号', { district: '410105', road: '花园路', roadNumber: '100' }],
  ['陕西省西安市雁塔区小寨东路1号', { district: '610113', road: '小寨东路', roadNumber: '1' }],
  ['福建省厦门市思明区鹭江道100号', { district: '350203', road: '鹭江道', roadNumber: '100' }],
  ['山东省青岛市市南区香港中路10号', { city: '3702', district: '370202', road: '香港中路', roadNumber: '10' }],
  ['辽宁省沈阳市和平区南京北街1号', { city: '2101', district: '210102', road: '南京北街', roadNumber: '1' }],
  ['黑龙江省哈尔滨市道里区中央大街100号', { district: '230102', road: '中央大街', roadNumber: '100' }],
  ['内蒙古呼和浩特市新城区', { province: '15', city: '1501', district: '150102' }],
  ['广西南宁市青秀区民族大道100号', { province: '45', district: '450103', road: '民族大道', roadNumber: '100' }],
  ['新疆乌鲁木齐市天山区', { province: '65', district: '650102' }],
  ['吉林省吉林市船营区', { province: '22', city: '2202', district: '220204' }],
  ['吉林吉林市船营区', { province: '22', city: '2202', district: '220204' }],
  ['海南省海口市美兰区', { province: '46', city: '4601', district: '460108' }],
  ['重庆市渝中区解放碑', { province: '50', city: '5001', district: '500103', community: '解放碑' }],
  ['云南省大理白族自治州大理市', { city: '5329', district: '532901' }],
];

describe('parseAddress on realistic addresses', () => {
  it.each(REALISTIC_ADDRESSES)('%s', (raw, expected) => {
    expect(summary(parseAddress(raw))).toMatchObject(expected);
  });

  it('keeps the raw text and leaves kind for the caller', () => {
    const parsed = parseAddress(' 北京市海淀区中关村大街27号 ');
    expect(parsed.raw).toBe(' 北京市海淀区中关村大街27号 ');
    expect(parsed.cleaned).toBe('北京市海淀区中关村大街27号');
    expect(parsed.kind).toBeUndefined();
  });

  it('gives division names for display, with the municipality for its placeholder city row', () => {
    const parsed = parseAddress('北京市市辖区朝阳区建国路88号');
    expect(parsed.province).toEqual({ code: '11', name: '北京市' });
    expect(parsed.city).toEqual({ code: '1101', name: '北京市' });
    expect(parsed.district).toEqual({ code: '110105', name: '朝阳区' });
  });
});

describe('parseAddress divisions: abbreviations and municipality quirks', () => {
  it.each(['广东省深圳市南山区', '广东深圳南山区', '深圳市南山区', '深圳南山区', '广东省深圳南山区', '深圳南山'])(
    '%s is 南山区 of 深圳',
    (raw) => {
      expect(summary(parseAddress(`${raw}科技园阳光花园`))).toMatchObject({ province: '44', city: '4403', district: '440305' });
    },
  );

  it.each([
    ['北京市市辖区朝阳区', '110105'],
    ['北京北京市朝阳区', '110105'],
    ['北京朝阳区', '110105'],
    ['上海市上海市浦东新区', '310115'],
    ['上海浦东新区', '310115'],
    ['天津天津市和平区', '120101'],
    ['重庆市县巫山县', '500237'],
    ['重庆市巫山县', '500237'],
    ['重庆市市辖区渝中区', '500103'],
    ['重庆城口县', '500229'],
  ])('%s', (raw, district) => {
    expect(parseAddress(`${raw}幸福路1号`).district?.code).toBe(district);
  });

  it('puts Chongqing counties under the 县 city row and districts under 市辖区', () => {
    expect(parseAddress('重庆市巫山县').city?.code).toBe('5002');
    expect(parseAddress('重庆市渝中区').city?.code).toBe('5001');
  });

  it('reads a district name alone when it is unique in China', () => {
    expect(summary(parseAddress('福田区福华路1号'))).toMatchObject({ province: '44', city: '4403', district: '440304' });
    expect(summary(parseAddress('海淀区中关村大街27号'))).toMatchObject({ province: '11', district: '110108' });
  });

  it.each([
    ['朝阳区建国路88号', '北京 and 长春'],
    ['鼓楼区中山路1号', '南京, 福州, 开封 and 徐州'],
    ['南山区科技南十二路18号', '深圳 and 鹤岗'],
    ['西湖区文三路90号', '杭州 and 南昌'],
  ])('leaves an ambiguous district undefined: %s (%s)', (raw) => {
    const parsed = parseAddress(raw);
    expect(parsed.district).toBeUndefined();
    expect(parsed.city).toBeUndefined();
    // Districts of several provinces: too vague even to key by.
    expect(parsed.districtCandidates).toBeUndefined();
    // The district name is consumed, not mistaken for part of the road.
    expect(parsed.road?.includes('区')).not.toBe(true);
  });

  it('leaves the district undefined when it is ambiguous within the province', () => {
    const parsed = parseAddress('江苏省鼓楼区中山路1号');
    expect(parsed.province?.code).toBe('32');
    expect(parsed.district).toBeUndefined();
    expect(parsed.road).toBe('中山路');
  });

  it('does not trust a district that contradicts its city', () => {
    const parsed = parseAddress('广东省深圳市朝阳区建国路88号');
    expect(parsed.city?.code).toBe('4403');
    expect(parsed.district).toBeUndefined();
    expect(parsed.road).toBe('建国路');
  });

  it('fills city and province from a county-level city', () => {
    expect(summary(parseAddress('江苏省昆山市'))).toMatchObject({ province: '32', city: '3205', district: '320583' });
  });

  it.each([
    ['南京东路100号', '南京东路'],
    ['湖南路8号', '湖南路'],
    ['四川北路1号', '四川北路'],
    ['浙江路5号', '浙江路'],
  ])('does not read a road named after a place as a division: %s', (raw, road) => {
    const parsed = parseAddress(raw);
    expect(parsed.province).toBeUndefined();
    expect(parsed.city).toBeUndefined();
    expect(parsed.road).toBe(road);
  });

  it('keeps a province short name before a road named after a city', () => {
    expect(summary(parseAddress('上海南京东路100号'))).toMatchObject({ province: '31', road: '南京东路', roadNumber: '100' });
  });

  it('does not read a lone city short name glued to an estate name', () => {
    const parsed = parseAddress('深圳湾花园3栋501');
    expect(parsed.city).toBeUndefined();
    expect(parsed.community).toBe('深圳湾花园');
  });

  it('does not read 朝阳门 in Beijing as 朝阳区', () => {
    const parsed = parseAddress('北京市朝阳门内大街1号');
    expect(parsed.district).toBeUndefined();
    expect(parsed.road).toBe('朝阳门内大街');
  });

  it('reads cleaned text: traditional characters, full-width digits and letters, spaces, punctuation', () => {
    const expected = { province: '44', city: '4403', district: '440305', road: '科技南十二路', roadNumber: '18' };
    expect(summary(parseAddress('廣東省深圳市南山區科技南十二路１８號'))).toMatchObject(expected);
    expect(summary(parseAddress(' 广东省 深圳市，南山区；科技南十二路 18 号 '))).toMatchObject(expected);
    expect(summary(parseAddress('广东省-深圳市-南山区-科技南十二路18号'))).toMatchObject(expected);
    expect(summary(parseAddress('中国广东省深圳市南山区科技南十二路18号'))).toMatchObject(expected);
    expect(summary(parseAddress('收货地址：广东省深圳市南山区科技南十二路18号'))).toMatchObject(expected);
    expect(summary(parseAddress('北京市朝阳区建国路８８号ＳＯＨＯ现代城ａ座１２０１'))).toMatchObject({
      district: '110105',
      community: 'SOHO现代城',
      building: 'A',
      room: '1201',
    });
  });
});
