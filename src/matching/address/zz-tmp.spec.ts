import { it } from 'vitest';
import { parseAddress, dwellingKey, compareAddresses } from './index.js';
const show = (raw: string) => { const p = parseAddress(raw); const { raw: _r, cleaned: _c, province, city, district, ...rest } = p; console.log('ADDR', raw, '|', district?.code, JSON.stringify(rest), '|', dwellingKey(p)); };
it('x', () => {
  for (const raw of [
    '广州市天河区人民路中海花园3栋501', '广州市天河区人民路东1栋501', '广州市海珠区江南大道中绿地花园6栋2801', '广州市天河区中山大道西怡景雅居21栋3单元704',
    '广州市海珠区深南大道中段', '成都市武侯区二环路东二段绿地花园3栋501', '成都市武侯区二环路东二段', '广州市天河区解放路北段100号', '广州市天河区人民路南3号楼501',
    '广州市天河区中山大道西256号', '广州市天河区中山大道西256号301', '广州市天河区中山大道西256号3栋301', '广州市天河区中山大道西-256号',
    '广州市天河区天河路东站花园3栋501', '广州市天河区中山大道中A座1201', '深圳市南山区深南大道中1号', '广州市天河区中山大道西256号之3', '广州市天河区中山大道西1-2-301',
    '深圳市南山区站前花园丰巢柜', '深圳市南山区邮政新村菜鸟驿站', '深圳市南山区北站菜鸟驿站', '深圳市南山区科技南十二路18号丰巢柜', '深圳市南山区阳光花园北门自提点',
    '深圳市南山区菜鸟驿站阳光花园店3号柜', '深圳市南山区阳光花园3栋501(菜鸟驿站代收)',
]) show(raw);
  const a = parseAddress('广州海珠区江南大道中86号绿地花园6号楼2801'), b = parseAddress('广州 海珠区 江南大道中417号 东方雅居 3幢2801房');
  console.log('CMP', compareAddresses(a, b).decision);
});
