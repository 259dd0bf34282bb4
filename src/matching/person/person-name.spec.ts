import { describe, expect, it } from 'vitest';
import { nameKey, namesCompatible, normalizePersonName } from './person-name.js';

// All names are made up; common surnames and generic given names only.
describe('normalizePersonName', () => {
  it.each([undefined, null, '', '   ', '\u3000\u3000'])('returns undefined for empty input %j', (raw) => {
    expect(normalizePersonName(raw)).toBeUndefined();
  });

  it.each(['无', '不详', '未知', 'null', 'NULL', 'Null', '-', '--', '/', '?', '***', '暂无', 'N/A', 'none', '（无）', '本人', '(本人)', ' 未知 '])(
    'returns undefined for placeholder %j',
    (raw) => {
      expect(normalizePersonName(raw)).toBeUndefined();
    },
  );

  it.each([
    ['张三', '张三'],
    ['  张三  ', '张三'],
    ['张 三', '张三'],
    ['张\u3000三', '张三'],
    ['張偉', '张伟'],
    ['陳麗華', '陈丽华'],
    ['歐陽娜娜', '欧阳娜娜'],
    ['鄭衞國', '郑卫国'],
    ['买买提·艾力', '买买提艾力'],
    ['买买提•艾力', '买买提艾力'],
    ['买买提．艾力', '买买提艾力'],
    ['买买提.艾力', '买买提艾力'],
    ['买买提‧艾力', '买买提艾力'],
    ['张三(本人)', '张三'],
    ['张三（本人）', '张三'],
    ['（本人）张三', '张三'],
    ['【张三】', '张三'],
    ['(张三)', '张三'],
    ['张三先生', '张三'],
    ['王小明女士', '王小明'],
    ['李四小姐', '李四'],
    ['张三本人', '张三'],
    ['张三先生先生', '张三'],
    ['张三 先生', '张三'],
    ['张先生', '张先生'],
    ['王女士', '王女士'],
    ['李小姐', '李小姐'],
    ['欧阳先生', '欧阳先生'],
    ['张三太太', '张三太太'],
    ['李总', '李总'],
    ['Ａ张三', 'a张三'],
  ])('normalizes Chinese name %j to %j', (raw, expected) => {
    expect(normalizePersonName(raw)).toBe(expected);
  });

  it.each([
    ['John Smith', 'john smith'],
    ['  JOHN   SMITH ', 'john smith'],
    ['Ｊｏｈｎ　Ｓｍｉｔｈ', 'john smith'],
    ['john·smith', 'john smith'],
    ['Mr. John Smith', 'john smith'],
    ['mrs jane doe', 'jane doe'],
    ['Dr Zhang Wei', 'zhang wei'],
    ['Mr', 'mr'],
    ['John Smith (self)', 'john smith'],
    ['José Núñez', 'josé núñez'],
    ["Mary-Jane O'Neil", "mary-jane o'neil"],
  ])('normalizes Latin name %j to %j', (raw, expected) => {
    expect(normalizePersonName(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const raw of ['張三先生', '买买提·艾力', 'Mr. John Smith', '张先生', '李四（母亲）', '歐陽娜娜', 'Ａ张三']) {
      const once = normalizePersonName(raw);
      expect(normalizePersonName(once)).toBe(once);
    }
  });
});

describe('nameKey', () => {
  it.each([
    ['张伟', 'zhangwei'],
    ['章玮', 'zhangwei'],
    ['王小明', 'wangxiaoming'],
    ['欧阳娜娜', 'ouyangnana'],
    ['买买提艾力', 'maimaitiaili'],
    ['吕一', 'lvyi'],
  ])('gives toneless pinyin for %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it.each([
    ['曾伟', 'zengwei'],
    ['单明', 'shanming'],
    ['解东', 'xiedong'],
    ['仇英', 'qiuying'],
  ])('reads surname %s with the surname pronunciation', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it.each([
    ['john smith', 'johnsmith'],
    ['JOHN SMITH', 'johnsmith'],
    ['zhang wei', 'zhangwei'],
    ['josé núñez', 'josenunez'],
    ["mary-jane o'neil", 'maryjaneoneil'],
  ])('lower-cases Latin %j without spaces', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('keeps Latin letters inside a Chinese name', () => {
    expect(nameKey('a张三')).toBe('azhangsan');
  });

  it('gives the same key on repeated calls (cache)', () => {
    expect(nameKey('王小明')).toBe(nameKey('王小明'));
    expect(nameKey('王小明')).toBe('wangxiaoming');
  });

  it('returns an empty key for an empty string', () => {
    expect(nameKey('')).toBe('');
  });
});

describe('namesCompatible', () => {
  it.each([
    [undefined, '张三'],
    ['张三', undefined],
    [undefined, undefined],
    ['', '张三'],
    ['无', '张三'],
    ['张三', '不详'],
  ])('is unknown when a name is missing: %j / %j', (left, right) => {
    expect(namesCompatible(left, right)).toBe('unknown');
  });

  it.each([
    ['张三', '张三'],
    ['張三', '张三'],
    ['张 三', '张三（本人）'],
    ['John Smith', 'JOHN  SMITH'],
    ['买买提·艾力', '买买提艾力'],
    ['王小明先生', '王小明'],
    ['张先生', '張先生'],
  ])('is same for %j / %j', (left, right) => {
    expect(namesCompatible(left, right)).toBe('same');
  });

  it.each([
    ['张伟', '章玮'],
    ['张伟', 'Zhang Wei'],
    ['张伟', 'zhangwei'],
    ['张伟', 'Wei Zhang'],
    ['Wei Zhang', 'Zhang Wei'],
    ['王小明', '王晓明'],
  ])('is similar for homophones and romanisations %j / %j', (left, right) => {
    expect(namesCompatible(left, right)).toBe('similar');
  });

  it.each([
    ['王小明', '王大明'],
    ['王小明', '王小民'],
    ['欧阳娜娜', '欧阳娜'],
    ['欧阳娜', '欧阳娜娜'],
    ['王小明', '王小明明'],
    ['john smith', 'john smyth'],
    ['john smith', 'jon smith'],
  ])('is similar for one-character edits in longer names %j / %j', (left, right) => {
    expect(namesCompatible(left, right)).toBe('similar');
  });

  it.each([
    ['张伟', '张三'],
    ['张伟', '李伟'],
    ['王小明', '李小明'],
    ['王小明', '王大东'],
    ['王小明', '王明'],
    ['王小明', '王小明明明'],
    ['ann', 'dan'],
    ['john smith', 'jane smith'],
    ['张伟', 'john smith'],
    ['李娜', '李楠'],
  ])('is different for %j / %j', (left, right) => {
    expect(namesCompatible(left, right)).toBe('different');
  });

  it.each([
    ['张先生', '张伟'],
    ['张伟', '张先生'],
    ['王女士', '王小明'],
    ['李总', '李四'],
    ['李小姐', '李娜'],
    ['王经理', '王小明'],
    ['老王', '王小明'],
    ['欧阳先生', '欧阳娜娜'],
    ['張先生', '张伟'],
    ['张先生', 'Zhang Wei'],
    ['张先生', 'Wei Zhang'],
    ['张先生', '张总'],
    ['王女士', '王姐'],
  ])('is similar for surname label vs name %j / %j', (left, right) => {
    expect(namesCompatible(left, right)).toBe('similar');
  });

  it.each([
    ['张先生', '李伟'],
    ['王女士', '汪小明'],
    ['欧阳先生', '欧娜娜'],
    ['张先生', '张女士'],
    ['王哥', '王小姐'],
    ['张先生', '王总'],
    ['张先生', 'Li Wei'],
  ])('is different for label mismatch %j / %j', (left, right) => {
    expect(namesCompatible(left, right)).toBe('different');
  });

  it('is symmetric', () => {
    const names = ['张伟', '章玮', '张先生', '王女士', '王小明', '王晓明', 'Zhang Wei', 'john smith', '欧阳娜娜', '欧阳娜', undefined];
    for (const left of names) {
      for (const right of names) {
        expect(namesCompatible(left, right)).toBe(namesCompatible(right, left));
      }
    }
  });
});
