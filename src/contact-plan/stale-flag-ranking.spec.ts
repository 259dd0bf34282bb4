import { describe, expect, it } from 'vitest';
import { withStaleFlags } from './stale-flag-ranking.js';

const points = [{ id: 'application' }, { id: 'other' }, { id: 'recurring' }];

describe('withStaleFlags', () => {
  it('leaves the order alone without flags', () => {
    expect(withStaleFlags(points, []).map((point) => point.id)).toEqual(['application', 'other', 'recurring']);
  });

  it('shows the flags beside their point and ranks a flagged point right below its suggested replacement', () => {
    const ranked = withStaleFlags(points, [{ id: 'f1', contactPointId: 'application', type: 'contact_changed', suggestedReplacementId: 'recurring' }]);
    expect(ranked.map((point) => point.id)).toEqual(['other', 'recurring', 'application']);
    expect(ranked[2].staleFlags).toEqual([{ id: 'f1', type: 'contact_changed' }]);
    expect(ranked[0].staleFlags).toBeUndefined();
  });

  it('keeps the place of a flagged point already below its replacement, or whose replacement is not in the list', () => {
    expect(withStaleFlags(points, [{ id: 'f', contactPointId: 'recurring', type: 'contact_changed', suggestedReplacementId: 'application' }]).map((point) => point.id)).toEqual([
      'application',
      'other',
      'recurring',
    ]);
    expect(withStaleFlags(points, [{ id: 'f', contactPointId: 'application', type: 'not_seen_recently', suggestedReplacementId: 'elsewhere' }]).map((point) => point.id)).toEqual([
      'application',
      'other',
      'recurring',
    ]);
  });
});
