import { describe, expect, it } from 'vitest';
import type { SourceRecordPayload } from '../records/source-record.js';
import { collectContactPoints, storedNamesStreet } from './contact-point-rows.js';
import { prepareRecord } from './record-preparation.js';

function aRecord(addresses: string[]): { prepared: ReturnType<typeof prepareRecord>; observedAt: Date } {
  const payload: SourceRecordPayload = {
    sourceRecordId: 'r-1',
    observedAt: '2026-05-01T02:00:00.000Z',
    borrower: { ref: 'B-1' },
    subject: { role: 'borrower' },
    phones: [],
    addresses: addresses.map((text) => ({ text })),
  };
  return { prepared: prepareRecord(payload), observedAt: new Date('2026-05-01T02:00:00Z') };
}

describe('collectContactPoints', () => {
  it('keeps the writing of a flat that names its street address, with the blocks it adds', () => {
    const points = [...collectContactPoints([aRecord(['杭州市西湖区锦绣家园5幢1单元302', '杭州市西湖区文三路88号锦绣家园5栋1单元302室'])]).values()];
    expect(points).toHaveLength(1);
    expect(storedNamesStreet(points[0].address)).toBe(true);
    expect(JSON.parse(points[0].address as string)).toMatchObject({ road: '文三路', roadNumber: '88', community: '锦绣家园' });
    expect(points[0].blockKeys).toEqual(expect.arrayContaining(['330106|road:文三路#88|room:302', '330106|community:锦绣家园|room:302']));
  });

  it('keeps the first writing when neither or both name the street address', () => {
    const [point] = [...collectContactPoints([aRecord(['杭州市西湖区文三路88号锦绣家园5幢1单元302', '杭州市西湖区锦绣家园5栋1单元302室'])]).values()];
    expect(JSON.parse(point.address as string)).toMatchObject({ road: '文三路', roadNumber: '88', building: '5' });
    expect(storedNamesStreet(null)).toBe(false);
  });
});
