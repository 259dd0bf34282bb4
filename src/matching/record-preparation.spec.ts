import { describe, expect, it } from 'vitest';
import type { SourceRecordPayload } from '../records/source-record.js';
import { phoneKey, prepareRecord } from './record-preparation.js';

function aPayload(overrides: Partial<SourceRecordPayload> = {}): SourceRecordPayload {
  return {
    sourceRecordId: 'r-1',
    observedAt: '2026-05-01T02:00:00.000Z',
    borrower: { ref: 'B-1', name: '张三' },
    subject: { role: 'borrower' },
    phones: [],
    addresses: [],
    ...overrides,
  };
}

describe('prepareRecord', () => {
  it('makes the borrower subject the self person, named from the borrower', () => {
    const prepared = prepareRecord(aPayload({ phones: ['13812345678'] }));
    expect(prepared.subject).toMatchObject({ role: 'borrower', relation: 'self', name: '张三', normalizedName: '张三', phones: ['+8613812345678'] });
    expect(prepared.subject.relationLabel).toBeUndefined();
  });

  it('maps a contact relation label and keeps it verbatim', () => {
    const prepared = prepareRecord(aPayload({ subject: { role: 'contact', name: '李 四', relation: '老婆' } }));
    expect(prepared.subject).toMatchObject({ relation: 'spouse', relationLabel: '老婆', normalizedName: '李四' });
  });

  it('keeps an unknown label as other with the label', () => {
    expect(prepareRecord(aPayload({ subject: { role: 'contact', relation: '干爹' } })).subject).toMatchObject({ relation: 'other', relationLabel: '干爹' });
  });

  it('splits a field holding two numbers into parts of one position', () => {
    const prepared = prepareRecord(aPayload({ phones: ['13812345678/13987654321', '无'] }));
    expect(prepared.phones.map((phone) => [phone.position, phone.part, phone.key])).toEqual([
      [0, 0, '+8613812345678'],
      [0, 1, '+8613987654321'],
      [1, 0, undefined],
    ]);
  });

  it('keeps extensions in the key and organisation lines out of the person phones', () => {
    const prepared = prepareRecord(aPayload({ phones: ['010-62345678转123', '95588'] }));
    expect(prepared.phones.map((phone) => phone.key)).toEqual([phoneKey('+861062345678', '123'), '+8695588']);
    // A landline is shared by a household: it never identifies a person.
    expect(prepared.subject.phones).toEqual([]);
  });

  it('gives a landline without area code the area code of the record city', () => {
    const withCity = prepareRecord(aPayload({ phones: ['62345678'], addresses: [{ text: '北京市海淀区中关村大街27号' }] }));
    expect(withCity.phones[0].key).toBe('+861062345678');
    const withoutCity = prepareRecord(aPayload({ phones: ['62345678'] }));
    expect(withoutCity.phones[0].key).toBeUndefined();
    expect(withoutCity.phones[0].result).toMatchObject({ usable: false, code: 'incomplete' });
  });

  it('keys precise addresses and explains vague ones', () => {
    const prepared = prepareRecord(aPayload({ addresses: [{ text: '广东省深圳市南山区阳光花园3栋2单元501室' }, { text: '深圳市' }] }));
    expect(prepared.addresses[0].key).toEqual(expect.any(String));
    expect(prepared.addresses[1]).toMatchObject({ key: undefined, error: expect.stringMatching(/too vague/) });
  });

  it('prepares the employer as an organisation mention with its switchboard', () => {
    const prepared = prepareRecord(aPayload({ employer: { name: '深圳某某科技有限公司', phone: '0755-86001234' } }));
    expect(prepared.employer).toMatchObject({ role: 'employer', relation: 'employer', normalizedName: '深圳某某科技有限公司', phones: ['+867558600' + '1234'] });
    expect(prepared.phones.at(-1)).toMatchObject({ field: 'employer_phone', position: 0 });
  });
});
