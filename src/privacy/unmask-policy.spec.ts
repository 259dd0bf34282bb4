import { describe, expect, it } from 'vitest';
import { DomainError } from '../common/domain-error.js';
import { meaningfulReason, unmaskReason } from './unmask-policy.js';

const operator = { id: 'operator:1', role: 'operator' as const };

describe('unmaskReason', () => {
  it('returns undefined when unmasking is not asked for', () => {
    expect(unmaskReason(operator, {})).toBeUndefined();
    expect(unmaskReason(operator, { unmask: 'false', reason: 'whatever' })).toBeUndefined();
  });

  it('lets an operator unmask with a reason that says something', () => {
    expect(unmaskReason(operator, { unmask: 'true', reason: '  case 123 call-back ' })).toBe('case 123 call-back');
    expect(unmaskReason(operator, { unmask: true, reason: '核实地址' })).toBe('核实地址');
  });

  it.each(['....', '    ', '\u200b\u200b\u200b\u200b\u200b', 'a\u200bb\u200bc', '!!!???', '--//', 'ab\u200c\u200d\ufeff.', undefined])(
    'rejects the empty or meaningless reason %j',
    (reason) => {
      expect(() => unmaskReason(operator, { unmask: 'true', reason })).toThrow(DomainError);
    },
  );

  it('refuses every role but operator', () => {
    expect(() => unmaskReason({ id: 'admin:1', role: 'admin' }, { unmask: 'true', reason: 'case 123' })).toThrow(/only an operator/);
  });

  it('drops format characters from the reason it returns', () => {
    expect(meaningfulReason('ca\u200bse 1')).toBe('case 1');
  });
});
