import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { MOBILE_PREFIX_CARRIER_GROUPS, carrierGroupForMobile } from './carrier-prefixes.js';

describe('mobile carrier prefixes', () => {
  it('agrees with libphonenumber except on ranges its metadata does not have yet', () => {
    const disagreements: string[] = [];
    for (let prefix = 100; prefix < 200; prefix++) {
      const number = `${prefix}12345678`;
      const group = carrierGroupForMobile(number);
      const ours = group !== undefined && group !== 'iot';
      const theirs = parsePhoneNumberFromString(`+86${number}`)?.getType() === 'MOBILE';
      if (ours !== theirs) disagreements.push(String(prefix));
    }
    expect(disagreements).toEqual(['146', '148', '149', '174']);
  });

  it('splits 134 between China Mobile (1340-1348) and China Telecom (1349)', () => {
    for (let fourth = 0; fourth <= 8; fourth++) expect(carrierGroupForMobile(`134${fourth}1234567`)).toBe('china_mobile');
    expect(carrierGroupForMobile('13491234567')).toBe('china_telecom');
  });

  it('marks 140-144 as IoT and leaves unallocated blocks out', () => {
    for (const prefix of ['140', '141', '142', '143', '144']) expect(carrierGroupForMobile(`${prefix}12345678`)).toBe('iot');
    for (const prefix of ['100', '110', '120', '154', '160', '168', '179', '194']) {
      expect(carrierGroupForMobile(`${prefix}12345678`)).toBeUndefined();
    }
  });

  it('only has 3-digit blocks and 4-digit exceptions inside 13x-19x', () => {
    for (const prefix of Object.keys(MOBILE_PREFIX_CARRIER_GROUPS)) expect(prefix).toMatch(/^1[3-9]\d\d?$/);
  });

  it('reads nothing from strings that are not national mobile numbers', () => {
    for (const text of ['', '1', '138', '238123456', '1a8123456', '13 8123456', '\u0031\u0033\u0038']) {
      expect(carrierGroupForMobile(text)).toBeUndefined();
    }
  });
});
