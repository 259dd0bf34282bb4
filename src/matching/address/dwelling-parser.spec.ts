import { describe, expect, it } from 'vitest';
import { parseAddress } from './address-parser.js';

const ESTATE = '广东省深圳市福田区阳光花园';

function dwelling(raw: string) {
  const { community, building, unit, floor, room, road, roadNumber } = parseAddress(raw);
  return { community, building, unit, floor, room, road, roadNumber };
}

describe('building, unit and room', () => {
  it.each([
    '3栋2单元501室',
    '3号楼2单元501',
    '3-2-501',
    '3幢2单元501房',
    '3座2单元501',
    '三栋二单元501室',
    '3#2单元501室',
    '3栋2单元501号',
    '3栋2单元五零一室',
    '03栋02单元0501室',
    '3 栋 2 单元 501 室',
    '３栋２单元５０１室',
    '3棟2單元501室',
    '3栋-2单元-501',
    '3号楼2门501',
  ])('%s is building 3, unit 2, room 501', (suffix) => {
    expect(dwelling(ESTATE + suffix)).toMatchObject({ community: '阳光花园', building: '3', unit: '2', room: '501' });
  });

  it.each([
    ['3栋501', { building: '3', unit: undefined, room: '501' }],
    ['3-501', { building: '3', unit: undefined, room: '501' }],
    ['A座1201', { building: 'A', room: '1201' }],
    ['a座1201', { building: 'A', room: '1201' }],
    ['B栋', { building: 'B', unit: undefined, room: undefined }],
    ['A1201', { building: 'A', room: '1201' }],
    ['A-1201', { building: 'A', room: '1201' }],
    ['3#501', { building: '3', room: '501' }],
    ['5号楼3层302', { building: '5', floor: '3', room: '302' }],
    ['5号楼3楼302', { building: '5', floor: '3', room: '302' }],
    ['5栋3F302', { building: '5', floor: '3', room: '302' }],
    ['12号501', { building: '12', room: '501' }],
    ['1201室', { building: undefined, room: '1201' }],
    ['2单元501', { building: undefined, unit: '2', room: '501' }],
    ['十二栋三单元1101', { building: '12', unit: '3', room: '1101' }],
    ['二十一栋1101', { building: '21', room: '1101' }],
    ['3栋2单元', { building: '3', unit: '2', room: undefined }],
  ])('%s', (suffix, expected) => {
    expect(dwelling(ESTATE + suffix)).toMatchObject({ community: '阳光花园', ...expected });
  });

  it.each([
    ['3栋501B', { building: '3', room: '501B' }],
    ['3栋501张三收13800138000', { building: '3', room: '501' }],
    ['3栋2单元501室 518000', { building: '3', unit: '2', room: '501' }],
    ['11栋2单元5-1', { building: '11', unit: '2', room: '5-1' }],
  ])('ignores what is not the door, keeps what is: %s', (suffix, expected) => {
    expect(dwelling(ESTATE + suffix)).toMatchObject({ community: '阳光花园', ...expected });
  });

  it('drops a part written twice with different values rather than guess', () => {
    expect(dwelling(`${ESTATE}3栋501室(原502室)`)).toMatchObject({ building: '3', room: undefined });
    expect(dwelling(`${ESTATE}3栋5栋501`)).toMatchObject({ building: undefined, room: '501' });
  });

  it('keeps digits that belong to the estate name', () => {
    expect(dwelling('广东省深圳市福田区2046公寓3栋501')).toMatchObject({ community: '2046公寓', building: '3', room: '501' });
    expect(dwelling('广东省深圳市福田区阳光100国际新城3栋501')).toMatchObject({
      community: '阳光100国际新城',
      building: '3',
      room: '501',
    });
  });

  it('treats a phase, zone or courtyard as part of the estate', () => {
    expect(dwelling(`${ESTATE}二期3栋501`)).toMatchObject({ community: '阳光花园2期', building: '3', room: '501' });
    expect(dwelling(`${ESTATE}A区3栋501`)).toMatchObject({ community: '阳光花园A区', building: '3', room: '501' });
    expect(dwelling(`${ESTATE}东区3栋501`)).toMatchObject({ community: '阳光花园东区', building: '3', room: '501' });
    expect(dwelling(`${ESTATE}5号院3号楼501`)).toMatchObject({ community: '阳光花园5号院', building: '3', room: '501' });
  });

  it('keeps a nameless phase after a street address', () => {
    expect(dwelling('广东省深圳市福田区福华路100号2期3栋501')).toMatchObject({
      road: '福华路',
      roadNumber: '100',
      community: '2期',
      building: '3',
      room: '501',
    });
  });
});

