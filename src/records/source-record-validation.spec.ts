import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ADDRESS_KINDS, type SourceRecordPayload } from './source-record.js';
import { canonicalJson, contentHash, parseObservedAt, RECORD_LIMITS, validateSourceRecord } from './source-record-validation.js';

// All data below is synthetic.

/** A fixed clock: every validation in this file is deterministic. */
const NOW = new Date('2024-06-01T00:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

type RawRecord = Record<string, unknown>;

/** A valid synthetic ingest record; override any top-level field. */
function aRecord(overrides: RawRecord = {}): RawRecord {
  return {
    sourceRecordId: 'SRC-TEST-0001',
    observedAt: '2024-05-01T09:30:00+08:00',
    borrower: { ref: 'BRW-TEST-1001', name: '测试甲', idNumber: 'TESTID000000000001' },
    subject: { role: 'contact', name: '测试乙', relation: '配偶' },
    phones: ['13800000000', '010-00000000'],
    addresses: [{ text: '测试省测试市测试区样例路1号', kind: 'home' }],
    employer: { name: '样例科技有限公司', phone: '021-00000000' },
    ...overrides,
  };
}

/** Only the fields validateSourceRecord requires. */
function aMinimalRecord(overrides: RawRecord = {}): RawRecord {
  return {
    sourceRecordId: 'SRC-TEST-0002',
    observedAt: '2024-05-01T09:30:00Z',
    borrower: { ref: 'BRW-TEST-1002' },
    subject: { role: 'borrower' },
    ...overrides,
  };
}

function omit(record: RawRecord, key: string): RawRecord {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function text(length: number, character = 'x'): string {
  return character.repeat(length);
}

function phoneList(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `1380000${String(index).padStart(4, '0')}`);
}

function addressList(count: number): { text: string }[] {
  return Array.from({ length: count }, (_, index) => ({ text: `测试路${index + 1}号` }));
}

function errorsOf(input: unknown, now: Date = NOW): string[] {
  const result = validateSourceRecord(input, now);
  if (result.valid) throw new Error(`expected the record to be rejected, but it was accepted: ${JSON.stringify(result.payload)}`);
  return result.errors;
}

function accepted(input: unknown, now: Date = NOW): { payload: SourceRecordPayload; observedAt: Date } {
  const result = validateSourceRecord(input, now);
  if (!result.valid) throw new Error(`expected the record to be accepted, but got: ${result.errors.join(' | ')}`);
  return { payload: result.payload, observedAt: result.observedAt };
}

function payloadOf(input: unknown, now: Date = NOW): SourceRecordPayload {
  return accepted(input, now).payload;
}

describe('validateSourceRecord', () => {
  describe('valid records', () => {
    it('accepts the synthetic record and returns the normalised payload', () => {
      const { payload, observedAt } = accepted(aRecord());
      expect(observedAt).toEqual(new Date('2024-05-01T01:30:00.000Z'));
      expect(payload).toEqual({
        sourceRecordId: 'SRC-TEST-0001',
        observedAt: '2024-05-01T01:30:00.000Z',
        borrower: { ref: 'BRW-TEST-1001', name: '测试甲', idNumber: 'TESTID000000000001' },
        subject: { role: 'contact', name: '测试乙', relation: '配偶' },
        phones: ['13800000000', '010-00000000'],
        addresses: [{ text: '测试省测试市测试区样例路1号', kind: 'home' }],
        employer: { name: '样例科技有限公司', phone: '021-00000000' },
      });
    });

    it('accepts a minimal record: phones and addresses default to empty lists, employer is absent', () => {
      const payload = payloadOf(aMinimalRecord());
      expect(payload).toEqual({
        sourceRecordId: 'SRC-TEST-0002',
        observedAt: '2024-05-01T09:30:00.000Z',
        borrower: { ref: 'BRW-TEST-1002' },
        subject: { role: 'borrower' },
        phones: [],
        addresses: [],
      });
      expect(payload).not.toHaveProperty('employer');
    });

    it('accepts both subject roles', () => {
      expect(payloadOf(aRecord({ subject: { role: 'borrower' } })).subject).toEqual({ role: 'borrower' });
      expect(payloadOf(aRecord({ subject: { role: 'contact' } })).subject).toEqual({ role: 'contact' });
    });

    it.each(ADDRESS_KINDS)('accepts address kind %s', (kind) => {
      expect(payloadOf(aRecord({ addresses: [{ text: '测试路1号', kind }] })).addresses).toEqual([{ text: '测试路1号', kind }]);
    });

    it('accepts an address without a kind and does not invent one', () => {
      const [address] = payloadOf(aRecord({ addresses: [{ text: '测试路1号' }] })).addresses;
      expect(address).toEqual({ text: '测试路1号' });
      expect(address).not.toHaveProperty('kind');
    });

    it('drops unknown extra fields at every level', () => {
      const payload = payloadOf(
        aRecord({
          extraTopLevel: 'drop me',
          password: 'not-a-real-secret',
          borrower: { ref: 'BRW-TEST-1001', nickname: 'drop me' },
          subject: { role: 'contact', weight: 70 },
          addresses: [{ text: '测试路1号', kind: 'work', floor: 3 }],
          employer: { name: '样例公司', industry: 'drop me' },
        }),
      );
      expect(payload).toEqual({
        sourceRecordId: 'SRC-TEST-0001',
        observedAt: '2024-05-01T01:30:00.000Z',
        borrower: { ref: 'BRW-TEST-1001' },
        subject: { role: 'contact' },
        phones: ['13800000000', '010-00000000'],
        addresses: [{ text: '测试路1号', kind: 'work' }],
        employer: { name: '样例公司' },
      });
      expect(Object.keys(payload).sort()).toEqual(['addresses', 'borrower', 'employer', 'observedAt', 'phones', 'sourceRecordId', 'subject']);
    });

    it('drops empty and whitespace-only optional strings instead of storing them', () => {
      const payload = payloadOf(
        aRecord({
          borrower: { ref: 'BRW-TEST-1001', name: '', idNumber: '   ' },
          subject: { role: 'contact', name: '', relation: ' \t ' },
          employer: { name: '样例公司', phone: '' },
        }),
      );
      expect(payload.borrower).toEqual({ ref: 'BRW-TEST-1001' });
      expect(payload.borrower).not.toHaveProperty('name');
      expect(payload.borrower).not.toHaveProperty('idNumber');
      expect(payload.subject).toEqual({ role: 'contact' });
      expect(payload.subject).not.toHaveProperty('name');
      expect(payload.subject).not.toHaveProperty('relation');
      expect(payload.employer).toEqual({ name: '样例公司' });
      expect(payload.employer).not.toHaveProperty('phone');
    });

    it('treats null optional values as absent', () => {
      const payload = payloadOf(
        aRecord({
          borrower: { ref: 'BRW-TEST-1001', name: null, idNumber: null },
          subject: { role: 'contact', name: null, relation: null },
          phones: null,
          addresses: [{ text: '测试路1号', kind: null }],
          employer: null,
        }),
      );
      expect(payload).toEqual({
        sourceRecordId: 'SRC-TEST-0001',
        observedAt: '2024-05-01T01:30:00.000Z',
        borrower: { ref: 'BRW-TEST-1001' },
        subject: { role: 'contact' },
        phones: [],
        addresses: [{ text: '测试路1号' }],
      });
      expect(payload.addresses[0]).not.toHaveProperty('kind');
      expect(payload).not.toHaveProperty('employer');
      expect(payloadOf(aRecord({ addresses: null })).addresses).toEqual([]);
    });

    it('keeps phones exactly as received: no trimming, reformatting, de-duplication or reordering', () => {
      const raw = [' 138 0000 0000 ', '+86-138-0000-0001', '138****5678', '（010）0000-0000', '13800000000', '13800000000', '', '  '];
      expect(payloadOf(aRecord({ phones: raw })).phones).toEqual(raw);
    });

    it('keeps the employer phone exactly as received', () => {
      expect(payloadOf(aRecord({ employer: { name: '样例公司', phone: ' 021 0000 0000 ' } })).employer).toEqual({
        name: '样例公司',
        phone: ' 021 0000 0000 ',
      });
    });

    it('keeps an empty phone list as an empty list', () => {
      expect(payloadOf(aRecord({ phones: [] })).phones).toEqual([]);
      expect(payloadOf(aRecord({ addresses: [] })).addresses).toEqual([]);
    });

    it('accepts every text field at exactly its limit', () => {
      const payload = payloadOf(
        aRecord({
          sourceRecordId: text(RECORD_LIMITS.sourceRecordId),
          borrower: { ref: text(RECORD_LIMITS.borrowerRef), name: text(RECORD_LIMITS.name), idNumber: text(RECORD_LIMITS.idNumber, '0') },
          subject: { role: 'contact', name: text(RECORD_LIMITS.name), relation: text(RECORD_LIMITS.relation) },
          phones: [text(RECORD_LIMITS.phone, '1')],
          addresses: [{ text: text(RECORD_LIMITS.address) }],
          employer: { name: text(RECORD_LIMITS.employerName), phone: text(RECORD_LIMITS.phone, '2') },
        }),
      );
      expect(payload.sourceRecordId).toHaveLength(200);
      expect(payload.borrower.ref).toHaveLength(100);
      expect(payload.borrower.name).toHaveLength(100);
      expect(payload.borrower.idNumber).toHaveLength(32);
      expect(payload.subject.name).toHaveLength(100);
      expect(payload.subject.relation).toHaveLength(50);
      expect(payload.phones[0]).toHaveLength(64);
      expect(payload.addresses[0].text).toHaveLength(500);
      expect(payload.employer?.name).toHaveLength(200);
      expect(payload.employer?.phone).toHaveLength(64);
    });

    it('accepts a 500-character address (the limit)', () => {
      expect(payloadOf(aRecord({ addresses: [{ text: text(500, '路') }] })).addresses[0].text).toBe(text(500, '路'));
    });

    it('accepts a 100-character Chinese name (limit counts characters, not bytes)', () => {
      expect(payloadOf(aRecord({ subject: { role: 'contact', name: text(100, '测') } })).subject.name).toBe(text(100, '测'));
    });

    it('accepts exactly 20 phones and exactly 20 addresses', () => {
      const payload = payloadOf(aRecord({ phones: phoneList(20), addresses: addressList(20) }));
      expect(payload.phones).toEqual(phoneList(20));
      expect(payload.addresses).toEqual(addressList(20));
    });

    it('returns observedAt as a Date equal to the payload ISO string', () => {
      const { payload, observedAt } = accepted(aRecord({ observedAt: '2024-05-01 09:30:00.250' }));
      expect(observedAt).toBeInstanceOf(Date);
      expect(observedAt.toISOString()).toBe(payload.observedAt);
      expect(payload.observedAt).toBe('2024-05-01T01:30:00.250Z');
    });

    it.each([
      ['date only, read as midnight China Standard Time', '2024-05-01', '2024-04-30T16:00:00.000Z'],
      ['local time without offset, read as +08:00', '2024-05-01T09:30:00', '2024-05-01T01:30:00.000Z'],
      ['local time with space separator', '2024-05-01 09:30:00', '2024-05-01T01:30:00.000Z'],
      ['local time without seconds', '2024-05-01T09:30', '2024-05-01T01:30:00.000Z'],
      ['Z', '2024-05-01T09:30:00Z', '2024-05-01T09:30:00.000Z'],
      ['+08:00', '2024-05-01T09:30:00+08:00', '2024-05-01T01:30:00.000Z'],
      ['+0800 without colon', '2024-05-01T09:30:00+0800', '2024-05-01T01:30:00.000Z'],
      ['negative offset', '2024-05-01T09:30:00-05:00', '2024-05-01T14:30:00.000Z'],
      ['fractional seconds', '2024-05-01T09:30:00.123+08:00', '2024-05-01T01:30:00.123Z'],
    ])('accepts observedAt as %s', (_label, observedAt, iso) => {
      const result = accepted(aRecord({ observedAt }));
      expect(result.payload.observedAt).toBe(iso);
      expect(result.observedAt.getTime()).toBe(Date.parse(iso));
    });

    it('does not mutate the input record', () => {
      const input = aRecord({ extra: 'x', borrower: { ref: 'BRW-TEST-1001', name: '' }, phones: [' 13800000000 '] });
      const snapshot = structuredClone(input);
      validateSourceRecord(input, NOW);
      expect(input).toEqual(snapshot);
    });

    it('returns payload objects that do not share references with the input', () => {
      const input = aRecord();
      const payload = payloadOf(input);
      expect(payload.borrower).not.toBe(input.borrower);
      expect(payload.subject).not.toBe(input.subject);
      expect(payload.phones).not.toBe(input.phones);
      expect(payload.addresses).not.toBe(input.addresses);
    });

    it('uses the real clock when no now is given', () => {
      expect(validateSourceRecord(aRecord({ observedAt: '2020-01-01T00:00:00Z' })).valid).toBe(true);
      expect(validateSourceRecord(aRecord({ observedAt: '9999-01-01T00:00:00Z' }))).toEqual({
        valid: false,
        errors: ['observedAt: is more than a day in the future'],
      });
    });
  });

  describe('record shape', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['an array', [aRecord()]],
      ['an empty array', []],
      ['a string', JSON.stringify(aRecord())],
      ['a number', 42],
      ['a boolean', true],
    ])('rejects %s as the record', (_label, input) => {
      expect(validateSourceRecord(input, NOW)).toEqual({ valid: false, errors: ['record: must be a JSON object'] });
    });

    it('reports every required field of an empty object', () => {
      expect(errorsOf({})).toEqual(['sourceRecordId: is required', 'observedAt: is required', 'borrower: is required', 'subject: is required']);
    });
  });

  describe('sourceRecordId', () => {
    it('is required', () => {
      expect(errorsOf(omit(aRecord(), 'sourceRecordId'))).toEqual(['sourceRecordId: is required']);
    });

    it('treats null as missing', () => {
      expect(errorsOf(aRecord({ sourceRecordId: null }))).toEqual(['sourceRecordId: is required']);
    });

    it.each([
      [42, 'a number'],
      [true, 'a boolean'],
      [{ id: 'SRC-1' }, 'an object'],
      [['SRC-1'], 'an array'],
    ])('rejects non-string %j', (value, described) => {
      expect(errorsOf(aRecord({ sourceRecordId: value }))).toEqual([`sourceRecordId: must be a string, got ${described}`]);
    });

    it.each(['', '   ', '\t\n'])('rejects empty or blank %j', (value) => {
      expect(errorsOf(aRecord({ sourceRecordId: value }))).toEqual(['sourceRecordId: must not be empty']);
    });

    it('rejects more than 200 characters', () => {
      expect(errorsOf(aRecord({ sourceRecordId: text(201) }))).toEqual(['sourceRecordId: is 201 characters, at most 200 allowed']);
    });

    it('rejects a NUL character', () => {
      expect(errorsOf(aRecord({ sourceRecordId: 'SRC\u0000-1' }))).toEqual(['sourceRecordId: contains a NUL character']);
    });
  });

  describe('borrower', () => {
    it('is required', () => {
      expect(errorsOf(omit(aRecord(), 'borrower'))).toEqual(['borrower: is required']);
    });

    it.each([
      ['a string', 'BRW-TEST-1001'],
      ['a number', 1001],
      ['an array', [{ ref: 'BRW-TEST-1001' }]],
      ['null', null],
    ])('rejects %s as the borrower', (_label, borrower) => {
      expect(errorsOf(aRecord({ borrower }))).toEqual(['borrower: must be an object']);
    });

    it('requires borrower.ref', () => {
      expect(errorsOf(aRecord({ borrower: { name: '测试甲' } }))).toEqual(['borrower.ref: is required']);
      expect(errorsOf(aRecord({ borrower: { ref: null } }))).toEqual(['borrower.ref: is required']);
    });

    it.each([
      [1001, 'a number'],
      [{ id: 1 }, 'an object'],
      [['BRW-1'], 'an array'],
      [false, 'a boolean'],
    ])('rejects non-string borrower.ref %j', (ref, described) => {
      expect(errorsOf(aRecord({ borrower: { ref } }))).toEqual([`borrower.ref: must be a string, got ${described}`]);
    });

    it('rejects an empty borrower.ref', () => {
      expect(errorsOf(aRecord({ borrower: { ref: ' ' } }))).toEqual(['borrower.ref: must not be empty']);
    });

    it('rejects borrower.ref over 100 characters', () => {
      expect(errorsOf(aRecord({ borrower: { ref: text(101) } }))).toEqual(['borrower.ref: is 101 characters, at most 100 allowed']);
    });

    it('rejects borrower.name over 100 characters', () => {
      expect(errorsOf(aRecord({ borrower: { ref: 'BRW-1', name: text(101, '测') } }))).toEqual([
        'borrower.name: is 101 characters, at most 100 allowed',
      ]);
    });

    it('rejects a non-string borrower.name', () => {
      expect(errorsOf(aRecord({ borrower: { ref: 'BRW-1', name: 7 } }))).toEqual(['borrower.name: must be a string, got a number']);
    });

    it('rejects borrower.idNumber over 32 characters', () => {
      expect(errorsOf(aRecord({ borrower: { ref: 'BRW-1', idNumber: text(33, '9') } }))).toEqual([
        'borrower.idNumber: is 33 characters, at most 32 allowed',
      ]);
    });

    it('rejects a numeric borrower.idNumber (would lose leading zeros / precision)', () => {
      expect(errorsOf(aRecord({ borrower: { ref: 'BRW-1', idNumber: 110101199001010000 } }))).toEqual([
        'borrower.idNumber: must be a string, got a number',
      ]);
    });

    it('rejects a NUL character in borrower fields', () => {
      expect(errorsOf(aRecord({ borrower: { ref: 'BRW\u0000', name: '测\u0000试' } }))).toEqual([
        'borrower.ref: contains a NUL character',
        'borrower.name: contains a NUL character',
      ]);
    });
  });

  describe('subject', () => {
    it('is required', () => {
      expect(errorsOf(omit(aRecord(), 'subject'))).toEqual(['subject: is required']);
    });

    it.each([
      ['a string', 'contact'],
      ['an array', [{ role: 'contact' }]],
      ['null', null],
    ])('rejects %s as the subject', (_label, subject) => {
      expect(errorsOf(aRecord({ subject }))).toEqual(['subject: must be an object']);
    });

    it('requires subject.role', () => {
      expect(errorsOf(aRecord({ subject: { name: '测试乙' } }))).toEqual(['subject.role: is required (borrower or contact)']);
    });

    it.each(['guarantor', 'Borrower', 'CONTACT', ' contact', ''])('rejects unknown subject.role %j', (role) => {
      expect(errorsOf(aRecord({ subject: { role } }))).toEqual([`subject.role: "${role}" is not one of borrower, contact`]);
    });

    it.each([
      [1, '1'],
      [null, 'null'],
      [true, 'true'],
    ])('rejects non-string subject.role %j', (role, shown) => {
      expect(errorsOf(aRecord({ subject: { role } }))).toEqual([`subject.role: "${shown}" is not one of borrower, contact`]);
    });

    it('clips a very long unknown role in the message', () => {
      const [error] = errorsOf(aRecord({ subject: { role: text(300, 'r') } }));
      expect(error).toBe(`subject.role: "${text(40, 'r')}…" is not one of borrower, contact`);
    });

    it('rejects subject.name that is a number', () => {
      expect(errorsOf(aRecord({ subject: { role: 'contact', name: 12345 } }))).toEqual(['subject.name: must be a string, got a number']);
    });

    it('rejects subject.name that is an object', () => {
      expect(errorsOf(aRecord({ subject: { role: 'contact', name: { first: '乙' } } }))).toEqual([
        'subject.name: must be a string, got an object',
      ]);
    });

    it('rejects subject.name of 101 characters', () => {
      expect(errorsOf(aRecord({ subject: { role: 'contact', name: text(101, '测') } }))).toEqual([
        'subject.name: is 101 characters, at most 100 allowed',
      ]);
    });

    it('rejects subject.relation over 50 characters', () => {
      expect(errorsOf(aRecord({ subject: { role: 'contact', relation: text(51, '亲') } }))).toEqual([
        'subject.relation: is 51 characters, at most 50 allowed',
      ]);
    });

    it('reports name and relation problems together with a bad role', () => {
      expect(errorsOf(aRecord({ subject: { role: 'friend', name: 1, relation: 'x\u0000' } }))).toEqual([
        'subject.role: "friend" is not one of borrower, contact',
        'subject.name: must be a string, got a number',
        'subject.relation: contains a NUL character',
      ]);
    });
  });

  describe('observedAt', () => {
    it('is required', () => {
      expect(errorsOf(omit(aRecord(), 'observedAt'))).toEqual(['observedAt: is required']);
    });

    it.each([
      ['a number', 1714527000000],
      ['null', null],
      ['an object', { iso: '2024-05-01' }],
      ['a boolean', true],
    ])('rejects %s', (_label, observedAt) => {
      expect(errorsOf(aRecord({ observedAt }))).toEqual(['observedAt: must be a string (ISO-8601 date-time)']);
    });

    it.each([
      'garbage',
      'yesterday',
      '',
      '   ',
      '2024/05/01',
      '01-05-2024',
      '20240501',
      '2024-5-1',
      '2024-02-30',
      '2023-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-05-00',
      '2024-05-01T25:00',
      '2024-05-01 25:00:00',
      '2024-05-01T24:00:00',
      '2024-05-01T12:60',
      '2024-05-01T12:30:60',
      '2024-05-01T9:30',
      '2024-05-01T09',
      '2024-05-01T09:30:00+8',
      '2024-05-01T09:30:00+08:99',
      '2024-05-01T09:30:00 CST',
    ])('rejects unparseable %j with the value quoted in the message', (observedAt) => {
      expect(errorsOf(aRecord({ observedAt }))).toEqual([
        `observedAt: "${observedAt}" is not an ISO-8601 date-time (e.g. 2024-05-01T09:30:00+08:00)`,
      ]);
    });

    it('clips a long unparseable value in the message', () => {
      const [error] = errorsOf(aRecord({ observedAt: text(100, 'z') }));
      expect(error).toBe(`observedAt: "${text(40, 'z')}…" is not an ISO-8601 date-time (e.g. 2024-05-01T09:30:00+08:00)`);
    });

    it('accepts a time exactly one day after now (the tolerance)', () => {
      const atLimit = new Date(NOW.getTime() + DAY_MS);
      expect(accepted(aRecord({ observedAt: atLimit.toISOString() })).observedAt).toEqual(atLimit);
    });

    it('rejects a time one millisecond past the one-day tolerance', () => {
      const pastLimit = new Date(NOW.getTime() + DAY_MS + 1).toISOString();
      expect(pastLimit).toBe('2024-06-02T00:00:00.001Z');
      expect(errorsOf(aRecord({ observedAt: pastLimit }))).toEqual(['observedAt: is more than a day in the future']);
    });

    it('applies the tolerance to the +08:00 instant of a local time, not its wall clock', () => {
      // 2024-06-02 08:00 in China is exactly NOW + 1 day.
      expect(validateSourceRecord(aRecord({ observedAt: '2024-06-02 08:00:00' }), NOW).valid).toBe(true);
      expect(errorsOf(aRecord({ observedAt: '2024-06-02 08:00:01' }))).toEqual(['observedAt: is more than a day in the future']);
    });

    it('rejects a time far in the future', () => {
      expect(errorsOf(aRecord({ observedAt: '2030-01-01T00:00:00Z' }))).toEqual(['observedAt: is more than a day in the future']);
    });

    it('accepts a time slightly in the future and a time equal to now', () => {
      expect(validateSourceRecord(aRecord({ observedAt: '2024-06-01T12:00:00Z' }), NOW).valid).toBe(true);
      expect(validateSourceRecord(aRecord({ observedAt: NOW.toISOString() }), NOW).valid).toBe(true);
    });

    it('rejects a time before 1990', () => {
      expect(errorsOf(aRecord({ observedAt: '1989-12-31T23:59:59.999Z' }))).toEqual([
        'observedAt: is before 1990, not a plausible observation time',
      ]);
      expect(errorsOf(aRecord({ observedAt: '1970-01-01' }))).toEqual(['observedAt: is before 1990, not a plausible observation time']);
    });

    it('accepts exactly 1990-01-01T00:00:00Z', () => {
      expect(accepted(aRecord({ observedAt: '1990-01-01T00:00:00Z' })).payload.observedAt).toBe('1990-01-01T00:00:00.000Z');
    });

    it('rejects a bare 1990-01-01, which is 1989-12-31T16:00Z in China Standard Time', () => {
      expect(errorsOf(aRecord({ observedAt: '1990-01-01' }))).toEqual(['observedAt: is before 1990, not a plausible observation time']);
    });

    it('uses the given now, not the real clock', () => {
      const longAgo = new Date('2000-01-01T00:00:00Z');
      expect(errorsOf(aRecord({ observedAt: '2024-05-01T00:00:00Z' }), longAgo)).toEqual(['observedAt: is more than a day in the future']);
    });
  });

  describe('phones', () => {
    it.each([
      ['a string', '13800000000', 'a string'],
      ['a number', 13800000000, 'a number'],
      ['an object', { mobile: '13800000000' }, 'an object'],
      ['a boolean', true, 'a boolean'],
    ])('rejects phones that are %s rather than an array', (_label, phones, described) => {
      expect(errorsOf(aRecord({ phones }))).toEqual([`phones: must be an array of strings, got ${described}`]);
    });

    it('rejects a phone that is a number, naming its index', () => {
      expect(errorsOf(aRecord({ phones: [13800000000] }))).toEqual(['phones[0]: must be a string, got a number']);
      expect(errorsOf(aRecord({ phones: ['13800000000', 13800000001] }))).toEqual(['phones[1]: must be a string, got a number']);
    });

    it.each([
      [null, 'null'],
      [{ number: '1' }, 'an object'],
      [['1'], 'an array'],
    ])('rejects a phone that is %j', (phone, described) => {
      expect(errorsOf(aRecord({ phones: [phone] }))).toEqual([`phones[0]: must be a string, got ${described}`]);
    });

    it('rejects a phone over 64 characters', () => {
      expect(errorsOf(aRecord({ phones: ['13800000000', text(65, '1')] }))).toEqual(['phones[1]: is 65 characters, at most 64 allowed']);
    });

    it('rejects a NUL character in a phone', () => {
      expect(errorsOf(aRecord({ phones: ['138\u000000000000'] }))).toEqual(['phones[0]: contains a NUL character']);
    });

    it('rejects 21 phones', () => {
      expect(errorsOf(aRecord({ phones: phoneList(21) }))).toEqual(['phones: has 21 entries, at most 20 allowed']);
    });

    it('reports both the count and bad entries of an oversized list', () => {
      const phones: unknown[] = phoneList(21);
      phones[3] = 3;
      expect(errorsOf(aRecord({ phones }))).toEqual(['phones: has 21 entries, at most 20 allowed', 'phones[3]: must be a string, got a number']);
    });
  });

  describe('addresses', () => {
    it.each([
      ['a string', '测试路1号', 'a string'],
      ['an object', { text: '测试路1号' }, 'an object'],
      ['a number', 1, 'a number'],
    ])('rejects addresses that are %s rather than an array', (_label, addresses, described) => {
      expect(errorsOf(aRecord({ addresses }))).toEqual([`addresses: must be an array, got ${described}`]);
    });

    it.each([
      ['a string', '测试路1号'],
      ['null', null],
      ['an array', ['测试路1号']],
      ['a number', 5],
    ])('rejects an address entry that is %s', (_label, entry) => {
      expect(errorsOf(aRecord({ addresses: [{ text: '测试路1号' }, entry] }))).toEqual(['addresses[1]: must be an object with a text field']);
    });

    it('rejects an address without text', () => {
      expect(errorsOf(aRecord({ addresses: [{ kind: 'home' }] }))).toEqual(['addresses[0].text: is required']);
    });

    it('rejects an address whose text is not a string', () => {
      expect(errorsOf(aRecord({ addresses: [{ text: 12 }] }))).toEqual(['addresses[0].text: must be a string, got a number']);
    });

    it('rejects an address with empty text', () => {
      expect(errorsOf(aRecord({ addresses: [{ text: '  ' }] }))).toEqual(['addresses[0].text: must not be empty']);
    });

    it('rejects a 501-character address', () => {
      expect(errorsOf(aRecord({ addresses: [{ text: text(501, '路') }] }))).toEqual([
        'addresses[0].text: is 501 characters, at most 500 allowed',
      ]);
    });

    it('rejects a NUL character in an address', () => {
      expect(errorsOf(aRecord({ addresses: [{ text: '测试\u0000路' }] }))).toEqual(['addresses[0].text: contains a NUL character']);
    });

    it.each(['office', 'HOME', '', 3])('rejects unknown address kind %j', (kind) => {
      expect(errorsOf(aRecord({ addresses: [{ text: '测试路1号', kind }] }))).toEqual([
        `addresses[0].kind: "${String(kind)}" is not one of home, work, delivery, registered, other`,
      ]);
    });

    it('rejects 21 addresses', () => {
      expect(errorsOf(aRecord({ addresses: addressList(21) }))).toEqual(['addresses: has 21 entries, at most 20 allowed']);
    });

    it('reports each bad address with its own index', () => {
      expect(errorsOf(aRecord({ addresses: [{ text: '测试路1号' }, {}, { text: '测试路3号', kind: 'moon' }, 'x'] }))).toEqual([
        'addresses[1].text: is required',
        'addresses[2].kind: "moon" is not one of home, work, delivery, registered, other',
        'addresses[3]: must be an object with a text field',
      ]);
    });
  });

  describe('employer', () => {
    it.each([
      ['a string', '样例公司'],
      ['an array', [{ name: '样例公司' }]],
      ['a number', 7],
      ['a boolean', false],
    ])('rejects an employer that is %s', (_label, employer) => {
      expect(errorsOf(aRecord({ employer }))).toEqual(['employer: must be an object']);
    });

    it('requires employer.name when an employer is given', () => {
      expect(errorsOf(aRecord({ employer: {} }))).toEqual(['employer.name: is required']);
      expect(errorsOf(aRecord({ employer: { phone: '021-00000000' } }))).toEqual(['employer.name: is required']);
    });

    it('rejects an empty employer.name', () => {
      expect(errorsOf(aRecord({ employer: { name: '' } }))).toEqual(['employer.name: must not be empty']);
    });

    it('rejects a non-string employer.name', () => {
      expect(errorsOf(aRecord({ employer: { name: 42 } }))).toEqual(['employer.name: must be a string, got a number']);
    });

    it('rejects employer.name over 200 characters', () => {
      expect(errorsOf(aRecord({ employer: { name: text(201, '司') } }))).toEqual(['employer.name: is 201 characters, at most 200 allowed']);
    });

    it('rejects a non-string employer.phone', () => {
      expect(errorsOf(aRecord({ employer: { name: '样例公司', phone: 2100000000 } }))).toEqual([
        'employer.phone: must be a string, got a number',
      ]);
    });

    it('rejects employer.phone over 64 characters', () => {
      expect(errorsOf(aRecord({ employer: { name: '样例公司', phone: text(65, '0') } }))).toEqual([
        'employer.phone: is 65 characters, at most 64 allowed',
      ]);
    });
  });

  describe('several problems in one record', () => {
    it('reports all of them, in field order', () => {
      const errors = errorsOf({
        sourceRecordId: 7,
        observedAt: '2024-02-30',
        borrower: { ref: '', name: text(101) },
        subject: { role: 'guarantor', name: 3 },
        phones: [13800000000, 'ok', text(65, '1')],
        addresses: [{ kind: 'home' }, { text: text(501) }],
        employer: 'ACME',
        ignored: true,
      });
      expect(errors).toEqual([
        'sourceRecordId: must be a string, got a number',
        'observedAt: "2024-02-30" is not an ISO-8601 date-time (e.g. 2024-05-01T09:30:00+08:00)',
        'borrower.ref: must not be empty',
        'borrower.name: is 101 characters, at most 100 allowed',
        'subject.role: "guarantor" is not one of borrower, contact',
        'subject.name: must be a string, got a number',
        'phones[0]: must be a string, got a number',
        'phones[2]: is 65 characters, at most 64 allowed',
        'addresses[0].text: is required',
        'addresses[1].text: is 501 characters, at most 500 allowed',
        'employer: must be an object',
      ]);
    });

    it('reports missing top-level structures together with bad optional lists', () => {
      expect(errorsOf({ observedAt: '1980-01-01T00:00:00Z', borrower: 'B', phones: 'x', addresses: {}, employer: [] })).toEqual([
        'sourceRecordId: is required',
        'observedAt: is before 1990, not a plausible observation time',
        'borrower: must be an object',
        'subject: is required',
        'phones: must be an array of strings, got a string',
        'addresses: must be an array, got an object',
        'employer: must be an object',
      ]);
    });

    it('rejects a record whose only problem is an optional field (no partial acceptance)', () => {
      expect(validateSourceRecord(aRecord({ employer: { name: '样例公司', phone: 1 } }), NOW)).toEqual({
        valid: false,
        errors: ['employer.phone: must be a string, got a number'],
      });
    });

    it('formats every error as "field: reason"', () => {
      const errors = errorsOf({
        sourceRecordId: '',
        observedAt: 'x',
        borrower: {},
        subject: { role: 'x' },
        phones: [1],
        addresses: [1],
        employer: {},
      });
      expect(errors).toHaveLength(7);
      for (const error of errors) expect(error).toMatch(/^[A-Za-z]+(\[\d+\])?(\.[A-Za-z]+)?: \S/);
    });
  });
});

