import { describe, expect, it } from 'vitest';
import {
  CANONICAL_RELATIONS,
  type CanonicalRelation,
  canonicalRelation,
  type RelationGroup,
  relationGroup,
  relationsCompatible,
  SELF_LABEL,
} from './relation.js';

const EXPECTED_LABELS: Readonly<Record<Exclude<CanonicalRelation, 'other'>, readonly string[]>> = {
  spouse: ['wife', 'husband', '配偶', '老婆', '妻子', '爱人', '丈夫', '老公', '媳妇', '夫妻', '太太', '伴侣'],
  parent: [
    'mother', 'father', 'mom', 'dad', 'Parents', 'mother-in-law', 'Father In Law',
    '父亲', '母亲', '爸爸', '妈妈', '父母', '爸', '妈', '岳父', '岳母', '公公', '婆婆',
  ],
  child: ['son', 'daughter', 'Children', 'kid', '儿子', '女儿', '子女', '孩子'],
  sibling: [
    'brother', 'sister', 'siblings', 'Elder_Brother',
    '哥哥', '姐姐', '弟弟', '妹妹', '兄弟', '姐妹', '兄妹', '姐弟', '兄弟姐妹',
  ],
  relative: [
    'cousin', 'uncle', 'aunt', 'relatives', 'grandma', 'nephew', 'son-in-law', 'family member',
    '表哥', '表姐', '表弟', '表妹', '堂哥', '堂兄', '堂姐', '叔叔', '阿姨', '舅舅', '姑姑', '姨妈', '伯伯',
    '爷爷', '奶奶', '外公', '外婆', '侄子', '外甥', '亲戚', '亲属', '家属', '女婿', '儿媳', '嫂子',
  ],
  friend: ['friends', 'Best Friend', 'girlfriend', '朋友', '好友', '同乡', '老乡', '女朋友', '闺蜜'],
  colleague: ['co-worker', 'coworker', 'Co Worker', 'co_worker', 'colleagues', 'supervisor', '同事', '领导', '上司'],
  classmate: ['classmates', 'SCHOOLMATE', '同学', '校友'],
  employer: ['company', 'boss', 'HR', '单位', '公司', '工作单位', '雇主', '老板', '人事'],
  property_office: [
    'property management', 'Property-Management', 'landlord', 'property manager', 'village committee',
    '物业', '物业公司', '居委会', '村委会', '社区', '房东',
  ],
  neighbour: ['neighbor', 'Neighbours', 'neighbors', '邻居', '隔壁'],
};

describe('canonicalRelation', () => {
  for (const [relation, labels] of Object.entries(EXPECTED_LABELS)) {
    it.each(labels)(`maps %s to ${relation} and keeps the original label`, (label) => {
      expect(canonicalRelation(label)).toStrictEqual({ relation, verbatim: label, known: true });
    });
  }

  it.each(CANONICAL_RELATIONS.filter((relation) => relation !== 'other'))(
    'returns canonical English value %s without verbatim',
    (relation) => {
      expect(canonicalRelation(relation)).toStrictEqual({ relation, known: true });
    },
  );

  it.each([
    ['SPOUSE', 'spouse'],
    ['Spouse', 'spouse'],
    ['Relative', 'relative'],
    ['property office', 'property_office'],
    ['Neighbour', 'neighbour'],
    [' Property Office ', 'property_office'],
    ['property-office', 'property_office'],
    ['ＰＡＲＥＮＴ', 'parent'],
  ] as const)('treats %s as the canonical value %s (nothing lost, so no verbatim)', (label, relation) => {
    expect(canonicalRelation(label)).toStrictEqual({ relation, known: true });
  });

  it("returns 'other' without verbatim and not known for the canonical 'other'", () => {
    expect(canonicalRelation('other')).toStrictEqual({ relation: 'other', known: false });
    expect(canonicalRelation('Other')).toStrictEqual({ relation: 'other', known: false });
  });

  it.each([undefined, null, '', '   ', '\u3000'])('returns unknown other for empty input %j', (label) => {
    expect(canonicalRelation(label)).toStrictEqual({ relation: 'other', known: false });
  });

  it.each(['本人', 'self', 'Self', 'myself', '（本人）', '本人 ', '借款人', '本人电话', '自己'])(
    'reports %s as self: other, not known, verbatim 本人',
    (label) => {
      expect(canonicalRelation(label)).toStrictEqual({ relation: 'other', verbatim: SELF_LABEL, known: false });
    },
  );

  it('exposes the self marker as 本人', () => {
    expect(SELF_LABEL).toBe('本人');
  });

  it.each([
    ['配偶', 'spouse'],
    ['老婆', 'spouse'],
    ['愛人', 'spouse'],
    ['媳婦', 'spouse'],
    ['兒子', 'child'],
    ['女兒', 'child'],
    ['媽媽', 'parent'],
    ['爺爺', 'relative'],
    ['親戚', 'relative'],
    ['親屬', 'relative'],
    ['姪子', 'relative'],
    ['鄰居', 'neighbour'],
    ['同鄉', 'friend'],
    ['領導', 'colleague'],
    ['同學', 'classmate'],
    ['單位', 'employer'],
    ['老闆', 'employer'],
    ['物業公司', 'property_office'],
    ['居委會', 'property_office'],
    ['村委會', 'property_office'],
    ['姊妹', 'sibling'],
  ] as const)('maps traditional %s to %s', (label, relation) => {
    expect(canonicalRelation(label)).toStrictEqual({ relation, verbatim: label, known: true });
  });

  it.each([
    ['（配偶）', 'spouse'],
    ['(母亲)', 'parent'],
    ['【朋友】', 'friend'],
    ['配偶(主)', 'spouse'],
    ['张三（朋友）', 'friend'],
    [' 妻 子 ', 'spouse'],
    ['本人的妻子', 'spouse'],
    ['本人的 母亲', 'parent'],
    ['本人母亲', 'parent'],
    ['借款人的父亲', 'parent'],
    ['客户儿子', 'child'],
    ['同事关系', 'colleague'],
    ['朋友关系', 'friend'],
    ['配偶电话', 'spouse'],
    ['单位电话', 'employer'],
    ['本人的配偶电话', 'spouse'],
    ['my wife', 'spouse'],
    ['ＷＩＦＥ', 'spouse'],
    ['Ｍｏｔｈｅｒ', 'parent'],
    ['同　事', 'colleague'],
    ['本人的（配偶）', 'spouse'],
  ] as const)('strips noise in %j -> %s', (label, relation) => {
    expect(canonicalRelation(label)).toStrictEqual({ relation, verbatim: label.trim(), known: true });
  });

  it.each(['前妻', '紧急联系人', '其他', '未知', 'stranger', 'xyz', '123', '电话', '本人的', '()', '关系'])(
    'keeps unknown label %s verbatim as other',
    (label) => {
      expect(canonicalRelation(label)).toStrictEqual({ relation: 'other', verbatim: label, known: false });
    },
  );

  it('trims the verbatim label', () => {
    expect(canonicalRelation('  wife  ')).toStrictEqual({ relation: 'spouse', verbatim: 'wife', known: true });
    expect(canonicalRelation('  陌生人  ')).toStrictEqual({ relation: 'other', verbatim: '陌生人', known: false });
  });

  it('does not guess from a label that merely contains a relation word', () => {
    expect(canonicalRelation('老婆的朋友').known).toBe(false);
    expect(canonicalRelation('前夫').known).toBe(false);
  });
});