describe('road and house number', () => {
  it.each([
    ['科技南十二路18号', '科技南十二路', '18'],
    ['中关村大街27号', '中关村大街', '27'],
    ['长安街1号院', '长安街', '1'],
    ['人民路100弄5号', '人民路', '100弄'],
    ['人民南路四段1号', '人民南路四段', '1'],
    ['深南大道6008号', '深南大道', '6008'],
    ['人民路100-3号', '人民路', '100-3'],
    ['人民路100之3号', '人民路', '100-3'],
    ['南锣鼓巷8号', '南锣鼓巷', '8'],
    ['东四十条胡同5号', '东四十条胡同', '5'],
    ['鹭江道100号', '鹭江道', '100'],
    ['人民路100', '人民路', '100'],
  ])('%s', (text, road, roadNumber) => {
    expect(dwelling(`广东省深圳市福田区${text}`)).toMatchObject({ road, roadNumber });
  });

  it.each([
    ['江南大道中86号', '江南大道中', '86'],
    ['中山大道西256号', '中山大道西', '256'],
    ['工业大道北12号', '工业大道北', '12'],
    ['黄埔大道西100号', '黄埔大道西', '100'],
    ['二环路东二段243号', '二环路东二段', '243'],
    ['江南大道中段12号', '江南大道中段', '12'],
    ['解放路北段100号', '解放路北段', '100'],
  ])('keeps a direction or section suffix in the road: %s', (text, road, roadNumber) => {
    expect(dwelling(`广东省深圳市福田区${text}`)).toMatchObject({ road, roadNumber });
  });

  it.each([
    [
      '广州海珠区江南大道中86号绿地花园6号楼2801',
      { road: '江南大道中', roadNumber: '86', community: '绿地花园', building: '6', room: '2801' },
    ],
    [
      '广州 海珠区 江南大道中417号 东方雅居 3幢2801房',
      { road: '江南大道中', roadNumber: '417', community: '东方雅居', building: '3', room: '2801' },
    ],
    [
      '成都市武侯区二环路东二段243号和平公馆17幢2单元202房',
      { road: '二环路东二段', roadNumber: '243', community: '和平公馆', building: '17', unit: '2', room: '202' },
    ],
    [
      '成都市武侯区二环路东二段586号7栋2单元202室',
      { road: '二环路东二段', roadNumber: '586', community: undefined, building: '7', unit: '2', room: '202' },
    ],
    [
      '广州市天河区中山大道西256号怡景雅居21栋3单元704室',
      { road: '中山大道西', roadNumber: '256', community: '怡景雅居', building: '21', unit: '3', room: '704' },
    ],
    [
      '武汉市江岸区工业大道北12号幸福小区3栋501',
      { road: '工业大道北', roadNumber: '12', community: '幸福', building: '3', room: '501' },
    ],
    [
      '广州市天河区黄埔大道西100号富力公寓2栋1201',
      { road: '黄埔大道西', roadNumber: '100', community: '富力公寓', building: '2', room: '1201' },
    ],
  ])('does not take the road suffix as the estate: %s', (raw, expected) => {
    expect(dwelling(raw)).toMatchObject(expected);
  });

  it('reads a suffix of a road without a number only where no name can follow', () => {
    expect(dwelling('广州市海珠区江南大道中')).toMatchObject({ road: '江南大道中', community: undefined });
    expect(dwelling('成都市武侯区二环路东二段绿地花园3栋501')).toMatchObject({
      road: '二环路东二段',
      community: '绿地花园',
      building: '3',
      room: '501',
    });
    // 中海花园 is an estate name, not 人民路中 + 海花园
    expect(dwelling('广州市天河区人民路中海花园3栋501')).toMatchObject({ road: '人民路', community: '中海花园', building: '3' });
  });

  it('reads the lane building: 人民路100弄5号1201室', () => {
    expect(dwelling('上海市黄浦区人民路100弄5号1201室')).toMatchObject({
      road: '人民路',
      roadNumber: '100弄',
      building: '5',
      room: '1201',
    });
  });

  it('reads a road without a number before the estate', () => {
    expect(dwelling('浙江省杭州市西湖区文三路阳光花园3栋501')).toMatchObject({
      road: '文三路',
      roadNumber: undefined,
      community: '阳光花园',
      building: '3',
    });
  });

  it('does not take an estate named after a road as a road', () => {
    expect(dwelling('广东省深圳市福田区建设路小区3栋501')).toMatchObject({ road: undefined, community: '建设路' });
    expect(dwelling('北京市朝阳区幸福里5号楼501')).toMatchObject({ road: undefined, community: '幸福里', building: '5' });
  });

  it('separates the town from the road', () => {
    expect(parseAddress('浙江省杭州市余杭区五常街道文一西路969号')).toMatchObject({
      town: '五常街道',
      road: '文一西路',
      roadNumber: '969',
    });
    expect(parseAddress('广东省东莞市虎门镇连升路1号').town).toBe('虎门镇');
    const oldTownRoad = parseAddress('广东省深圳市福田区古镇路1号');
    expect(oldTownRoad.town).toBeUndefined();
    expect(oldTownRoad.road).toBe('古镇路');
  });
});

