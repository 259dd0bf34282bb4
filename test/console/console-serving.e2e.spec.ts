import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApplication, type TestApplication } from '../support/test-application.js';

let context: TestApplication;

beforeAll(async () => {
  context = await createTestApplication();
});
afterAll(() => context?.close());

describe('serving the console', () => {
  it('serves the one page at /console and at every screen path, with no-store and a CSP without inline script or style', async () => {
    for (const path of ['/console', '/console/review', '/console/lookup', '/console/setup']) {
      const response = await request(context.http).get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      const policy = response.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.text).toContain('<script type="module" src="/console/assets/app.js"></script>');
      // Every module is announced up front, so the browser fetches them side by side, not level by level.
      expect(response.text).toContain('<link rel="modulepreload" href="/console/assets/screens/review-screen.js" />');
      expect(response.text).toContain('<link rel="modulepreload" href="/console/assets/api-client.js" />');
      // The page carries no inline script and no inline style: everything it runs comes from /console/assets.
      expect(response.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(response.text).not.toMatch(/\sstyle=/);
    }
  });

  it('serves the scripts and styles as files of their type, and nothing else', async () => {
    const script = await request(context.http).get('/console/assets/app.js').expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toContain("from './api-client.js'");
    // Files hold no personal data: the browser keeps them and revalidates; unchanged, nothing is sent again.
    expect(script.headers['cache-control']).toBe('no-cache');
    expect(script.headers.etag).toMatch(/^"[\w-]{27}"$/);
    const again = await request(context.http).get('/console/assets/app.js').set('If-None-Match', script.headers.etag).expect(304);
    expect(again.text ?? '').toBe('');
    await request(context.http).get('/console/assets/app.js').set('If-None-Match', '"other"').expect(200);
    const style = await request(context.http).get('/console/assets/console.css').expect(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    // Screens live in a folder of their own.
    await request(context.http).get('/console/assets/screens/review-screen.js').expect(200);
    for (const path of ['/console/assets/console-types.d.ts', '/console/assets/missing.js', '/console/assets/..%2f..%2fpackage.json', '/console/assets/%2e%2e/console.controller.ts']) {
      await request(context.http).get(path).expect(404);
    }
  });

  it('answers the API the console calls without a session with 401, never a page', async () => {
    const response = await request(context.http).get('/v1/session').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    await request(context.http).get('/v1/match-suggestions/summary').expect(401);
  });
});