describe('relationGroup', () => {
  const expected: Readonly<Record<CanonicalRelation, RelationGroup>> = {
    spouse: 'immediate_family',
    parent: 'immediate_family',
    child: 'immediate_family',
    sibling: 'immediate_family',
    relative: 'relative',
    friend: 'social',
    colleague: 'social',
    classmate: 'social',
    neighbour: 'social',
    employer: 'organisation',
    property_office: 'organisation',
    other: 'unknown',
  };

  it.each(CANONICAL_RELATIONS)('groups %s', (relation) => {
    expect(relationGroup(relation)).toBe(expected[relation]);
  });

  it('puts in-laws the collectors treat as family into immediate family', () => {
    expect(relationGroup(canonicalRelation('岳母').relation)).toBe('immediate_family');
    expect(relationGroup(canonicalRelation('公公').relation)).toBe('immediate_family');
  });
});

describe('relationsCompatible', () => {
  it.each(CANONICAL_RELATIONS)('treats %s as compatible with itself and with other', (relation) => {
    expect(relationsCompatible(relation, relation)).toBe(true);
    expect(relationsCompatible(relation, 'other')).toBe(true);
    expect(relationsCompatible('other', relation)).toBe(true);
  });

  const compatible: readonly (readonly [CanonicalRelation, CanonicalRelation])[] = [
    ['relative', 'sibling'],
    ['relative', 'parent'],
    ['relative', 'child'],
    ['relative', 'spouse'],
    ['friend', 'colleague'],
    ['friend', 'classmate'],
    ['friend', 'neighbour'],
    ['employer', 'colleague'],
  ];

  it.each(compatible)('%s and %s are compatible in both orders', (left, right) => {
    expect(relationsCompatible(left, right)).toBe(true);
    expect(relationsCompatible(right, left)).toBe(true);
  });

  const incompatible: readonly (readonly [CanonicalRelation, CanonicalRelation])[] = [
    ['parent', 'child'],
    ['spouse', 'sibling'],
    ['spouse', 'parent'],
    ['spouse', 'child'],
    ['parent', 'sibling'],
    ['child', 'sibling'],
    ['relative', 'friend'],
    ['sibling', 'friend'],
    ['colleague', 'classmate'],
    ['colleague', 'neighbour'],
    ['classmate', 'neighbour'],
    ['employer', 'property_office'],
    ['employer', 'spouse'],
    ['employer', 'friend'],
    ['property_office', 'neighbour'],
    ['property_office', 'parent'],
    ['property_office', 'friend'],
  ];

  it.each(incompatible)('%s and %s are not compatible in either order', (left, right) => {
    expect(relationsCompatible(left, right)).toBe(false);
    expect(relationsCompatible(right, left)).toBe(false);
  });

  it('is symmetric over every pair', () => {
    for (const left of CANONICAL_RELATIONS) {
      for (const right of CANONICAL_RELATIONS) {
        expect(relationsCompatible(left, right)).toBe(relationsCompatible(right, left));
      }
    }
  });

  it('never links organisations with family', () => {
    for (const organisation of ['employer', 'property_office'] as const) {
      for (const person of ['spouse', 'parent', 'child', 'sibling', 'relative'] as const) {
        expect(relationsCompatible(organisation, person)).toBe(false);
      }
    }
  });
});
