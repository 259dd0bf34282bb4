import { describe, expect, it } from 'vitest';
import { newestSightings } from './suggestion-sightings.js';

describe('newestSightings', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 10, day));

  it('keeps one sighting per source record, the newest, newest first', () => {
    const sightings = newestSightings([
      { sourceKey: 'crm', sourceRecordId: 'r1', observedAt: at(1) },
      { sourceKey: 'crm', sourceRecordId: 'r1', observedAt: at(5).toISOString() },
      { sourceKey: 'logistics', sourceRecordId: 'r1', observedAt: at(3) },
      { sourceKey: 'crm', sourceRecordId: 'r2', observedAt: at(2) },
    ]);
    expect(sightings).toEqual([
      { source: 'crm', sourceRecordId: 'r1', observedAt: at(5) },
      { source: 'logistics', sourceRecordId: 'r1', observedAt: at(3) },
      { source: 'crm', sourceRecordId: 'r2', observedAt: at(2) },
    ]);
  });

  it('shows at most the limit, and orders ties by source and record so the answer is stable', () => {
    const rows = ['b', 'a', 'c'].map((id) => ({ sourceKey: 'crm', sourceRecordId: id, observedAt: at(1) }));
    expect(newestSightings(rows, 2).map((sighting) => sighting.sourceRecordId)).toEqual(['a', 'b']);
    expect(newestSightings([], 2)).toEqual([]);
  });
});
