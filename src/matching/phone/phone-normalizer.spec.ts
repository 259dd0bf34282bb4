import { describe, expect, it } from 'vitest';
import {
  areaCodeForDivision,
  normalizePhone,
  splitPhoneField,
  type PhoneNormalization,
  type UnusablePhoneCode,
  type UsablePhone,
} from './phone-normalizer.js';

const MISSING_AREA_CODE = 'fixed-line number without area code and no city in the record to supply one';

function expectUsable(result: PhoneNormalization): UsablePhone {
  if (!result.usable) throw new Error(`expected a usable phone, got ${result.code}: ${result.reason}`);
  return result;
}

function expectUnusable(result: PhoneNormalization, code: UnusablePhoneCode): void {
  expect(result).toMatchObject({ usable: false, code });
  if (!result.usable) expect(result.reason.length).toBeGreaterThan(10);
}

describe('normalizePhone: every written form of one mobile gives one E.164', () => {
  it.each([
    '13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+8613812345678', '0086 13812345678',
    '0086-13812345678', '86-13812345678', '8613812345678', '(+86)138-1234-5678', '１３８１２３４５６７８',
    '＋８６ １３８ １２３４ ５６７８', '（＋８６）１３８－１２３４－５６７８', '手机:13812345678', '手机：138-1234-5678', '13812345678(本人)',
    '13812345678（本人）', 'tel:+86-13812345678', '本人 13812345678', '  13812345678  ', '013812345678',
    '【手机】13812345678',
  ])('%s', (raw) => {
    expect(normalizePhone(raw)).toEqual({
      usable: true,
      e164: '+8613812345678',
      type: 'mobile',
      carrierGroup: 'china_mobile',
    });
  });
});

describe('normalizePhone: landlines', () => {
  it.each([
    ['010-62345678', '+861062345678', '10'],
    ['(010)62345678', '+861062345678', '10'],
    ['（010）62345678', '+861062345678', '10'],
    ['01062345678', '+861062345678', '10'],
    ['+86 10 6234 5678', '+861062345678', '10'],
    ['电话 010-62345678', '+861062345678', '10'],
    ['86-10-62345678', '+861062345678', '10'],
    ['0755-86001234', '+8675586001234', '755'],
    ['075586001234', '+8675586001234', '755'],
    ['0571-8888 1234', '+8657188881234', '571'],
    ['021-6234 5678', '+862162345678', '21'],
    ['+86 (0)20 8765 4321', '+862087654321', '20'],
    // area code written without its trunk 0: the area code is in the string, so nothing is guessed
    ['75586001234', '+8675586001234', '755'],
  ])('%s -> %s', (raw, e164, areaCode) => {
    const result = expectUsable(normalizePhone(raw));
    expect(result).toEqual({ usable: true, e164, type: 'fixed_line', areaCode });
  });
});

describe('normalizePhone: extensions are kept apart from the number', () => {
  it.each([
    '010-62345678转123', '010-62345678 转 123', '010-62345678 分机123', '010-62345678分机:123', '010-62345678分机号123',
    '010-62345678-123', '010-62345678 ext 123', '010-62345678 ext.123', '010-62345678 EXT:123',
    '010-62345678 x123', '010-62345678#123', '（010）62345678转123（办公室）',
  ])('%s', (raw) => {
    expect(normalizePhone(raw)).toEqual({
      usable: true,
      e164: '+861062345678',
      extension: '123',
      type: 'fixed_line',
      areaCode: '10',
    });
  });

  it('keeps the extension of a service number', () => {
    expect(normalizePhone('400-123-4567转2')).toEqual({
      usable: true,
      e164: '+864001234567',
      extension: '2',
      type: 'organisation',
    });
  });

  it('does not read a dash group as an extension when the whole number is valid', () => {
    expect(normalizePhone('0571-8888-1234')).toMatchObject({ e164: '+8657188881234' });
    expect(normalizePhone('0571-8888-1234')).not.toHaveProperty('extension');
  });

  it.each(['13812345678-123', '138-1234-5678-123', '13812345678-1'])(
    'never turns a mobile followed by -digits into a wrong number: %s',
    (raw) => {
      const result = normalizePhone(raw);
      if (result.usable) expect(result.e164).toBe('+8613812345678');
      else expect(result.code).toBe('too_long');
    },
  );
});

