import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

/** Issue 11 (Trust): rate limits, security headers and a /health that says nothing internal. */
describe('rate limits on /v1', () => {
  let context: TestApplication;

  beforeAll(async () => {
    context = await createTestApplication({ RATE_LIMIT_REQUESTS_PER_KEY: '20', RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: '10', RATE_LIMIT_WINDOW_SECONDS: '3600' });
  });
  afterAll(() => context?.close());

  it('answers 429 with Retry-After once a key has made its requests for the window, and only for that key', async () => {
    for (let sent = 0; sent < 20; sent += 1) await request(context.http).get('/v1/audit-events').set('Authorization', bearer('auditor')).expect(200);
    const limited = await request(context.http).get('/v1/audit-events').set('Authorization', bearer('auditor')).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(limited.body.message).toMatch(/too many requests for this API key/);
    // another key is not limited (admin may not read audit events: 403, not 429)
    await request(context.http).get('/v1/audit-events').set('Authorization', bearer('admin')).expect(403);
  });

  // Finding: 300 wrong keys got 300 × 401.
  it('locks an address out after too many failed authentications, even for a good key', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 15; attempt += 1) {
      statuses.push((await request(context.http).get('/v1/sources').set('Authorization', `Bearer wrong-key-${attempt}-xxxxxxxxxxxx`)).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    const locked = await request(context.http).get('/v1/sources').set('Authorization', bearer('operator')).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.message).toMatch(/too many failed authentications/);
    // health and docs stay public
    await request(context.http).get('/health').expect(200);
  });
});

describe('defaults', () => {
  let context: TestApplication;

  beforeAll(async () => {
    context = await createTestApplication();
  });
  afterAll(() => context?.close());

  it('limits 12,000 requests a minute per key (200 a second: a platform serving many collectors) and 60 failed authentications a minute per address by default', () => {
    expect(context.config.rateLimit).toEqual({ windowSeconds: 60, requestsPerKey: 12_000, failedAuthenticationsPerAddress: 60 });
  });

  // Finding: no nosniff, CSP or frame headers.
  it.each(['/health', '/v1/sources', '/v1/no-such-route', '/docs-json'])('sends the security headers on %s', async (path) => {
    const response = await request(context.http).get(path).set('Authorization', bearer('admin'));
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('sends them on answers the body parser gives too', async () => {
    const response = await request(context.http)
      .post('/v1/sources/crm/records')
      .set('Authorization', bearer('platform'))
      .set('Content-Type', 'application/json')
      .send('{"records": [');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('lets Swagger UI at /docs load its own scripts and styles, and nothing from elsewhere', async () => {
    const page = await request(context.http).get('/docs').redirects(1).expect(200);
    const policy = page.headers['content-security-policy'];
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).not.toMatch(/https?:/);
    // every script on the page is a same-origin file (no inline script for the policy to block)
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\.?\/?[^":]+"/);
      expect(body.trim()).toBe('');
    }
    const init = /src="([^"]*swagger-ui-init\.js)"/.exec(page.text)![1];
    await request(context.http).get(`/docs/${init.replace(/^\.?\/?(docs\/)?/, '')}`).expect(200);
    const json = await request(context.http).get('/docs-json').expect(200);
    expect(json.body.openapi).toBeDefined();
  });

  it('answers /health with up or down per dependency and nothing else', async () => {
    const health = await request(context.http).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });
});

// Finding: /health returned the driver's connection error.
describe('/health with the database gone', () => {
  let context: TestApplication;

  beforeAll(async () => {
    context = await createTestApplication();
  });
  afterAll(() => context?.close());

  it('answers 503 with database down and no error text', async () => {
    await context.dataSource.destroy();
    const health = await request(context.http).get('/health').expect(503);
    expect(health.body).toEqual({ status: 'unavailable', checks: { database: 'down' } });
    expect(health.text).not.toMatch(/connect|driver|127\.0\.0\.1|postgres|error/i);
  });
});
