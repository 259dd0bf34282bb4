import { describe, expect, it } from 'vitest';
import { aLandlineWithExtension, anAddress, A_SERVICE_NUMBER, aSpacedMobile } from './normalisation.test-builders.js';
import { addressReport, normalisationReport, normaliseValues, phoneReport } from './normalisation-report.js';
import { prepareAddress, prepareRecord } from './record-preparation.js';

describe('normaliseValues', () => {
  it('reports a mobile, a landline with extension, a service number and garbage, in input order', () => {
    const { phones } = normaliseValues({ phones: [aSpacedMobile(1), aLandlineWithExtension(1), A_SERVICE_NUMBER, 'call me maybe'] });
    expect(phones.map((phone) => [phone.position, phone.usable])).toEqual([[0, true], [1, true], [2, true], [3, false]]);
    expect(phones[0]).toMatchObject({ e164: '+8613810000001', extension: null, kind: 'mobile', carrierGroup: 'china_mobile', key: '+8613810000001' });
    expect(phones[1]).toMatchObject({ e164: '+861062000001', extension: '123', kind: 'fixed_line', areaCode: '10', areaCodeFromContext: false, key: '+861062000001;ext=123' });
    expect(phones[2]).toMatchObject({ e164: '+8695588', kind: 'organisation' });
    expect(phones[3]).toMatchObject({ usable: false, code: 'invalid', reason: expect.any(String) });
  });

  it('gives one entry per number of a value holding two', () => {
    const { phones } = normaliseValues({ phones: ['13810000001/13810000002'] });
    expect(phones.map((phone) => [phone.position, phone.part, phone.usable && phone.e164])).toEqual([[0, 0, '+8613810000001'], [0, 1, '+8613810000002']]);
  });

  it('does not complete a loose landline from an address: there is no record around it', () => {
    const { phones } = normaliseValues({ phones: ['62345678'], addresses: [anAddress()] });
    expect(phones[0]).toMatchObject({ usable: false, code: 'incomplete' });
  });

  it('reports every part of a full address with GB/T 2260 codes and the dwelling key', () => {
    const [address] = normaliseValues({ addresses: [anAddress()] }).addresses;
    expect(address).toMatchObject({
      province: { code: '44', name: '广东省' },
      city: { code: '4403', name: '深圳市' },
      district: { code: '440305', name: '南山区' },
      road: '科技南十二路',
      roadNumber: '18',
      estate: '阳光花园',
      building: '3',
      unit: '2',
      room: '501',
      usable: true,
      key: '440305|community:阳光花园|building:3|unit:2|room:501',
      reason: null,
      unresolved: ['town', 'floor'],
    });
  });

  it('resolves the province of an address that leaves it out from its city', () => {
    const [address] = normaliseValues({ addresses: [anAddress({ province: undefined })] }).addresses;
    expect(address.province).toEqual({ code: '44', name: '广东省' });
    expect(address.key).toBe('440305|community:阳光花园|building:3|unit:2|room:501');
  });

  it('says why an address without a dwelling has no key, and what it could not find', () => {
    const [address] = normaliseValues({ addresses: ['广东省深圳市南山区科技南十二路18号'] }).addresses;
    expect(address).toMatchObject({ usable: false, key: null, reason: expect.stringContaining('too vague') });
    expect(address.unresolved).toEqual(['town', 'estate', 'building', 'unit', 'floor', 'room']);
  });
});

describe('normalisationReport', () => {
  it('reports a prepared record as the matcher stored it: a landline completed from the address, employer phones named', () => {
    const prepared = prepareRecord({
      sourceRecordId: 'r1',
      observedAt: '2026-05-01T10:00:00+08:00',
      borrower: { ref: 'B-1' },
      subject: { role: 'borrower' },
      phones: ['62345678'],
      addresses: [{ text: anAddress() }],
      employer: { name: '深圳市甲科技有限公司', phone: '4008001234' },
    });
    const report = normalisationReport(prepared);
    expect(report.phones).toEqual([phoneReport(prepared.phones[0]), phoneReport(prepared.phones[1])]);
    expect(report.phones[0]).toMatchObject({ field: 'phone', usable: true, e164: '+8675562345678', areaCodeFromContext: true });
    expect(report.phones[1]).toMatchObject({ field: 'employer_phone', kind: 'organisation' });
    expect(report.addresses).toEqual([addressReport(prepareAddress(anAddress()))]);
  });
});