describe('normalizePhone: unusable values say why', () => {
  it.each(['', '   ', '\u3000', '\t\n'])('empty: %j', (raw) => expectUnusable(normalizePhone(raw), 'empty'));

  it.each(['无', '不详', '暂无', '未知', 'null', 'NULL', 'N/A', 'n/a', '-', '--', '/', '空', '手机:无', '无。'])(
    'placeholder: %s',
    (raw) => expectUnusable(normalizePhone(raw), 'placeholder'),
  );

  it.each(['138****5678', '138xxxx5678', '138XXXX5678', '138＊＊＊＊5678', '1381234****', '138-xxxx-5678', '138????5678'])(
    'masked: %s',
    (raw) => expectUnusable(normalizePhone(raw), 'masked'),
  );

  it.each([
    ['1381234', 'too_short'], ['138123456', 'too_short'], ['138 1234 567', 'too_short'], ['110', 'too_short'],
    ['0755', 'too_short'], ['+86', 'too_short'], ['138123456789', 'too_long'], ['1381234567890123', 'too_long'],
    ['0755-860012345678', 'too_long'], ['12345678901', 'invalid_prefix'], ['10012345678', 'invalid_prefix'],
    ['11234567890', 'invalid_prefix'], ['15412345678', 'invalid_prefix'], ['19412345678', 'invalid_prefix'],
    ['00000000000', 'all_zeros'], ['0000', 'all_zeros'], ['000-0000-0000', 'all_zeros'],
    ['11111111111', 'invalid'], ['88888888', 'invalid'], ['99999999999', 'invalid'], ['14012345678', 'invalid'],
    ['1440123456789', 'invalid'], ['0300-12345678', 'invalid'], ['0571-888 1234', 'invalid'],
    ['+1 415 555 267', 'invalid'], ['+999 1234 5678', 'invalid'], ['138 1234 张三 5678', 'invalid'],
    ['13+812345678', 'invalid'], ['abc', 'invalid'],
  ] as const)('%s -> %s', (raw, code) => expectUnusable(normalizePhone(raw), code));

  it('explains the IoT rejection', () => {
    const result = normalizePhone('1440123456789');
    expect(!result.usable && result.reason).toMatch(/IoT/);
  });

  it('caps the length of what it processes', () => {
    expectUnusable(normalizePhone(`手机:${'1'.repeat(70)}2`), 'too_long');
    expectUnusable(normalizePhone('1'.repeat(10_000)), 'too_long');
    expectUnusable(normalizePhone(`${'x'.repeat(300)}13812345678`), 'too_long');
    expectUnusable(normalizePhone(`13812345678${' '.repeat(70)}8`), 'too_long');
  });

  it('reports a field holding two numbers instead of picking one', () => {
    for (const raw of ['13812345678/13987654321', '13812345678，13987654321', '13812345678 13987654321', '95588 10086']) {
      const result = normalizePhone(raw);
      expectUnusable(result, 'invalid');
      expect(!result.usable && result.reason).toMatch(/2 phone numbers/);
    }
  });

  it('ignores a placeholder or note next to the only number', () => {
    expect(normalizePhone('13812345678/无')).toMatchObject({ e164: '+8613812345678' });
    expect(normalizePhone('无/13812345678')).toMatchObject({ e164: '+8613812345678' });
  });
});

describe('normalizePhone: foreign numbers with an explicit country code', () => {
  it.each([
    ['+1 415 555 2671', '+14155552671', 'fixed_line'],
    ['+852 9123 4567', '+85291234567', 'mobile'],
    ['00852 9123 4567', '+85291234567', 'mobile'],
    ['+44 20 7946 0958', '+442079460958', 'fixed_line'],
    ['+886 912 345 678', '+886912345678', 'mobile'],
  ] as const)('%s', (raw, e164, type) => {
    const result = expectUsable(normalizePhone(raw));
    expect(result).toEqual({ usable: true, e164, type });
    expect(result.carrierGroup).toBeUndefined();
  });
});

describe('normalizePhone: service and organisation numbers', () => {
  it.each([
    ['400-123-4567', '+864001234567'], ['4001234567', '+864001234567'], ['400 123 4567', '+864001234567'],
    ['800-810-1234', '+868008101234'], ['8008101234', '+868008101234'], ['95588', '+8695588'],
    ['95555', '+8695555'], ['10086', '+8610086'], ['10010', '+8610010'], ['10000', '+8610000'],
    ['12345', '+8612345'], ['12315', '+8612315'], ['96110', '+8696110'], ['961234', '+86961234'],
    ['+86 95588', '+8695588'],
  ])('%s -> %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ usable: true, e164, type: 'organisation' });
  });
});

