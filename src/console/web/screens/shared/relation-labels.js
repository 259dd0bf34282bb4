// @ts-check
/**
 * How a contact is related to the borrower, in both languages: the names the lookup and the review
 * queue share. Each adds the few it words its own way (an employer, "other").
 */

/** @type {Record<string, { zh: string, en: string }>} */
export const RELATION_LABELS = {
  spouse: { zh: '配偶', en: 'spouse' },
  parent: { zh: '父母', en: 'parent' },
  child: { zh: '子女', en: 'child' },
  sibling: { zh: '兄弟姐妹', en: 'sibling' },
  relative: { zh: '亲属', en: 'relative' },
  friend: { zh: '朋友', en: 'friend' },
  colleague: { zh: '同事', en: 'colleague' },
  classmate: { zh: '同学', en: 'classmate' },
  property_office: { zh: '物业', en: 'property office' },
  neighbour: { zh: '邻居', en: 'neighbour' },
};
