import { describe, expect, it } from 'vitest';
import { comparePersons, type PersonSummary } from './person-comparison.js';

function aContact(overrides: Partial<PersonSummary> = {}): PersonSummary {
  return { id: 'left', normalizedName: '罗娟怡', relation: 'colleague', phones: ['+8613800000001'], ...overrides };
}

describe('comparePersons', () => {
  const colleague = aContact();
  const friend = aContact({ id: 'right', relation: 'friend', phones: ['+8613800000002'] });

  it('merges the same name under compatible relations when no listing names both', () => {
    expect(comparePersons(colleague, friend).decision).toBe('same');
  });

  it('asks an operator when one listing names both, under different relations, each with their own mobile', () => {
    const comparison = comparePersons(colleague, friend, true);
    expect(comparison.decision).toBe('uncertain');
    expect(comparison.score).toBeGreaterThanOrEqual(0.5);
    expect(comparison.fields.find((field) => field.field === 'relation')?.agreement).toBe('similar');
  });

  it('still merges contacts listed together that share a mobile or give one relation', () => {
    expect(comparePersons(colleague, aContact({ id: 'right', relation: 'friend', phones: ['+8613800000001'] }), true).decision).toBe('same');
    expect(comparePersons(colleague, aContact({ id: 'right', phones: ['+8613800000002'] }), true).decision).toBe('same');
  });

  it('still merges a listing pair when one side has no mobile', () => {
    expect(comparePersons(colleague, aContact({ id: 'right', relation: 'friend', phones: [] }), true).decision).toBe('same');
  });

  it('keeps contradicting relations apart from the listing question: spouse and friend of one name are an operator’s call', () => {
    expect(comparePersons(aContact({ relation: 'spouse' }), friend, true).decision).toBe('uncertain');
    expect(comparePersons(aContact({ relation: 'spouse', normalizedName: '王芳' }), friend).decision).toBe('different');
  });
});