describe('parseObservedAt', () => {
  it.each([
    ['date only is midnight +08:00', '2024-05-01', '2024-04-30T16:00:00.000Z'],
    ['local time without offset is +08:00', '2024-05-01T09:30:00', '2024-05-01T01:30:00.000Z'],
    ['local time crossing back over midnight UTC', '2024-05-01T07:59:59', '2024-04-30T23:59:59.000Z'],
    ['space separator', '2024-05-01 09:30:00', '2024-05-01T01:30:00.000Z'],
    ['hours and minutes only', '2024-05-01T09:30', '2024-05-01T01:30:00.000Z'],
    ['Z', '2024-05-01T09:30:00Z', '2024-05-01T09:30:00.000Z'],
    ['+08:00', '2024-05-01T09:30:00+08:00', '2024-05-01T01:30:00.000Z'],
    ['+0800', '2024-05-01T09:30:00+0800', '2024-05-01T01:30:00.000Z'],
    ['-05:30', '2024-05-01T09:30:00-05:30', '2024-05-01T15:00:00.000Z'],
    ['-0530', '2024-05-01T09:30:00-0530', '2024-05-01T15:00:00.000Z'],
    ['+00:00', '2024-05-01T09:30:00+00:00', '2024-05-01T09:30:00.000Z'],
    ['space before the offset', '2024-05-01 09:30:00 +08:00', '2024-05-01T01:30:00.000Z'],
    ['fractional seconds, 3 digits', '2024-05-01T09:30:00.123Z', '2024-05-01T09:30:00.123Z'],
    ['fractional seconds, 1 digit', '2024-05-01T09:30:00.5Z', '2024-05-01T09:30:00.500Z'],
    ['fractional seconds, 2 digits', '2024-05-01T09:30:00.12+08:00', '2024-05-01T01:30:00.120Z'],
    ['fractional seconds, 9 digits (truncated to ms)', '2024-05-01T09:30:00.123456789Z', '2024-05-01T09:30:00.123Z'],
    ['fractional seconds without offset', '2024-05-01 09:30:00.987', '2024-05-01T01:30:00.987Z'],
    ['surrounding whitespace', '  2024-05-01T09:30:00Z \n', '2024-05-01T09:30:00.000Z'],
    ['leap day', '2024-02-29', '2024-02-28T16:00:00.000Z'],
    ['last moment of a day', '2024-05-01T23:59:59Z', '2024-05-01T23:59:59.000Z'],
    ['start of a day', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00.000Z'],
    ['offset moving the UTC date forward a year', '2024-12-31T23:30:00-05:00', '2025-01-01T04:30:00.000Z'],
    ['offset moving the UTC date back a year', '2024-01-01T00:30:00+08:00', '2023-12-31T16:30:00.000Z'],
    ['31st of a 31-day month', '2024-12-31', '2024-12-30T16:00:00.000Z'],
  ])('parses %s', (_label, value, iso) => {
    expect(parseObservedAt(value)?.toISOString()).toBe(iso);
  });

  it('gives the same instant for every spelling of the same moment', () => {
    const spellings = [
      '2024-05-01T09:30:00+08:00',
      '2024-05-01T09:30:00+0800',
      '2024-05-01T09:30:00',
      '2024-05-01 09:30:00',
      '2024-05-01T09:30',
      '2024-05-01T01:30:00Z',
      '2024-05-01T01:30:00.000Z',
      '2024-04-30T20:30:00-05:00',
    ];
    const instants = new Set(spellings.map((value) => parseObservedAt(value)?.getTime()));
    expect([...instants]).toEqual([Date.parse('2024-05-01T01:30:00Z')]);
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty string', ''],
    ['whitespace', '   '],
    ['slashes', '2024/05/01'],
    ['day-first', '01-05-2024'],
    ['compact date', '20240501'],
    ['unpadded month and day', '2024-5-1'],
    ['two-digit year', '24-05-01'],
    ['February 30th', '2024-02-30'],
    ['February 29th in a non-leap year', '2023-02-29'],
    ['April 31st', '2024-04-31'],
    ['month 13', '2024-13-01'],
    ['month 00', '2024-00-01'],
    ['day 00', '2024-05-00'],
    ['day 32', '2024-05-32'],
    ['hour 25', '2024-05-01T25:00'],
    ['hour 25 with space', '2024-05-01 25:00:00'],
    ['hour 24', '2024-05-01T24:00:00'],
    ['minute 60', '2024-05-01T12:60:00'],
    ['second 60', '2024-05-01T23:59:60'],
    ['hour without minutes', '2024-05-01T09'],
    ['single-digit hour', '2024-05-01T9:30'],
    ['T with no time', '2024-05-01T'],
    ['ten fractional digits', '2024-05-01T09:30:00.1234567890Z'],
    ['empty fraction', '2024-05-01T09:30:00.Z'],
    ['offset hours only', '2024-05-01T09:30:00+08'],
    ['single-digit offset', '2024-05-01T09:30:00+8'],
    ['offset minutes out of range', '2024-05-01T09:30:00+08:99'],
    ['named time zone', '2024-05-01T09:30:00 CST'],
    ['RFC 2822 style', 'Wed, 01 May 2024 09:30:00 GMT'],
    ['epoch milliseconds as a string', '1714527000000'],
    ['trailing garbage', '2024-05-01T09:30:00Zjunk'],
    ['leading garbage', 'x2024-05-01'],
  ])('rejects %s (%j)', (_label, value) => {
    expect(parseObservedAt(value)).toBeUndefined();
  });
});

describe('contentHash', () => {
  const payload = (): SourceRecordPayload => payloadOf(aRecord());

  it('is a 64-character lowercase hex string', () => {
    expect(contentHash(payload())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the SHA-256 of the canonical JSON', () => {
    const value = payload();
    expect(contentHash(value)).toBe(createHash('sha256').update(canonicalJson(value)).digest('hex'));
  });

  it('is deterministic for the same content', () => {
    expect(contentHash(payload())).toBe(contentHash(payload()));
  });

  it('is the same for the same content with a different key order, at every level', () => {
    const original = payload();
    const reordered = {
      subject: { relation: original.subject.relation, name: original.subject.name, role: original.subject.role },
      employer: { phone: original.employer?.phone, name: original.employer?.name },
      addresses: original.addresses.map((address) => ({ kind: address.kind, text: address.text })),
      phones: [...original.phones],
      borrower: { idNumber: original.borrower.idNumber, name: original.borrower.name, ref: original.borrower.ref },
      observedAt: original.observedAt,
      sourceRecordId: original.sourceRecordId,
    } as SourceRecordPayload;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(original));
    expect(contentHash(reordered)).toBe(contentHash(original));
  });

  it('is the same for raw records that differ only in key order, extra fields, empty optionals or observedAt spelling', () => {
    const base = contentHash(payloadOf(aRecord()));
    const variant = payloadOf({
      unknown: 'dropped',
      employer: { phone: '021-00000000', name: '样例科技有限公司' },
      addresses: [{ kind: 'home', text: '测试省测试市测试区样例路1号', note: 'dropped' }],
      phones: ['13800000000', '010-00000000'],
      subject: { relation: '配偶', name: '测试乙', role: 'contact', alias: '' },
      borrower: { idNumber: 'TESTID000000000001', name: '测试甲', ref: 'BRW-TEST-1001' },
      observedAt: '2024-05-01 01:30:00Z',
      sourceRecordId: 'SRC-TEST-0001',
    });
    expect(contentHash(variant)).toBe(base);
    expect(contentHash(payloadOf(aRecord({ observedAt: '2024-05-01 09:30:00' })))).toBe(base);
    expect(contentHash(payloadOf(aRecord({ observedAt: '2024-05-01T01:30:00.000Z' })))).toBe(base);
  });

  it('treats an absent optional the same as an undefined one', () => {
    const withUndefined = { ...payload(), employer: undefined };
    const without = omit(payload() as unknown as RawRecord, 'employer') as unknown as SourceRecordPayload;
    expect(contentHash(withUndefined)).toBe(contentHash(without));
  });

  const changes: [string, (value: SourceRecordPayload) => void][] = [
    ['sourceRecordId', (value) => (value.sourceRecordId = 'SRC-TEST-0009')],
    ['observedAt by one millisecond', (value) => (value.observedAt = '2024-05-01T01:30:00.001Z')],
    ['borrower.ref', (value) => (value.borrower.ref = 'BRW-TEST-1009')],
    ['borrower.name', (value) => (value.borrower.name = '测试丙')],
    ['borrower.idNumber removed', (value) => delete value.borrower.idNumber],
    ['subject.role', (value) => (value.subject.role = 'borrower')],
    ['subject.relation', (value) => (value.subject.relation = '父亲')],
    ['a phone digit', (value) => (value.phones[0] = '13800000001')],
    ['phone whitespace', (value) => (value.phones[0] = ' 13800000000')],
    ['phone order', (value) => value.phones.reverse()],
    ['a phone added', (value) => value.phones.push('13900000000')],
    ['a phone removed', (value) => value.phones.pop()],
    ['address text', (value) => (value.addresses[0].text = '测试省测试市测试区样例路2号')],
    ['address kind', (value) => (value.addresses[0].kind = 'work')],
    ['address kind removed', (value) => delete value.addresses[0].kind],
    ['employer removed', (value) => delete value.employer],
    ['employer phone', (value) => (value.employer = { name: '样例科技有限公司', phone: '021-00000001' })],
    ['a value moved to another key', (value) => (value.subject.name = value.borrower.name)],
  ];

  it.each(changes)('changes when %s changes', (_label, change) => {
    const original = payload();
    const changed = structuredClone(original);
    change(changed);
    expect(changed).not.toEqual(original);
    expect(contentHash(changed)).not.toBe(contentHash(original));
  });

  it('gives all the changed variants distinct hashes', () => {
    const hashes = changes.map(([, change]) => {
      const changed = payload();
      change(changed);
      return contentHash(changed);
    });
    expect(new Set([...hashes, contentHash(payload())]).size).toBe(changes.length + 1);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys recursively and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('produces the same string for objects that differ only in key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 'a', q: 'b' } })).toBe(canonicalJson({ y: { q: 'b', p: 'a' }, x: 1 }));
  });

  it('keeps array order', () => {
    expect(canonicalJson(['b', 'a', 'c'])).toBe('["b","a","c"]');
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('omits keys whose value is undefined but keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null, c: 1 })).toBe('{"b":null,"c":1}');
  });

  it('serialises primitives like JSON.stringify', () => {
    expect(canonicalJson('a"b\\c\n')).toBe(JSON.stringify('a"b\\c\n'));
    expect(canonicalJson(42)).toBe('42');
    expect(canonicalJson(-1.5)).toBe('-1.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('测试')).toBe('"测试"');
  });

  it('escapes keys', () => {
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
  });

  it('handles empty objects and arrays', () => {
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({ a: [], b: {} })).toBe('{"a":[],"b":{}}');
  });

  it('round-trips a payload through JSON.parse', () => {
    const value = payloadOf(aRecord());
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('distinguishes a string from a number and a nested value from a flat one', () => {
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ 'a.b': 1 }));
  });
});