describe('community names', () => {
  it.each([
    ['阳光花园', '阳光花园'],
    ['阳光花园小区', '阳光花园'],
    ['碧桂园', '碧桂园'],
    ['万科城', '万科城'],
    ['翠湖小区', '翠湖'],
    ['国贸大厦', '国贸大厦'],
    ['金色公寓', '金色公寓'],
    ['锦绣苑', '锦绣苑'],
    ['幸福村', '幸福村'],
    ['幸福村村委会', '幸福村'],
    ['曹杨新村', '曹杨新村'],
    ['阳光社区', '阳光'],
    ['阳光花园(近地铁站)', '阳光花园'],
    ['阳光花园（南区）', '阳光花园南区'],
  ])('%s → %s', (written, community) => {
    expect(parseAddress(`广东省深圳市福田区${written}3栋501`).community).toBe(community);
  });
});

describe('pickup points', () => {
  it.each([
    '广东省深圳市南山区阳光花园丰巢快递柜',
    '广东省深圳市南山区阳光花园菜鸟驿站',
    '深圳市南山区科技南十二路18号快递代收点',
    '深圳市南山区阳光花园北门自提点',
    '深圳市南山区阳光花园快递点',
    '深圳市南山区阳光花园3栋501(菜鸟驿站代收)',
    '深圳市南山区阳光花园妈妈驿站',
  ])('%s', (raw) => {
    expect(parseAddress(raw).pickupPoint).toBe(true);
  });

  it.each([
    ['广东省深圳市南山区华润名苑丰巢快递柜', '华润名苑'],
    ['广东省深圳市南山区华润名苑丰巢柜', '华润名苑'],
    ['广东省深圳市南山区华润名苑丰巢智能柜', '华润名苑'],
    ['深圳市南山区菜鸟驿站(阳光花园店)', '阳光花园'],
    ['深圳市南山区阳光花园菜鸟驿站', '阳光花园'],
    ['深圳市南山区阳光花园妈妈驿站', '阳光花园'],
    ['深圳市南山区阳光花园北门自提点', '阳光花园北门'],
    ['深圳市南山区邮政新村菜鸟驿站', '邮政新村'],
    ['深圳市南山区站前花园丰巢柜', '站前花园'],
  ])('reads the estate of %s without brand or locker words: %s', (raw, community) => {
    expect(parseAddress(raw)).toMatchObject({ pickupPoint: true, community });
  });

  it('has no estate when only the brand is named', () => {
    expect(parseAddress('广东省深圳市南山区丰巢快递柜').community).toBeUndefined();
    expect(dwelling('深圳市南山区科技南十二路18号快递代收点')).toMatchObject({
      road: '科技南十二路',
      roadNumber: '18',
      community: undefined,
    });
  });

  it('is false for an ordinary home', () => {
    expect(parseAddress('深圳市南山区阳光花园3栋501').pickupPoint).toBe(false);
  });
});

describe('landmark qualifiers between the street address and the estate', () => {
  const STREET = '广东省广州市天河区中山大道';

  it.each(['372号旁', '372号旁边', '372号附近', '372号对面', '372号斜对面', '372号隔壁', '372号东侧', '372号往东50米', '372号近地铁站', '372号近体育中心地铁站', '旁', '附近'])(
    '中山大道%s保利花园: the estate is the anchor, the house number a landmark’s',
    (qualifier) => {
      const parsed = dwelling(`${STREET}${qualifier}保利花园3栋2单元501`);
      expect(parsed).toMatchObject({ road: '中山大道', community: '保利花园', building: '3', unit: '2', room: '501' });
      expect(parsed.roadNumber).toBeUndefined();
    },
  );

  it.each(['(近地铁站)', '（菜市场对面）', '(地铁口)', '(公交站旁)'])('a bracketed note %s keeps the house number', (note) => {
    expect(dwelling(`${STREET}235号${note}万科城3栋501`)).toMatchObject({ road: '中山大道', roadNumber: '235', community: '万科城', room: '501' });
  });

  it('keeps an estate whose name ends where a qualifier could start', () => {
    expect(dwelling(`${STREET}18号东方花园3栋501`)).toMatchObject({ roadNumber: '18', community: '东方花园' });
    expect(dwelling(`${STREET}18号近邻公寓3栋501`)).toMatchObject({ roadNumber: '18', community: '近邻公寓' });
  });

  it.each([
    ['88号旁门3栋501', '旁门'],
    ['88号北侧楼3栋501', '北侧楼'],
    ['88号近学校宿舍3栋501', '近学校宿舍'],
    ['88号近大学城公寓3栋501', '近大学城公寓'],
    ['88号近公园里3栋501', '近公园里'],
    ['88号近江公园小区3栋501', '近江公园'],
    ['88号近站前花园3栋501', '近站前花园'],
    ['88号东侧花园3栋501', '东侧花园'],
    ['88号旁边公寓3栋501', '旁边公寓'],
  ])('%s: no estate of its own after the would-be qualifier, so the number stays and the whole name is the estate', (rest, community) => {
    expect(dwelling(`${STREET}${rest}`)).toMatchObject({ roadNumber: '88', community });
  });

  it('keeps the house number when nothing follows the qualifier', () => {
    expect(dwelling(`${STREET}372号旁`)).toMatchObject({ road: '中山大道', roadNumber: '372' });
  });
});
