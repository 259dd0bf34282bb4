import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLandlineWithExtension, anAddress, A_SERVICE_NUMBER, aSpacedMobile } from '../src/matching/normalisation.test-builders.js';
import { aMobile } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

// Issue 12, "Preview before a run": POST /v1/normalise answers what the matcher makes of loose values.

let test: TestApplication;

beforeAll(async () => {
  test = await createTestApplication();
});
afterAll(() => test?.close());

const normalise = (body: unknown, role: 'platform' | 'operator' | 'admin' | 'auditor' = 'platform') =>
  request(test.http).post('/v1/normalise').set('Authorization', bearer(role)).send(body as object);

describe('POST /v1/normalise', () => {
  it("answers each phone with the matcher's E.164, extension and kind, or why it is unusable", async () => {
    const response = await normalise({ phones: [aSpacedMobile(7), aLandlineWithExtension(7, '8021'), A_SERVICE_NUMBER, 'call me maybe'] });
    expect(response.status).toBe(200);
    expect(response.body.addresses).toEqual([]);
    expect(response.body.phones).toEqual([
      { field: 'phone', position: 0, part: 0, usable: true, e164: '+8613810000007', extension: null, kind: 'mobile', carrierGroup: 'china_mobile', areaCode: null, areaCodeFromContext: false, key: '+8613810000007' },
      { field: 'phone', position: 1, part: 0, usable: true, e164: '+861062000007', extension: '8021', kind: 'fixed_line', carrierGroup: null, areaCode: '10', areaCodeFromContext: false, key: '+861062000007;ext=8021' },
      { field: 'phone', position: 2, part: 0, usable: true, e164: '+8695588', extension: null, kind: 'organisation', carrierGroup: null, areaCode: null, areaCodeFromContext: false, key: '+8695588' },
      { field: 'phone', position: 3, part: 0, usable: false, code: 'invalid', reason: expect.stringContaining('no digits') },
    ]);
  });

  it('answers each address with divisions and their codes, road, estate, building, unit and room, or what it could not resolve', async () => {
    const response = await normalise({ addresses: [anAddress(), anAddress({ province: undefined, room: 702 }), '随便写的一些字'] }, 'operator');
    expect(response.status).toBe(200);
    const [full, noProvince, garbage] = response.body.addresses;
    expect(full).toMatchObject({
      position: 0,
      province: { code: '44', name: '广东省' },
      city: { code: '4403', name: '深圳市' },
      district: { code: '440305', name: '南山区' },
      road: '科技南十二路',
      roadNumber: '18',
      estate: '阳光花园',
      building: '3',
      unit: '2',
      room: '501',
      pickupPoint: false,
      usable: true,
      key: '440305|community:阳光花园|building:3|unit:2|room:501',
      reason: null,
      unresolved: ['town', 'floor'],
    });
    // The province comes from the city, as the matcher reads it.
    expect(noProvince).toMatchObject({ position: 1, province: { code: '44', name: '广东省' }, room: '702', key: '440305|community:阳光花园|building:3|unit:2|room:702' });
    expect(garbage).toMatchObject({ position: 2, province: null, city: null, district: null, usable: false, key: null, reason: expect.stringContaining('too vague') });
    expect(garbage.unresolved).toEqual(expect.arrayContaining(['province', 'city', 'district', 'road', 'roadNumber', 'room']));
  });

  it('is open to platform, operator and admin, not to the auditor', async () => {
    const body = { phones: [aMobile(1)] };
    for (const role of ['platform', 'operator', 'admin'] as const) expect((await normalise(body, role)).status).toBe(200);
    expect((await normalise(body, 'auditor')).status).toBe(403);
    expect((await request(test.http).post('/v1/normalise').send(body)).status).toBe(401);
  });

  it('takes at most 1,000 values, phones and addresses together', async () => {
    const phones = Array.from({ length: 600 }, (_, index) => aMobile(index));
    const addresses = Array.from({ length: 400 }, (_, index) => anAddress({ room: 100 + index }));
    const atCap = await normalise({ phones, addresses });
    expect(atCap.status).toBe(200);
    expect(atCap.body.phones).toHaveLength(600);
    expect(atCap.body.addresses).toHaveLength(400);
    const over = await normalise({ phones, addresses: [...addresses, anAddress()] });
    expect(over.status).toBe(400);
    expect(over.body.message).toEqual(['body: has 1001 values, at most 1000 (phones and addresses together) allowed']);
    const overOneList = await normalise({ phones: Array.from({ length: 1001 }, (_, index) => aMobile(index)) });
    expect(overOneList.status).toBe(400);
    expect(overOneList.body.message).toContain('phones: has 1001 entries, at most 1000 allowed');
  });

  it('refuses a value longer than a source record may hold, or text that is not storable, naming the field', async () => {
    const longPhone = await normalise({ phones: [aMobile(1), '1'.repeat(65)] });
    expect(longPhone.status).toBe(400);
    expect(longPhone.body.message).toEqual(['phones[1]: is 65 characters, at most 64 allowed']);
    const longAddress = await normalise({ addresses: ['地'.repeat(501)] });
    expect(longAddress.body.message).toEqual(['addresses[0]: is 501 characters, at most 500 allowed']);
    const nul = await request(test.http)
      .post('/v1/normalise')
      .set('Authorization', bearer('platform'))
      .set('Content-Type', 'application/json')
      .send('{"addresses":["北京市\\u0000海淀区"]}');
    expect(nul.status).toBe(400);
    expect(nul.body.message).toEqual(['addresses[0]: contains a NUL character']);
    const wrong = await normalise({ phones: [138], extra: true });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toEqual(expect.arrayContaining(['phones[0]: must be a string, got a number', 'extra: is not an accepted field']));
  });
});
