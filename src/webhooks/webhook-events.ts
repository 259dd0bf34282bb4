import { z } from 'zod';

/**
 * The events a webhook can subscribe to and what each carries. A webhook says that something
 * happened and to whom (ids, the lender's borrower ref, masked values, types, times); the platform
 * reads the details through the API, where masking, roles and the audit log apply. Every payload
 * passes webhookPayloadProblems before it is stored, so no unmasked phone, name, address or id
 * number is ever sent.
 */
export const WEBHOOK_EVENT_TYPES = ['stale_flag.raised', 'stale_flag.closed', 'borrower.status_changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The contact plan's lost-contact status (contact-plan/lost-contact-status.ts), as the platform sees it. */
export const BORROWER_CONTACT_STATUSES = ['reachable', 'subjective_lost', 'objective_lost', 'unknown'] as const;
export type BorrowerContactStatus = (typeof BORROWER_CONTACT_STATUSES)[number];

export const STALE_FLAG_TYPES = ['contact_changed', 'not_seen_recently', 'invalid_feedback', 'job_change'] as const;
export type StaleFlagType = (typeof STALE_FLAG_TYPES)[number];

/** A contact point as a webhook shows it: its id and its masked value ('138****5678', '广东省深圳市南山区****'). */
export interface MaskedContactPoint {
  contactPointId: string;
  kind: 'phone' | 'address';
  masked: string;
}

export interface StaleFlagRaisedEvent {
  flagId: string;
  borrowerRef: string;
  flagType: StaleFlagType;
  /** null for a flag about no single point (job_change). */
  contactPoint: MaskedContactPoint | null;
  suggestedReplacement: (MaskedContactPoint & { why: string }) | null;
  /** ISO 8601 */
  detectedAt: string;
}

export interface StaleFlagClosedEvent {
  flagId: string;
  borrowerRef: string;
  flagType: StaleFlagType;
  contactPoint: MaskedContactPoint | null;
  /** ISO 8601 */
  closedAt: string;
  /** Why it closed, in words without personal data ('confirmed again by source crm'). */
  closedBecause: string;
}

export interface BorrowerStatusChangedEvent {
  borrowerRef: string;
  /** 'unknown' for a borrower assessed for the first time. */
  from: BorrowerContactStatus;
  to: BorrowerContactStatus;
  /** The status rule's sentence for the collector. */
  reason: string;
  /** ISO 8601 */
  at: string;
}

export interface WebhookEventPayloads {
  'stale_flag.raised': StaleFlagRaisedEvent;
  'stale_flag.closed': StaleFlagClosedEvent;
  'borrower.status_changed': BorrowerStatusChangedEvent;
}

/** What is POSTed: the receiver dedupes on `id` (also in X-Webhook-Id); retries of a delivery carry the same body. */
export interface WebhookBody<T extends WebhookEventType = WebhookEventType> {
  id: string;
  type: T;
  occurredAt: string;
  data: WebhookEventPayloads[T];
}

export function webhookBody<T extends WebhookEventType>(id: string, type: T, occurredAt: Date, data: WebhookEventPayloads[T]): string {
  const body: WebhookBody<T> = { id, type, occurredAt: occurredAt.toISOString(), data };
  return JSON.stringify(body);
}

// What would identify a person if it slipped into free text or a ref.
const PERSONAL_PATTERNS: [RegExp, string][] = [
  [/\d{7,}/, 'a run of 7 or more digits (a phone or id number)'],
  [/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/, 'a mobile number'],
  [/(?<!\d)0\d{2,3}[\s-]\d{3,4}[\s-]?\d{4}(?!\d)/, 'a landline number'],
  [/[\p{Script=Han}]/u, 'Chinese text (a name or an address)'],
  [/[^\s@]+@[^\s@]+\.[^\s@]+/, 'an e-mail address'],
];

const freeText = z
  .string()
  .max(500)
  .superRefine((text, context) => {
    for (const [pattern, what] of PERSONAL_PATTERNS) if (pattern.test(text)) context.addIssue({ code: 'custom', message: `holds ${what}` });
  });

// A borrower ref is the lender's own id; one that is a phone or an id number is personal data itself.
const borrowerRef = z
  .string()
  .min(1)
  .max(200)
  .superRefine((ref, context) => {
    for (const [pattern, what] of PERSONAL_PATTERNS.slice(0, 3)) if (pattern.test(ref)) context.addIssue({ code: 'custom', message: `holds ${what}` });
  });

// Masked as privacy/masking.ts masks: at least two '*', at most 7 digits shown ('138****5678', '010****5678-***').
const maskedValue = z
  .string()
  .min(1)
  .max(200)
  .refine((value) => /\*{2,}/.test(value), 'is not masked')
  .refine((value) => value.replace(/\D/g, '').length <= 7, 'shows more than 7 digits');

// A masked address shows the division names only ('广东省深圳市南山区****'): nothing finer than a district before the mask.
const ADMINISTRATIVE_PREFIX = /^(?:[\p{Script=Han}]+(?:省|市|区|县|旗|州|盟|自治区))?\*{4}$/u;
const maskedPoint = z
  .strictObject({ contactPointId: z.uuid(), kind: z.enum(['phone', 'address']), masked: maskedValue })
  .refine((point) => point.kind !== 'address' || ADMINISTRATIVE_PREFIX.test(point.masked), { message: 'shows more of the address than its district', path: ['masked'] });
const instant = z.iso.datetime({ offset: true });

const PAYLOAD_SCHEMAS = {
  'stale_flag.raised': z.strictObject({
    flagId: z.uuid(),
    borrowerRef,
    flagType: z.enum(STALE_FLAG_TYPES),
    contactPoint: maskedPoint.nullable(),
    suggestedReplacement: maskedPoint.extend({ why: freeText }).nullable(),
    detectedAt: instant,
  }),
  'stale_flag.closed': z.strictObject({
    flagId: z.uuid(),
    borrowerRef,
    flagType: z.enum(STALE_FLAG_TYPES),
    contactPoint: maskedPoint.nullable(),
    closedAt: instant,
    closedBecause: freeText,
  }),
  'borrower.status_changed': z.strictObject({
    borrowerRef,
    from: z.enum(BORROWER_CONTACT_STATUSES),
    to: z.enum(BORROWER_CONTACT_STATUSES),
    reason: freeText,
    at: instant,
  }),
} satisfies Record<WebhookEventType, z.ZodType>;

/**
 * Why a payload may not leave the service: unknown fields, a value that is not masked, free text
 * holding a number or Chinese text. Problems name the field and the rule, never the value (they are
 * logged).
 */
export function webhookPayloadProblems(type: WebhookEventType, payload: unknown): string[] {
  const schema = PAYLOAD_SCHEMAS[type] as z.ZodType | undefined;
  if (!schema) return [`unknown event type`];
  const result = schema.safeParse(payload);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(payload)';
    // zod quotes unknown keys in the message; the key names are ours, values never appear in these messages.
    return `${field}: ${issue.code === 'custom' || issue.code === 'unrecognized_keys' ? issue.message : issue.code}`;
  });
}
