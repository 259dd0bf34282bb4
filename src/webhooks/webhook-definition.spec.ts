import { describe, expect, it } from 'vitest';
import { webhookDefinitionSchema, webhookSecretProblem } from './webhook-definition.js';

const valid = { url: 'https://platform.example.com/hooks/contact-recovery', events: ['borrower.status_changed'], secretEnv: 'PLATFORM_WEBHOOK_SECRET' };

describe('webhookDefinitionSchema', () => {
  it('takes an http(s) URL, events and the name of the secret variable; enabled by default', () => {
    expect(webhookDefinitionSchema.parse(valid)).toEqual({ ...valid, enabled: true });
    expect(webhookDefinitionSchema.safeParse({ ...valid, url: 'http://127.0.0.1:8080/hook' }).success).toBe(true);
  });

  it.each([
    ['a secret given as a value', { ...valid, secret: 'an-actual-secret-value-0123456789' }],
    ['credentials in the URL', { ...valid, url: 'https://user:password@platform.example.com/hook' }],
    ['another scheme', { ...valid, url: 'ftp://platform.example.com/hook' }],
    ['an unknown event', { ...valid, events: ['borrower.deleted'] }],
    ['no event', { ...valid, events: [] }],
    ['an event twice', { ...valid, events: ['stale_flag.raised', 'stale_flag.raised'] }],
    ['a lower-case variable name', { ...valid, secretEnv: 'secret' }],
  ])('refuses %s', (_what, body) => {
    expect(webhookDefinitionSchema.safeParse(body).success).toBe(false);
  });
});

describe('webhookSecretProblem', () => {
  it('needs the variable set and at least 32 characters long', () => {
    const secrets = new Map([['GOOD', 'x'.repeat(32)], ['SHORT', 'x'.repeat(31)]]);
    expect(webhookSecretProblem('GOOD', secrets)).toBeUndefined();
    expect(webhookSecretProblem('SHORT', secrets)).toMatch(/fewer than 32/);
    expect(webhookSecretProblem('MISSING', secrets)).toMatch(/is not set/);
  });
});
