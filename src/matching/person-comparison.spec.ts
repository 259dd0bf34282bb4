import { describe, expect, it } from 'vitest';
import { comparePersons, namesakeNames, type PersonSummary } from './person-comparison.js';

function aContact(overrides: Partial<PersonSummary> = {}): PersonSummary {
  return { id: 'left', normalizedName: '罗娟怡', relation: 'colleague', phones: ['+8613800000001'], ...overrides };
}

describe('comparePersons', () => {
  const colleague = aContact();
  const friend = aContact({ id: 'right', relation: 'friend', phones: ['+8613800000002'] });

  it('asks an operator about one name under two specific relations without a shared mobile: namesakes as likely as one person', () => {
    const comparison = comparePersons(colleague, friend);
    expect(comparison.decision).toBe('uncertain');
    expect(comparison.score).toBeGreaterThanOrEqual(0.5);
    expect(comparison.fields.find((field) => field.field === 'relation')?.agreement).toBe('similar');
  });

  it('merges the same name that shares a mobile, gives one relation, or a vague one', () => {
    expect(comparePersons(colleague, aContact({ id: 'right', relation: 'friend', phones: ['+8613800000001'] })).decision).toBe('same');
    expect(comparePersons(colleague, aContact({ id: 'right', phones: ['+8613800000002'] })).decision).toBe('same');
    expect(comparePersons(colleague, aContact({ id: 'right', relation: 'other', phones: ['+8613800000002'] })).decision).toBe('same');
    expect(comparePersons(aContact({ relation: 'spouse' }), aContact({ id: 'right', relation: 'relative', phones: [] })).decision).toBe('same');
  });

  it('asks about 朋友 and 同事 of one name even when only one has a mobile', () => {
    expect(comparePersons(colleague, aContact({ id: 'right', relation: 'friend', phones: [] })).decision).toBe('uncertain');
  });

  it('leaves contradicting relations to an operator and different names apart', () => {
    expect(comparePersons(aContact({ relation: 'spouse' }), friend).decision).toBe('uncertain');
    expect(comparePersons(aContact({ relation: 'spouse', normalizedName: '王芳' }), friend).decision).toBe('different');
  });
});

describe('namesakeNames', () => {
  const colleague = aContact();
  const friend = aContact({ id: 'right', relation: 'friend', phones: ['+8613800000002'] });
  const vague = aContact({ id: 'third', relation: 'other', phones: ['+8613800000003'] });

  it('names a name two contacts of one borrower may be namesakes under', () => {
    expect(namesakeNames([colleague, friend, vague])).toEqual(new Set(['罗娟怡']));
    expect(namesakeNames([colleague, vague])).toEqual(new Set());
    expect(namesakeNames([colleague, aContact({ id: 'right', relation: 'friend' })])).toEqual(new Set());
  });

  it('keeps a vague contact of that name from merging with either: the name tells no one apart', () => {
    expect(comparePersons(colleague, vague).decision).toBe('same');
    expect(comparePersons(colleague, vague, true).decision).toBe('uncertain');
    expect(comparePersons(colleague, aContact({ id: 'third', relation: 'other' }), true).decision).toBe('same');
  });
});
