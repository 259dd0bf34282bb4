import { describe, expect, it } from 'vitest';
import { isValidResidentIdNumber, maskAddress, maskIdNumber, maskName, maskPhone, maskRawPhone } from './masking.js';

// Deterministic generator so the property tests are reproducible; every number and ID below is synthetic.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomDigits(random: () => number, length: number): string {
  let digits = '';
  for (let index = 0; index < length; index += 1) digits += Math.floor(random() * 10).toString();
  return digits;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

// Independent check-digit computation for building test IDs (GB 11643 / ISO 7064 MOD 11-2).
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

describe('maskName', () => {
  it.each([undefined, null, '', '   ', '\u3000'])('returns undefined for empty input %j', (name) => {
    expect(maskName(name)).toBeUndefined();
  });

  it.each([
    ['张', '*'],
    ['张三', '张*'],
    ['王小明', '王*明'],
    ['欧阳娜娜', '欧**娜'],
    ['买买提·艾力', '买****力'],
    ['  张三 ', '张*'],
    ['张 小 明', '张*明'],
    ['張三', '張*'],
    ['𠮷野', '𠮷*'],
    ['王𠮷明', '王*明'],
  ])('masks Chinese name %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['John Smith', 'J*** S****'],
    ['john  smith', 'j*** s****'],
    ['Ｊｏｈｎ Ｓｍｉｔｈ', 'J*** S****'],
    ['Ann', 'A**'],
    ['J', 'J'],
    ['Mary Ann Lee', 'M*** A** L**'],
  ])('masks Latin name %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never reveals more than the first and last character of a Chinese name', () => {
    const random = seededRandom(7);
    const pool = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';
    for (let round = 0; round < 1000; round += 1) {
      const length = 2 + Math.floor(random() * 3);
      let name = '王';
      for (let index = 1; index < length; index += 1) name += pool.charAt(Math.floor(random() * pool.length));
      const masked = maskName(name) ?? '';
      const characters = [...masked];
      expect(characters).toHaveLength(length);
      expect(characters[0]).toBe('王');
      const hidden = length === 2 ? characters.slice(1) : characters.slice(1, -1);
      expect(hidden.every((character) => character === '*')).toBe(true);
    }
  });
});

