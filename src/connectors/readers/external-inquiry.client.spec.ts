import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExternalInquiryClient } from './external-inquiry.client.js';
import { HttpSourceClient, HttpSourceError } from './http-source.client.js';

const servers: Server[] = [];
const clients: ExternalInquiryClient[] = [];

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: unknown;
}

async function serve(answer: (body: { borrower: { ref: string } }, response: ServerResponse, calls: number) => void): Promise<{ baseUrl: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      received.push({ method: request.method, url: request.url, authorization: request.headers.authorization, contentType: request.headers['content-type'], body });
      answer(body, response, received.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

function inquiries(baseUrl: string, token?: string): ExternalInquiryClient {
  const client = new ExternalInquiryClient(
    new HttpSourceClient({ baseUrl, token, ratePerSecond: 1_000, maxTries: 3, baseDelayMilliseconds: 5, maxDelayMilliseconds: 20, logger: { warn: () => undefined } }),
  );
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('ExternalInquiryClient', () => {
  it('asks about one borrower and returns the records the source knows', async () => {
    const records = [{ id: 'b-1', mobile: '13800138000', relation: 'spouse' }];
    const { baseUrl, received } = await serve((_body, response) => json(response, 200, { records }));
    const result = await inquiries(baseUrl, 'bureau-token').ask({
      borrower: { ref: 'C-1001', name: '张三', idNumber: '110101199003071234' },
      employer: { name: '杭州某某科技有限公司' },
      legalBasis: 'contract BUREAU-2026-17',
    });
    expect(result).toMatchObject({ outcome: 'answered', records, status: 200, tries: 1 });
    expect(result.durationMilliseconds).toBeGreaterThanOrEqual(0);
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/inquiries',
        authorization: 'Bearer bureau-token',
        contentType: 'application/json',
        body: {
          borrower: { ref: 'C-1001', name: '张三', idNumber: '110101199003071234' },
          employer: { name: '杭州某某科技有限公司' },
          legalBasis: 'contract BUREAU-2026-17',
        },
      },
    ]);
  });

  it('sends only what it was given', async () => {
    const { baseUrl, received } = await serve((_body, response) => json(response, 200, { records: [] }));
    const result = await inquiries(baseUrl).ask({ borrower: { ref: 'C-1' }, legalBasis: 'consent 42' });
    expect(result).toMatchObject({ outcome: 'answered', records: [] });
    expect(received[0]!.body).toEqual({ borrower: { ref: 'C-1' }, legalBasis: 'consent 42' });
    expect(received[0]!.authorization).toBeUndefined();
  });

  it('answers not_found with no records on 404, without retrying', async () => {
    const { baseUrl, received } = await serve((_body, response) => json(response, 404, { error: 'unknown borrower' }));
    const result = await inquiries(baseUrl).ask({ borrower: { ref: 'C-404' }, legalBasis: 'consent 42' });
    expect(result).toMatchObject({ outcome: 'not_found', records: [], status: 404, tries: 1 });
    expect(received).toHaveLength(1);
  });

  it('retries a 502 and reports the tries it took', async () => {
    const { baseUrl } = await serve((_body, response, calls) => (calls === 1 ? json(response, 502, {}) : json(response, 200, { records: [{ id: 1 }] })));
    const result = await inquiries(baseUrl).ask({ borrower: { ref: 'C-2' }, legalBasis: 'consent 42' });
    expect(result).toMatchObject({ outcome: 'answered', status: 200, tries: 2 });
  });

  it('throws HttpSourceError when the source keeps failing', async () => {
    const { baseUrl, received } = await serve((_body, response) => json(response, 500, {}));
    const error = await inquiries(baseUrl)
      .ask({ borrower: { ref: 'C-3' }, legalBasis: 'consent 42' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(HttpSourceError);
    expect(error).toMatchObject({ status: 500, tries: 3 });
    expect(received).toHaveLength(3);
  });

  it('refuses an answer off the contract, naming the field', async () => {
    const { baseUrl } = await serve((_body, response) => json(response, 200, { rows: [] }));
    const error = await inquiries(baseUrl)
      .ask({ borrower: { ref: 'C-4' }, legalBasis: 'consent 42' })
      .then(
        () => undefined,
        (caught: unknown) => caught as HttpSourceError,
      );
    expect(error).toBeInstanceOf(HttpSourceError);
    expect(error!.failure).toBe('invalid_response');
    expect(error!.reason).toMatch(/records: /);
  });

  it('refuses a question without a borrower ref or a legal basis, before sending anything', async () => {
    const { baseUrl, received } = await serve((_body, response) => json(response, 200, { records: [] }));
    const client = inquiries(baseUrl);
    await expect(client.ask({ borrower: { ref: ' ' }, legalBasis: 'consent 42' })).rejects.toThrow(/borrower.ref/);
    await expect(client.ask({ borrower: { ref: 'C-5' }, legalBasis: '' })).rejects.toThrow(/legalBasis/);
    expect(received).toHaveLength(0);
  });
});
