import { describe, expect, it } from 'vitest';
import { intoRounds } from './ingest-rounds.js';

const record = (id: string, hash: string, index: number) => ({
  index,
  hash,
  observedAt: new Date(0),
  payload: { sourceRecordId: id } as never,
});

describe('intoRounds', () => {
  it('puts distinct ids in one round', () => {
    const rounds = intoRounds([record('a', 'h1', 0), record('b', 'h2', 1)]);
    expect(rounds.map((round) => round.map((entry) => entry.index))).toEqual([[0, 1]]);
  });

  it('drops an identical repeat and puts a changed repeat in a later round, in batch order', () => {
    const rounds = intoRounds([record('a', 'h1', 0), record('a', 'h1', 1), record('a', 'h2', 2), record('b', 'h3', 3), record('a', 'h3', 4)]);
    expect(rounds.map((round) => round.map((entry) => entry.index))).toEqual([[0, 3], [2], [4]]);
  });

  it('lets the last occurrence win when content changes back within a batch', () => {
    const rounds = intoRounds([record('a', 'h1', 0), record('a', 'h2', 1), record('a', 'h1', 2)]);
    expect(rounds.map((round) => round.map((entry) => entry.index))).toEqual([[0], [1], [2]]);
  });
});
