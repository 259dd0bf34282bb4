import { describe, expect, it } from 'vitest';
import { timeOfOrderedId, timeOrderedId } from './time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a version 7, RFC 9562 variant UUID', () => {
    for (let index = 0; index < 1000; index += 1) expect(timeOrderedId()).toMatch(UUID_V7);
  });

  it('carries the millisecond it was made in', () => {
    const at = Date.now() + 10_000;
    expect(timeOfOrderedId(timeOrderedId(at))).toBe(at);
  });

  it('sorts in the order ids were made, also within one millisecond and past 4,096 of them', () => {
    const now = Date.now() + 60_000; // ahead of the ids above: the order is per process
    const ids = Array.from({ length: 10_000 }, () => timeOrderedId(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps order when the clock steps back', () => {
    const first = timeOrderedId(Date.now() + 120_000);
    const second = timeOrderedId(Date.now());
    expect(second > first).toBe(true);
  });

  it('makes distinct ids', () => {
    const ids = new Set(Array.from({ length: 50_000 }, () => timeOrderedId()));
    expect(ids.size).toBe(50_000);
  });
});
