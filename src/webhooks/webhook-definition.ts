import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events.js';

export const WEBHOOK_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Shorter secrets make the signature guessable offline; `openssl rand -hex 32` gives 64 characters. */
export const MINIMUM_SECRET_LENGTH = 32;

const url = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2000)
  // The URL is returned by the API and written to the audit log: credentials have no place in it.
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), 'must not carry a user name or password (sign with secretEnv instead)')
  .meta({ description: 'Where deliveries are POSTed (http or https; https outside a private network)' });

export const webhookDefinitionSchema = z.strictObject({
  url,
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .max(WEBHOOK_EVENT_TYPES.length)
    .refine((events) => new Set(events).size === events.length, 'lists an event twice')
    .meta({ description: 'Event types delivered to this webhook' }),
  secretEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'must name an environment variable (A-Z, 0-9, _)')
    .meta({ description: `Environment variable holding the signing secret (at least ${MINIMUM_SECRET_LENGTH} characters); the value is never stored, returned or logged` }),
  // Refused by name with the reason, rather than as an unknown field.
  secret: z
    .never({ error: 'is not accepted over the API: put the secret in an environment variable of the service and name it in secretEnv' })
    .optional(),
  enabled: z.boolean().default(true),
});

export interface WebhookDefinition {
  url: string;
  events: WebhookEventType[];
  secretEnv: string;
  enabled: boolean;
}

/** What the schema cannot see: the named variable must be set (in this process) and long enough. */
export function webhookSecretProblem(secretEnv: string, secrets: ReadonlyMap<string, string>): string | undefined {
  const value = secrets.get(secretEnv);
  if (value === undefined) return `secretEnv: ${secretEnv} is not set in the service's environment (or is one of its own settings)`;
  if (value.length < MINIMUM_SECRET_LENGTH) return `secretEnv: ${secretEnv} holds fewer than ${MINIMUM_SECRET_LENGTH} characters`;
  return undefined;
}
