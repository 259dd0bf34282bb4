/** What a person is: someone, or an employer or other organisation named as a contact. */
export const PERSON_KINDS = ['individual', 'organisation'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** What a contact point is. */
export const CONTACT_POINT_KINDS = ['phone', 'address'] as const;
export type ContactPointKind = (typeof CONTACT_POINT_KINDS)[number];