describe('maskPhone', () => {
  it.each([undefined, null, '', '   ', 'abc', '无'])('returns undefined without digits: %j', (phone) => {
    expect(maskPhone(phone)).toBeUndefined();
  });

  it.each([
    ['+8613812345678', '138****5678'],
    ['13812345678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['008613812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['(+86) 13812345678', '138****5678'],
    ['＋８６１３８１２３４５６７８', '138****5678'],
    ['１３８　１２３４　５６７８', '138****5678'],
    ['19912345678', '199****5678'],
  ])('masks mobile %j as %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['+861062345678', '010****5678'],
    ['+86 10 6234 5678', '010****5678'],
    ['+86 010 6234 5678', '010****5678'],
    ['01062345678', '010****5678'],
    ['010-62345678', '010****5678'],
    ['020-12345678', '020****5678'],
    ['0755-12345678', '0755****5678'],
    ['+8675512345678', '0755****5678'],
    ['0755-1234567', '0755***4567'],
    ['0086 21 12345678', '021****5678'],
  ])('masks landline %j as %j, keeping the area code', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['95588', '95588'],
    ['10086', '10086'],
    ['10010', '10010'],
    ['12315', '12315'],
    ['110', '110'],
    ['120', '120'],
    ['96123', '96123'],
    ['95105888', '95105888'],
    ['400-123-4567', '4001234567'],
    ['4001234567', '4001234567'],
    ['800 123 4567', '8001234567'],
    ['+86 95588', '95588'],
    ['+86 400 123 4567', '4001234567'],
  ])('returns service number %j unmasked in national form %j', (phone, national) => {
    expect(maskPhone(phone)).toBe(national);
  });

  it.each([
    ['+14155550123', '*******0123'],
    ['+44 20 7946 0958', '********0958'],
    ['0014155550123', '*******0123'],
    ['62345678', '****5678'],
    ['9612 3456', '****3456'],
    ['96123456', '****3456'],
    ['1381234567', '******4567'],
    ['138123456789', '********6789'],
    ['1234567', '****567'],
    ['123456', '****56'],
    ['1234', '****'],
    ['7', '*'],
    ['+86 5', '***'],
  ])('keeps at most the last four digits of other number %j -> %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['010-62345678转801', '010****5678-***'],
    ['01062345678 ext. 12', '010****5678-**'],
    ['13812345678#9', '138****5678-*'],
    ['+14155550123 x123', '*******0123-***'],
  ])('masks the extension of %j completely', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('shows at most the first 3 and last 4 digits of 1000 synthetic mobiles in any format', () => {
    const random = seededRandom(42);
    const formats = [
      (national: string) => national,
      (national: string) => `+86${national}`,
      (national: string) => `+86 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
      (national: string) => `${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`,
      (national: string) => `0086${national}`,
    ];
    for (let round = 0; round < 1000; round += 1) {
      const national = `1${3 + Math.floor(random() * 7)}${randomDigits(random, 9)}`;
      const format = formats[round % formats.length] ?? formats[0];
      const masked = maskPhone(format?.(national)) ?? '';
      expect(masked).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(digitsOf(masked)).toBe(national.slice(0, 3) + national.slice(-4));
    }
  });

  it('shows at most the area code and last 4 digits of 1000 synthetic landlines', () => {
    const random = seededRandom(1234);
    for (let round = 0; round < 1000; round += 1) {
      const area = round % 2 === 0 ? `02${Math.floor(random() * 10)}` : `0${3 + Math.floor(random() * 7)}${randomDigits(random, 2)}`;
      const subscriber = `${2 + Math.floor(random() * 8)}${randomDigits(random, 7)}`;
      const masked = maskPhone(`${area}-${subscriber}`) ?? '';
      expect(masked.startsWith(area)).toBe(true);
      expect(digitsOf(masked)).toBe(area + subscriber.slice(-4));
      expect(masked).toHaveLength(area.length + subscriber.length);
    }
  });

  it('never shows more than the last 4 digits of 1000 synthetic foreign numbers', () => {
    const random = seededRandom(99);
    for (let round = 0; round < 1000; round += 1) {
      const digits = `${1 + Math.floor(random() * 7)}${randomDigits(random, 7 + Math.floor(random() * 6))}`;
      const masked = maskPhone(`+${digits}`) ?? '';
      expect(digitsOf(masked)).toBe(digits.slice(-4));
      expect(masked).toHaveLength(digits.length);
    }
  });
});

describe('maskRawPhone', () => {
  it.each([
    ['138****5678', '138****5678'],
    ['13812345678901', '**********8901'],
    ['9612 3456', '****3456'],
    ['无', '****'],
    ['1381234****5678', '138****5678'],
  ])('echoes %j as %j', (raw, masked) => {
    expect(maskRawPhone(raw)).toBe(masked);
  });
});

describe('maskAddress', () => {
  it('cuts after the district', () => {
    expect(maskAddress({ province: '广东省', city: '深圳市', district: '南山区' }, '广东省深圳市南山区科技园1号')).toBe(
      '广东省深圳市南山区****',
    );
  });

  it('shows up to the city when no district is known', () => {
    expect(maskAddress({ province: '广东省', city: '深圳市' }, '广东省深圳市某路1号')).toBe('广东省深圳市****');
    expect(maskAddress({ province: '广东省', city: '深圳市', district: '  ' })).toBe('广东省深圳市****');
  });

  it('shows only the province when that is all that is known', () => {
    expect(maskAddress({ province: '广东省' })).toBe('广东省****');
  });

  it('keeps a known district even without a city', () => {
    expect(maskAddress({ province: '广东省', district: '南山区' })).toBe('广东省南山区****');
  });

  it("returns '****' when nothing is known, whatever the raw address", () => {
    expect(maskAddress({})).toBe('****');
    expect(maskAddress({}, '某省某市某路1号')).toBe('****');
    expect(maskAddress({ province: ' ', city: '', district: undefined }, '')).toBe('****');
  });

  it('shows a municipality once', () => {
    expect(maskAddress({ province: '北京市', city: '北京市', district: '朝阳区' })).toBe('北京市朝阳区****');
    expect(maskAddress({ province: '北京市', city: '市辖区', district: '朝阳区' })).toBe('北京市朝阳区****');
  });

  it('never echoes the raw address text', () => {
    const masked = maskAddress({ province: '广东省', city: '深圳市', district: '南山区' }, '收件人张三 广东省深圳市南山区某路8号');
    expect(masked).not.toContain('张三');
    expect(masked).not.toMatch(/\d/);
  });
});

describe('maskIdNumber', () => {
  it.each([undefined, null, '', '  '])('returns undefined for empty input %j', (idNumber) => {
    expect(maskIdNumber(idNumber)).toBeUndefined();
  });

  it.each([
    ['110101199001011234', '110101********1234'],
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    [' 110101 19900101 1234 ', '110101********1234'],
    ['１１０１０１１９９００１０１１２３４', '110101********1234'],
  ])('masks an 18-character resident ID %j as %j', (idNumber, masked) => {
    expect(maskIdNumber(idNumber)).toBe(masked);
  });

  it.each([
    ['110101900101123', '11***********23'],
    ['E12345678', 'E1*****78'],
    ['A1234567', 'A1****67'],
    ['1234567', '*******'],
    ['1234', '****'],
    ['1', '*'],
  ])('masks other document %j as %j', (idNumber, masked) => {
    expect(maskIdNumber(idNumber)).toBe(masked);
  });

  it('shows only the region code and the last 4 of 1000 synthetic IDs', () => {
    const random = seededRandom(2024);
    for (let round = 0; round < 1000; round += 1) {
      const idNumber = randomDigits(random, 18);
      const masked = maskIdNumber(idNumber) ?? '';
      expect(masked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
      expect(digitsOf(masked)).toBe(idNumber.slice(0, 6) + idNumber.slice(-4));
    }
  });
});

describe('isValidResidentIdNumber', () => {
  // '11010519491231002X' and '440524188001010014' are the worked examples printed in GB 11643-1999 itself.
  it('accepts the standard example with its printed check character', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('11010519491231002x')).toBe(true);
    expect(isValidResidentIdNumber(' 11010519491231002X ')).toBe(true);
  });

  it('rejects the other standard example, born 1880, as implausible', () => {
    expect(isValidResidentIdNumber('440524188001010014')).toBe(false);
  });

  it('rejects a wrong check character', () => {
    expect(isValidResidentIdNumber('110105194912310020')).toBe(false);
    expect(isValidResidentIdNumber('110105194912310021')).toBe(false);
  });

  it('accepts 1000 synthetic IDs with a correct check character and rejects every other check character', () => {
    const random = seededRandom(11643);
    for (let round = 0; round < 1000; round += 1) {
      const year = 1930 + Math.floor(random() * 90);
      const month = (1 + Math.floor(random() * 12)).toString().padStart(2, '0');
      const day = (1 + Math.floor(random() * 28)).toString().padStart(2, '0');
      const valid = withCheckDigit(`990000${year}${month}${day}${randomDigits(random, 3)}`);
      expect(isValidResidentIdNumber(valid)).toBe(true);
      for (const check of '0123456789X') {
        if (check !== valid.charAt(17)) expect(isValidResidentIdNumber(valid.slice(0, 17) + check)).toBe(false);
      }
    }
  });

  it.each([
    ['19000101', true],
    ['18991231', false],
    ['20000229', true],
    ['19000229', false],
    ['20240229', true],
    ['20230229', false],
    ['19900431', false],
    ['19901301', false],
    ['19900001', false],
    ['19900100', false],
    ['19901231', true],
    ['29990101', false],
  ] as const)('checks birth date %s plausibility (%s)', (birth, plausible) => {
    expect(isValidResidentIdNumber(withCheckDigit(`990000${birth}123`))).toBe(plausible);
  });

  it('rejects a birth date tomorrow and accepts today', () => {
    const today = new Date();
    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    const format = (date: Date) =>
      `${date.getFullYear()}${(date.getMonth() + 1).toString().padStart(2, '0')}${date.getDate().toString().padStart(2, '0')}`;
    expect(isValidResidentIdNumber(withCheckDigit(`990000${format(today)}123`))).toBe(true);
    expect(isValidResidentIdNumber(withCheckDigit(`990000${format(tomorrow)}123`))).toBe(false);
  });

  it.each(['', '   ', '11010519491231002', '11010519491231002X1', '1101051949123100XX', 'A10105194912310020', '１１０１０５１９４９１２３１００２Ｘ', '110105-19491231-002X'])(
    'rejects malformed %j',
    (idNumber) => {
      expect(isValidResidentIdNumber(idNumber)).toBe(false);
    },
  );
});
