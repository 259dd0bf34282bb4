import { describe, expect, it } from 'vitest';
import { leavesGraph } from './graph-boundary.js';

describe('leavesGraph', () => {
  it('takes switchboards and parcel lockers out of the graph, nothing else', () => {
    expect(leavesGraph({ subtype: 'organisation' })).toBe(true);
    expect(leavesGraph({ subtype: 'pickup_point' })).toBe(true);
    expect(leavesGraph({ subtype: 'mobile' })).toBe(false);
    expect(leavesGraph({ subtype: null })).toBe(false);
  });
});
