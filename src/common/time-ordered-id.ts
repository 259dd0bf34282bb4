import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8 * 1024;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;
let lastMillisecond = -1;
let sequence = 0;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit sequence that keeps ids
 * made in the same millisecond by this process in order, then 62 random bits. Rows inserted
 * together land next to each other in primary-key and reference indexes, instead of on random
 * pages of ever larger indexes as with random (version 4) UUIDs.
 */
export function timeOrderedId(now: number = Date.now()): string {
  if (now > lastMillisecond) {
    lastMillisecond = now;
    sequence = randomByte() & 0x3f; // a random start leaves room to count up within the millisecond
  } else if (++sequence > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next one, the order stays strict.
    lastMillisecond += 1;
    sequence = 0;
  }
  if (poolOffset + 8 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const time = lastMillisecond;
  const high = Math.floor(time / 0x10000);
  const low = time % 0x10000;
  const bytes = [
    (high >>> 24) & 0xff,
    (high >>> 16) & 0xff,
    (high >>> 8) & 0xff,
    high & 0xff,
    (low >>> 8) & 0xff,
    low & 0xff,
    0x70 | (sequence >>> 8),
    sequence & 0xff,
    0x80 | (pool[poolOffset] & 0x3f),
    pool[poolOffset + 1],
    pool[poolOffset + 2],
    pool[poolOffset + 3],
    pool[poolOffset + 4],
    pool[poolOffset + 5],
    pool[poolOffset + 6],
    pool[poolOffset + 7],
  ];
  poolOffset += 8;
  const hex = bytes.map((byte) => HEX[byte]);
  return `${hex.slice(0, 4).join('')}-${hex.slice(4, 6).join('')}-${hex.slice(6, 8).join('')}-${hex.slice(8, 10).join('')}-${hex.slice(10).join('')}`;
}

function randomByte(): number {
  if (poolOffset >= POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++];
}

/** The millisecond a version 7 id was made in. */
export function timeOfOrderedId(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
