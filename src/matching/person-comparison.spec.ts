import { describe, expect, it } from 'vitest';
import { comparePersons, type PersonSummary } from './person-comparison.js';

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
