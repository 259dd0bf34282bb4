import { describe, expect, it } from 'vitest';
import { pointIdsOf, presentActions, presentPoint } from './flag-presentation.js';

const phone = { id: 'p1', kind: 'phone' as const, e164: '+8613812345678', extension: null, address: null };
const address = { id: 'a1', kind: 'address' as const, e164: null, extension: null, address: { province: { name: '广东省' }, city: { name: '深圳市' }, district: { name: '南山区' }, room: '501' } };

describe('flag presentation', () => {
  it('masks points unless unmasked', () => {
    expect(presentPoint(phone, false)).toEqual({ id: 'p1', kind: 'phone', masked: '138****5678' });
    expect(presentPoint(phone, true)).toMatchObject({ masked: '138****5678', e164: '+8613812345678' });
    expect(presentPoint(address, false)).toEqual({ id: 'a1', kind: 'address', masked: '广东省深圳市南山区****' });
    expect(presentPoint(address, true).address).toMatchObject({ room: '501' });
  });

  it('names every point of a flag and shows them in its actions', () => {
    const actions = [{ action: 'verify_replacement', contactPointId: 'p1', why: 'w' }, { action: 'ask_contacts', contacts: 2, why: 'w' }];
    expect(pointIdsOf({ contactPointId: 'a1', suggestedReplacementId: 'p1', suggestedActions: actions })).toEqual(['a1', 'p1', 'p1']);
    const points = new Map([['p1', presentPoint(phone, false)]]);
    expect(presentActions(actions, points)).toEqual([{ ...actions[0], contactPoint: { id: 'p1', kind: 'phone', masked: '138****5678' } }, actions[1]]);
  });
});
