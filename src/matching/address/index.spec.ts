import { describe, expect, it } from 'vitest';
import * as addressModule from './index.js';
import { blockingKeys, closestCommunity, compareAddresses, dwellingKey, parseAddress } from './index.js';

describe('public API', () => {
  it('exports the documented functions', () => {
    for (const name of ['parseAddress', 'compareAddresses', 'dwellingKey', 'blockingKeys', 'closestCommunity']) {
      expect(typeof (addressModule as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('works end to end: parse, block, key, compare, match a typo', () => {
    const stored = parseAddress('广东省深圳市南山区粤海街道科技南十二路18号阳光花园3栋2单元501室');
    const incoming = parseAddress('深圳南山区阳光花圆小区3-2-501');
    expect(stored.province).toEqual({ code: '44', name: '广东省' });
    expect(stored.city).toEqual({ code: '4403', name: '深圳市' });
    expect(stored.district).toEqual({ code: '440305', name: '南山区' });
    expect(blockingKeys(stored)).toContain('440305|community:阳光花园|room:501');
    expect(blockingKeys(incoming)).toContain('440305|dwelling:3-2-501');
    expect(dwellingKey(incoming)).not.toBe(dwellingKey(stored));

    const comparison = compareAddresses(stored, incoming);
    expect(comparison.decision).toBe('uncertain');
    expect(comparison.fields.find((field) => field.field === 'community')).toEqual({
      field: 'community',
      left: '阳光花园',
      right: '阳光花圆',
      agreement: 'similar',
    });

    // A caller can repair the typo against the estates of the block, then compare again.
    const repaired = closestCommunity(incoming.community as string, ['碧桂园', '阳光花园', '万科城']);
    expect(repaired?.name).toBe('阳光花园');
    const corrected = { ...incoming, community: repaired?.name };
    expect(dwellingKey(corrected)).toBe(dwellingKey(stored));
    expect(compareAddresses(stored, corrected)).toMatchObject({ decision: 'same', score: 1 });
  });
});