describe('normalizePhone: area code from the record', () => {
  it.each([
    ['62345678', '10', '+861062345678'],
    ['8600 1234', '10', '+861086001234'],
    ['8600 1234', '010', '+861086001234'],
    ['86001234', '755', '+8675586001234'],
    ['6234-5678', '21', '+862162345678'],
    ['6123456', '0351', '+863516123456'],
  ])('%s with area %s -> %s', (raw, areaCode, e164) => {
    expect(normalizePhone(raw, { areaCode })).toEqual({
      usable: true,
      e164,
      type: 'fixed_line',
      areaCode: areaCode.replace(/^0/, ''),
      resolvedWithContextAreaCode: true,
    });
  });

  it.each([['62345678'], ['8600 1234'], ['+86 62345678']])('never guesses without one: %s', (raw) => {
    expect(normalizePhone(raw)).toEqual({ usable: false, code: 'incomplete', reason: MISSING_AREA_CODE });
    expect(normalizePhone(raw, {})).toEqual({ usable: false, code: 'incomplete', reason: MISSING_AREA_CODE });
    expect(normalizePhone(raw, { areaCode: ' ' })).toEqual({ usable: false, code: 'incomplete', reason: MISSING_AREA_CODE });
  });

  it('rejects a local number whose length does not fit the area', () => {
    expectUnusable(normalizePhone('8600123', { areaCode: '10' }), 'invalid');
  });

  it('refuses a malformed area code from the record', () => {
    expectUnusable(normalizePhone('62345678', { areaCode: '1' }), 'incomplete');
    expectUnusable(normalizePhone('62345678', { areaCode: 'abc' }), 'incomplete');
    expectUnusable(normalizePhone('62345678', { areaCode: '07555' }), 'incomplete');
  });

  it('prefers the area code written in the string', () => {
    const result = expectUsable(normalizePhone('0755-86001234', { areaCode: '10' }));
    expect(result.e164).toBe('+8675586001234');
    expect(result.resolvedWithContextAreaCode).toBeUndefined();
  });

  it('does not touch mobiles', () => {
    expect(normalizePhone('13812345678', { areaCode: '10' })).toMatchObject({ e164: '+8613812345678', type: 'mobile' });
  });
});

describe('normalizePhone: carrier groups', () => {
  it.each([
    ['13412345678', 'china_mobile'], ['13491234567', 'china_telecom'], ['13012345678', 'china_unicom'],
    ['13312345678', 'china_telecom'], ['14712345678', 'china_mobile'], ['14912345678', 'china_telecom'],
    ['15312345678', 'china_telecom'], ['16612345678', 'china_unicom'], ['16212345678', 'virtual_operator'],
    ['16512345678', 'virtual_operator'], ['16712345678', 'virtual_operator'],
    ['17012345678', 'virtual_operator'], ['17112345678', 'virtual_operator'], ['17212345678', 'china_mobile'],
    ['18012345678', 'china_telecom'], ['18612345678', 'china_unicom'], ['19212345678', 'china_broadnet'],
    ['19512345678', 'china_mobile'], ['19612345678', 'china_unicom'], ['19912345678', 'china_telecom'],
  ])('%s -> %s', (raw, carrierGroup) => {
    expect(normalizePhone(raw)).toEqual({ usable: true, e164: `+86${raw}`, type: 'mobile', carrierGroup });
  });

  it('has no carrier group for fixed lines and no area code for mobiles', () => {
    expect(expectUsable(normalizePhone('010-62345678')).carrierGroup).toBeUndefined();
    expect(expectUsable(normalizePhone('13812345678')).areaCode).toBeUndefined();
  });
});

describe('areaCodeForDivision', () => {
  it.each([
    ['110105', '10'], ['11', '10'], ['1101', '10'], ['12', '22'], ['120101', '22'], ['31', '21'],
    ['310115', '21'], ['50', '23'], ['500101', '23'], ['4403', '755'], ['440305', '755'], ['4401', '20'],
    ['3301', '571'], ['3205', '512'], ['5101', '28'], ['4301', '731'], ['4302', '731'], ['6104', '29'],
    ['460105', '898'], ['429004', '728'], ['429021', '719'], ['6540', '999'],
  ])('%s -> %s', (code, areaCode) => expect(areaCodeForDivision(code)).toBe(areaCode));

  it.each(['', '4', '440', '44', '4499', '9901', '44030', '4403051', 'abcd', '4102', ' '])('unknown: %j', (code) => {
    expect(areaCodeForDivision(code)).toBeUndefined();
  });

  it('completes a landline from a division code end to end', () => {
    expect(normalizePhone('86001234', { areaCode: areaCodeForDivision('440305') })).toMatchObject({
      e164: '+8675586001234',
      resolvedWithContextAreaCode: true,
    });
  });
});

