import { describe, expect, it } from 'vitest';
import { aSourceRecord } from '../../test/support/record-factory.js';
import { canonicalRelation } from '../matching/person/relation.js';
import { maskPhoneOrWhole } from '../privacy/masking.js';
import { maskRawAddress, maskSourceRecordPayload } from './source-record-masking.js';

// All data below is synthetic.

const FULL_RECORD = aSourceRecord({
  sourceRecordId: 'mask-1',
  borrower: { ref: 'MASK-B1', name: '张三', idNumber: '110101199003071234' },
  subject: { role: 'contact', name: '王小明', relation: '配偶' },
  phones: ['138-1234-5678', '010-62345678转123', '138****5678', '无'],
  addresses: [
    { text: '广东省深圳市南山区科技南十二路18号阳光花园3栋2单元501室', kind: 'home' },
    { text: '北京市海淀区中关村大街27号', kind: 'work' },
  ],
  employer: { name: '样例科技有限公司', phone: '13987654321' },
});

describe('maskSourceRecordPayload', () => {
  it('masks every personal value and keeps the rest as stored', () => {
    expect(maskSourceRecordPayload(FULL_RECORD)).toEqual({
      sourceRecordId: 'mask-1',
      observedAt: FULL_RECORD.observedAt,
      borrower: { ref: 'MASK-B1', name: '张*', idNumber: '110101********1234' },
      subject: { role: 'contact', name: '王*明', relation: 'spouse' },
      phones: ['138****5678', '010****5678-***', '****678', '****'],
      addresses: [
        { text: '广东省深圳市南山区****', kind: 'home' },
        { text: '北京市海淀区****', kind: 'work' },
      ],
      // A shop's name can carry its owner's: masked like any name, as the contact plan does.
      employer: { name: '样******司', phone: '139****4321' },
    });
  });

  it('leaves no full number, full name or street in the answer', () => {
    const json = JSON.stringify(maskSourceRecordPayload(FULL_RECORD));
    expect(json).not.toMatch(/1[3-9]\d{9}/);
    for (const secret of ['张三', '王小明', '19900307', '1234567', '62345', '87654', '科技南', '阳光花园', '中关村']) expect(json).not.toContain(secret);
  });

  it('omits what the record does not have, and does not change the stored payload', () => {
    const bare = aSourceRecord({ borrower: { ref: 'MASK-B2', name: undefined }, subject: { role: 'borrower' }, phones: [], addresses: [] });
    const copy = structuredClone(bare);
    expect(maskSourceRecordPayload(bare)).toEqual({
      sourceRecordId: bare.sourceRecordId,
      observedAt: bare.observedAt,
      borrower: { ref: 'MASK-B2' },
      subject: { role: 'borrower' },
      phones: [],
      addresses: [],
    });
    expect(maskSourceRecordPayload(aSourceRecord({ employer: { name: '样例物业' } })).employer).toEqual({ name: '样**业' });
    maskSourceRecordPayload(FULL_RECORD);
    expect(bare).toEqual(copy);
  });

  it('gives a relation by its canonical name: a free-text label can carry a number', () => {
    const labelled = aSourceRecord({ subject: { role: 'contact', name: '李四', relation: '朋友 13812345678' } });
    expect(maskSourceRecordPayload(labelled).subject.relation).toBe(canonicalRelation('朋友 13812345678').relation);
    expect(JSON.stringify(maskSourceRecordPayload(labelled))).not.toContain('13812345678');
  });

  it('drops fields it does not know how to mask', () => {
    const withExtra = { ...aSourceRecord(), note: '联系人 13812345678' } as ReturnType<typeof aSourceRecord>;
    expect(maskSourceRecordPayload(withExtra)).not.toHaveProperty('note');
  });
});

describe('maskPhoneOrWhole', () => {
  it.each([
    ['手机:139-8888-7777', '139****7777'],
    ['+86 138 1234 5678', '138****5678'],
    ['62345678', '****5678'],
    // Two numbers in one field: one run of digits, only the last four shown.
    ['13812345678/13987654321', `${'*'.repeat(18)}4321`],
    ['95588', '95588'],
    ['暂无', '****'],
  ])('%j -> %j', (raw, masked) => {
    expect(maskPhoneOrWhole(raw)).toBe(masked);
  });
});

describe('maskRawAddress', () => {
  it('keeps the divisions up to the district and nothing after', () => {
    expect(maskRawAddress('深圳南山区阳光花圆小区3-2-501')).toBe('广东省深圳市南山区****');
  });

  it('fully masks an address without a recognisable division', () => {
    expect(maskRawAddress('阳光花园3栋2单元501室')).toBe('****');
  });
});
