import { describe, expect, it } from 'vitest';
import { ownContactPointIds } from './own-contact-points.js';

describe('ownContactPointIds', () => {
  const personPoints = [
    { personId: 'self', contactPointId: 'mine' },
    { personId: 'friend', contactPointId: 'theirs' },
    { personId: 'self', contactPointId: 'shared' },
    { personId: 'friend', contactPointId: 'shared' },
  ];

  it("holds the borrower's person's points, even one a third party holds too", () => {
    expect(ownContactPointIds('self', personPoints, [])).toEqual(['mine', 'shared']);
  });

  it('adds points called for the borrower that no third party holds, after the self points', () => {
    const attempts = [{ contactPointId: 'called' }, { contactPointId: 'theirs' }, { contactPointId: 'asked', contactedPersonId: 'friend' }];
    expect(ownContactPointIds('self', personPoints, attempts)).toEqual(['mine', 'shared', 'called']);
  });

  it('without a self person, only the called points', () => {
    expect(ownContactPointIds(undefined, personPoints, [{ contactPointId: 'called' }, { contactPointId: 'mine' }])).toEqual(['called']);
  });
});