describe('splitPhoneField', () => {
  it.each([
    ['13812345678/13987654321', ['13812345678', '13987654321']],
    ['13812345678，13987654321', ['13812345678', '13987654321']],
    ['13812345678,13987654321', ['13812345678', '13987654321']],
    ['13812345678;13987654321', ['13812345678', '13987654321']],
    ['13812345678；13987654321', ['13812345678', '13987654321']],
    ['13812345678、13987654321', ['13812345678', '13987654321']],
    ['13812345678 13987654321', ['13812345678', '13987654321']],
    ['13812345678  /  13987654321', ['13812345678', '13987654321']],
    ['138 1234 5678 139 8765 4321', ['138 1234 5678', '139 8765 4321']],
    ['13812345678(本人)/13987654321(妻子)', ['13812345678(本人)', '13987654321(妻子)']],
    ['手机:13812345678;电话:010-62345678转123', ['手机:13812345678', '电话:010-62345678转123']],
    ['0571 8888 1234 13812345678', ['0571 8888 1234', '13812345678']],
    ['13812345678,,13987654321、010-62345678', ['13812345678', '13987654321', '010-62345678']],
    ['138****5678/13987654321', ['138****5678', '13987654321']],
  ])('%s', (raw, expected) => expect(splitPhoneField(raw)).toEqual(expected));

  it.each([
    '138 1234 5678', '+86 138 1234 5678', '010-62345678转123', '010-62345678 转 123', '010-62345678 ext 123',
    '0571 8888 1234', '400 123 4567', '8600 1234', '(010) 6234 5678', 'N/A', '010/62345678', '13812345678 本人',
  ])('keeps one number whole: %s', (raw) => expect(splitPhoneField(raw)).toEqual([raw]));

  it.each([
    ['+86 755 8601 3388-123', '+8675586013388', '123'],
    ['+86 10 6234 5678-123', '+861062345678', '123'],
    ['+86 571 8888 1234-5', '+8657188881234', '5'],
    ['0755 8601 3388-123', '+8675586013388', '123'],
    ['755 8601 3388-123', '+8675586013388', '123'],
    ['+86 755 8601 3388 -123', '+8675586013388', '123'],
  ])('does not cut a grouped landline with a dash extension into local-looking pieces: %s', (raw, e164, extension) => {
    expect(splitPhoneField(raw)).toEqual([raw]);
    expect(normalizePhone(raw)).toMatchObject({ usable: true, e164, extension, type: 'fixed_line' });
  });

  it.each([
    ['+86 755 8601 3388-123 13812345678', ['+86 755 8601 3388-123', '13812345678']],
    ['13812345678 +86 755 8601 3388-123', ['13812345678', '+86 755 8601 3388-123']],
    ['+86 755 8601 3388-123/13812345678', ['+86 755 8601 3388-123', '13812345678']],
    ['+86 755 8601 3388 13812345678', ['+86 755 8601 3388', '13812345678']],
    ['+86 755 8601 3388 0571 8888 1234', ['+86 755 8601 3388', '0571 8888 1234']],
    ['+86 755 8601 3388 8600 1234', ['+86 755 8601 3388', '8600 1234']],
    ['8600 1234 8600 5678', ['8600 1234', '8600 5678']],
    ['95588 10086', ['95588', '10086']],
  ])('cuts after a complete number rather than inside it: %s', (raw, expected) => {
    expect(splitPhoneField(raw)).toEqual(expected);
  });

  it('returns nothing for an empty field and trims a single one', () => {
    expect(splitPhoneField('')).toEqual([]);
    expect(splitPhoneField('   ')).toEqual([]);
    expect(splitPhoneField(' 13812345678 ')).toEqual(['13812345678']);
  });

  it('gives pieces that each normalise on their own', () => {
    const pieces = splitPhoneField('手机：138-1234-5678，（010）62345678转123；95588');
    expect(pieces.map((piece) => expectUsable(normalizePhone(piece)).e164)).toEqual([
      '+8613812345678',
      '+861062345678',
      '+8695588',
    ]);
  });
});

