import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffMilliseconds, retryAfterMilliseconds, TokenBucket } from './http-source-contract.js';
import { HttpSourceClient, HttpSourceError, type HttpSourceClientOptions } from './http-source.client.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const servers: Server[] = [];
const clients: HttpSourceClient[] = [];

/** A real HTTP server on 127.0.0.1, port chosen by the system. */
async function serve(handler: Handler): Promise<string> {
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => handler(request, response, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
}

const warnings: string[] = [];
function client(options: HttpSourceClientOptions): HttpSourceClient {
  const created = new HttpSourceClient({
    ratePerSecond: 1_000,
    baseDelayMilliseconds: 10,
    maxDelayMilliseconds: 50,
    logger: { warn: (message) => warnings.push(message) },
    ...options,
  });
  clients.push(created);
  return created;
}

const anything = z.object({ ok: z.boolean() });

async function failure(promise: Promise<unknown>): Promise<HttpSourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpSourceError);
  return error as HttpSourceError;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((each) => each.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  warnings.length = 0;
});

describe('HttpSourceClient', () => {
  it('sends the bearer token, and never writes it into an error or a log line', async () => {
    const seen: (string | undefined)[] = [];
    const baseUrl = await serve((request, response) => {
      seen.push(request.headers.authorization);
      json(response, seen.length < 2 ? 503 : 401, { ok: false });
    });
    const error = await failure(client({ baseUrl, token: 's3cr3t-token', maxTries: 3 }).request({ method: 'GET', path: '/x', schema: anything }));
    expect(seen).toEqual(['Bearer s3cr3t-token', 'Bearer s3cr3t-token']);
    expect(error.status).toBe(401);
    expect(error.tries).toBe(2);
    const everything = [error.message, JSON.stringify(error), error.stack ?? '', ...warnings].join('\n');
    expect(everything).not.toContain('s3cr3t');
  });

  it('sends no Authorization header without a token, and keeps the base URL path prefix', async () => {
    let request: IncomingMessage | undefined;
    const baseUrl = await serve((incoming, response) => {
      request = incoming;
      json(response, 200, { ok: true });
    });
    const result = await client({ baseUrl: `${baseUrl}/api/v2/` }).request({ method: 'GET', path: '/records', query: { limit: 5, cursor: 'a b&c' }, schema: anything });
    expect(result).toMatchObject({ status: 200, body: { ok: true }, tries: 1 });
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.url).toBe('/api/v2/records?limit=5&cursor=a+b%26c');
  });

  it('honours Retry-After in seconds on 429', async () => {
    const times: number[] = [];
    const baseUrl = await serve((_request, response) => {
      times.push(performance.now());
      if (times.length === 1) json(response, 429, { error: 'slow down' }, { 'retry-after': '1' });
      else json(response, 200, { ok: true });
    });
    const started = performance.now();
    const result = await client({ baseUrl, maxDelayMilliseconds: 5_000 }).request({ method: 'GET', path: '/x', schema: anything });
    expect(result.tries).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(995);
    expect(performance.now() - started).toBeGreaterThanOrEqual(995);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const times: number[] = [];
    const baseUrl = await serve((_request, response) => {
      times.push(Date.now());
      // HTTP-dates have whole seconds: two seconds ahead, truncated, is at least one second away.
      if (times.length === 1) json(response, 429, {}, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() });
      else json(response, 200, { ok: true });
    });
    const result = await client({ baseUrl, maxDelayMilliseconds: 5_000 }).request({ method: 'GET', path: '/x', schema: anything });
    expect(result.tries).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(995);
  });

  it('caps a Retry-After longer than maxDelayMilliseconds', async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      if (calls === 1) json(response, 429, {}, { 'retry-after': '3600' });
      else json(response, 200, { ok: true });
    });
    const result = await client({ baseUrl, maxDelayMilliseconds: 200 }).request({ method: 'GET', path: '/x', schema: anything });
    expect(result.tries).toBe(2);
    expect(result.durationMilliseconds).toBeGreaterThanOrEqual(195);
    expect(result.durationMilliseconds).toBeLessThan(3_000);
  });

  it('retries 503 twice and then succeeds', async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      if (calls <= 2) json(response, 503, { error: 'maintenance' });
      else json(response, 200, { ok: true });
    });
    const result = await client({ baseUrl }).request({ method: 'GET', path: '/x', schema: anything });
    expect(result).toMatchObject({ status: 200, body: { ok: true }, tries: 3 });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/HTTP 503; try 2 of 5/);
  });

  it('fails with HttpSourceError after maxTries against a server that always answers 500', async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      json(response, 500, { error: 'boom' });
    });
    const error = await failure(client({ baseUrl, maxTries: 4 }).request({ method: 'GET', path: '/x', schema: anything }));
    expect(calls).toBe(4);
    expect(error).toMatchObject({ status: 500, tries: 4, reason: 'HTTP 500', failure: 'status' });
    expect(error.message).toContain('HTTP 500 (4 tries)');
  });

  it('does not retry a 4xx other than 404, 408 and 429', async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      json(response, 403, { error: 'forbidden' });
    });
    const error = await failure(client({ baseUrl }).request({ method: 'GET', path: '/x', schema: anything }));
    expect(calls).toBe(1);
    expect(error).toMatchObject({ status: 403, tries: 1 });
  });

  it('answers an accepted 404 without retrying, and throws on one that is not accepted', async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      json(response, 404, { error: 'unknown' });
    });
    const source = client({ baseUrl });
    expect(await source.request({ method: 'GET', path: '/x', schema: anything, acceptNotFound: true })).toMatchObject({ status: 404, body: null, tries: 1 });
    expect(await failure(source.request({ method: 'GET', path: '/x', schema: anything }))).toMatchObject({ status: 404, tries: 1 });
    expect(calls).toBe(2);
  });

  it('retries a server slower than the timeout, then fails', async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      setTimeout(() => {
        if (!response.destroyed) json(response, 200, { ok: true });
      }, 2_000).unref();
    });
    const started = performance.now();
    const error = await failure(client({ baseUrl, timeoutMilliseconds: 200, maxTries: 3 }).request({ method: 'GET', path: '/x', schema: anything }));
    expect(calls).toBe(3);
    expect(error).toMatchObject({ tries: 3, failure: 'timeout' });
    expect(error.status).toBeUndefined();
    expect(error.reason).toMatch(/timed out/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 190);
  });

  it('recovers when a slow answer turns fast', async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      const delay = calls === 1 ? 1_000 : 0;
      setTimeout(() => {
        if (!response.destroyed) json(response, 200, { ok: true });
      }, delay).unref();
    });
    const result = await client({ baseUrl, timeoutMilliseconds: 200 }).request({ method: 'GET', path: '/x', schema: anything });
    expect(result).toMatchObject({ status: 200, tries: 2 });
  });

  it('retries a refused connection, then fails naming it', async () => {
    const baseUrl = await serve((_request, response) => json(response, 200, { ok: true }));
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const error = await failure(client({ baseUrl, maxTries: 3 }).request({ method: 'GET', path: '/x', schema: anything }));
    expect(error).toMatchObject({ tries: 3, failure: 'connection' });
    expect(error.reason).toContain('ECONNREFUSED');
  });

  it('spreads calls to the rate: 10 calls at 20 per second, made concurrently, take at least 0.45 s', async () => {
    const baseUrl = await serve((_request, response) => json(response, 200, { ok: true }));
    const source = client({ baseUrl, ratePerSecond: 20 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 10 }, () => source.request({ method: 'GET', path: '/x', schema: anything })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(440);
  });

  it('spreads calls made one after another too', async () => {
    const baseUrl = await serve((_request, response) => json(response, 200, { ok: true }));
    const source = client({ baseUrl, ratePerSecond: 20 });
    const started = performance.now();
    for (let call = 0; call < 10; call += 1) await source.request({ method: 'GET', path: '/x', schema: anything });
    expect(performance.now() - started).toBeGreaterThanOrEqual(440);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const big = JSON.stringify({ ok: true, padding: 'x'.repeat(5_000) });
    const baseUrl = await serve((request, response) => {
      if (request.url === '/declared') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) });
        response.end(big);
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length up front
        for (let start = 0; start < big.length; start += 500) response.write(big.slice(start, start + 500));
        response.end();
      }
    });
    const source = client({ baseUrl, maxBodyBytes: 1_000 });
    for (const path of ['/declared', '/streamed']) {
      const error = await failure(source.request({ method: 'GET', path, schema: anything }));
      expect(error).toMatchObject({ failure: 'too_large', tries: 1, status: 200 });
      expect(error.reason).toContain('over 1000 bytes');
    }
  });

  it('refuses a body off the contract, naming the field, and one that is not JSON', async () => {
    const baseUrl = await serve((request, response) => {
      if (request.url === '/shape') json(response, 200, { ok: 'yes' });
      else {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>gateway</html>');
      }
    });
    const source = client({ baseUrl });
    const shape = await failure(source.request({ method: 'GET', path: '/shape', schema: anything }));
    expect(shape).toMatchObject({ failure: 'invalid_response', tries: 1, status: 200 });
    expect(shape.reason).toMatch(/^response does not match the contract: ok: /);
    const html = await failure(source.request({ method: 'GET', path: '/html', schema: anything }));
    expect(html.reason).toBe('response is not JSON');
  });

  it('stops waiting when the signal aborts', async () => {
    const baseUrl = await serve((_request, response) => json(response, 503, {}, { 'retry-after': '30' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await expect(
      client({ baseUrl, maxDelayMilliseconds: 30_000 }).request({ method: 'GET', path: '/x', schema: anything, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('is built from connector settings and the environment, never reading process.env itself', () => {
    expect(() => HttpSourceClient.fromSettings({ baseUrlEnv: 'BUREAU_URL', ratePerSecond: 5 }, {})).toThrow(/BUREAU_URL/);
    expect(() =>
      HttpSourceClient.fromSettings({ baseUrlEnv: 'BUREAU_URL', tokenEnv: 'BUREAU_TOKEN', ratePerSecond: 5 }, { BUREAU_URL: 'http://127.0.0.1:1' }),
    ).toThrow(/BUREAU_TOKEN/);
    const built = HttpSourceClient.fromSettings({ baseUrlEnv: 'BUREAU_URL', ratePerSecond: 5 }, { BUREAU_URL: 'http://127.0.0.1:1/api' });
    clients.push(built);
    expect(built.host).toBe('127.0.0.1:1');
    expect(() => new HttpSourceClient({ baseUrl: 'http://user:pw@127.0.0.1/' })).toThrow(/credentials/);
    expect(() => new HttpSourceClient({ baseUrl: 'ftp://127.0.0.1/' })).toThrow(/http/);
  });
});

describe('retry arithmetic', () => {
  it('reads Retry-After as seconds or an HTTP-date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMilliseconds('3', now)).toBe(3_000);
    expect(retryAfterMilliseconds('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMilliseconds('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMilliseconds('soon', now)).toBeUndefined();
    expect(retryAfterMilliseconds(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMilliseconds(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMilliseconds(1, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMilliseconds(4, 500, 30_000, () => 1)).toBe(4_000);
    expect(backoffMilliseconds(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffMilliseconds(20, 500, 30_000, () => 0)).toBe(15_000);
  });

  it('lets a burst through, then holds callers to the rate', async () => {
    const bucket = new TokenBucket(10, 3);
    const started = performance.now();
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    expect(performance.now() - started).toBeLessThan(50);
    await Promise.all([bucket.take(), bucket.take()]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
});