/** Deterministic generator so a failing fuzz case can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CODES: ReadonlySet<string> = new Set([
  'empty', 'placeholder', 'masked', 'too_short', 'too_long', 'invalid_prefix', 'all_zeros', 'incomplete', 'invalid',
]);
const TYPES: ReadonlySet<string> = new Set(['mobile', 'fixed_line', 'organisation']);

function expectWellFormed(result: PhoneNormalization): void {
  if (result.usable) {
    expect(result.e164).toMatch(/^\+[1-9]\d{4,15}$/);
    expect(TYPES.has(result.type)).toBe(true);
    if (result.extension !== undefined) expect(result.extension).toMatch(/^\d{1,6}$/);
    if (result.type === 'mobile' && result.e164.startsWith('+86')) expect(result.carrierGroup).toBeDefined();
  } else {
    expect(CODES.has(result.code)).toBe(true);
    expect(typeof result.reason).toBe('string');
    expect(result.reason.length).toBeGreaterThan(10);
  }
}

describe('robustness', () => {
  const fragments = [
    '1', '3', '8', '0', '5', '9', '86', '+', '-', ' ', '(', ')', '（', '）', '＋', '－', '１', '８', '转', '分机', 'ext',
    'x', 'X', '#', '*', '＊', '/', ',', '，', '、', ';', '手机', '：', ':', '本人', '无', 'null', '😀', '\ud800', '\u0000',
    '\u3000', '\u200b', '.', '?', '138', '010', '400', '95588', '13812345678', '[', '】', '\\', '$', '^', '{', 'é',
  ];

  it('always returns one of the two shapes, for a few hundred random strings', () => {
    const random = seededRandom(20_240_601);
    for (let sample = 0; sample < 600; sample++) {
      const pieceCount = Math.floor(random() * 14);
      let raw = '';
      for (let piece = 0; piece < pieceCount; piece++) raw += fragments[Math.floor(random() * fragments.length)];
      const context = random() < 0.3 ? { areaCode: ['10', '755', '0571', 'x', ''][Math.floor(random() * 5)] } : undefined;
      const result = normalizePhone(raw, context);
      expectWellFormed(result);
      for (const piece of splitPhoneField(raw)) expect(raw.includes(piece)).toBe(true);
    }
  });

  it('never throws on odd input', () => {
    for (const raw of [undefined, null, 42, {}, '\ud800\udc00', 'a'.repeat(100_000)] as unknown as string[]) {
      expect(() => normalizePhone(raw)).not.toThrow();
      expect(() => splitPhoneField(raw)).not.toThrow();
      expectWellFormed(normalizePhone(raw));
    }
  });
});

describe('bulk', () => {
  it('normalises 100k synthetic phones', () => {
    const random = seededRandom(7);
    const mobilePrefixes = ['134', '138', '150', '159', '166', '170', '177', '186', '189', '192', '199'];
    const digits = (count: number, first = '0123456789'): string => {
      let text = first[Math.floor(random() * first.length)];
      for (let index = 1; index < count; index++) text += String(Math.floor(random() * 10));
      return text;
    };
    const toFullWidth = (text: string): string =>
      text.replace(/[0-9+\-()]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
    const cases: Array<{ raw: string; e164: string }> = [];
    for (let index = 0; index < 100_000; index++) {
      const form = random();
      if (form < 0.8) {
        const national = mobilePrefixes[index % mobilePrefixes.length] + digits(8, '123456789');
        const spaced = `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
        const writings = [national, national, national, `+86${national}`, spaced, `+86-${national}`, toFullWidth(national)];
        cases.push({ raw: writings[index % writings.length], e164: `+86${national}` });
      } else {
        const areaCode = ['10', '21', '755'][index % 3];
        const subscriber = digits(8, '234567');
        cases.push({ raw: `0${areaCode}-${subscriber}`, e164: `+86${areaCode}${subscriber}` });
      }
    }
    const results = cases.map(({ raw }) => normalizePhone(raw));
    for (let index = 0; index < results.length; index += 97) {
      expect(expectUsable(results[index]).e164).toBe(cases[index].e164);
    }
    expect(results.filter((result) => !result.usable)).toEqual([]);
  });
});
