import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checkpoint, ReadBatch } from './connector-reader.js';
import { HttpFeedReader } from './http-feed.reader.js';
import { HttpSourceClient, HttpSourceError, type HttpSourceClientOptions } from './http-source.client.js';

const servers: Server[] = [];

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

/** A feed of `total` rows; the cursor is the offset of the next row, as the source's opaque string. */
function feed(total: number, options: { failAt?: string; token?: string } = {}) {
  const rows = Array.from({ length: total }, (_, index) => ({ id: `r${index + 1}`, mobile: `1380013${String(index).padStart(4, '0')}` }));
  const requests: { cursor: string | null; limit: number; authorization?: string }[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://feed');
    if (request.method !== 'GET' || url.pathname !== '/records') return json(response, 404, {});
    const cursor = url.searchParams.get('cursor');
    const limit = Number(url.searchParams.get('limit'));
    requests.push({ cursor, limit, authorization: request.headers.authorization });
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) return json(response, 401, {});
    if (cursor !== null && cursor === options.failAt) return json(response, 500, { error: 'down' });
    const start = cursor === null ? 0 : Number(cursor.slice('offset-'.length));
    const page = rows.slice(start, start + limit);
    const next = start + limit < total ? `offset-${start + limit}` : null;
    json(response, 200, { records: page, nextCursor: next });
  };
  return { rows, requests, handler };
}

function reader(options: Partial<HttpSourceClientOptions> & { baseUrl: string }, pageSize?: number): HttpFeedReader {
  const client = new HttpSourceClient({ ratePerSecond: 1_000, baseDelayMilliseconds: 5, maxDelayMilliseconds: 20, logger: { warn: () => undefined }, ...options });
  return new HttpFeedReader(client, { pageSize });
}

async function readAll(source: HttpFeedReader, from: Checkpoint | null, batchSize: number): Promise<ReadBatch[]> {
  const batches: ReadBatch[] = [];
  for await (const batch of source.batches(from, batchSize)) batches.push(batch);
  return batches;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('HttpFeedReader', () => {
  it('pages the feed to its end, one batch per page, each checkpoint the next page', async () => {
    const source = feed(25, { token: 'feed-token' });
    const feedReader = reader({ baseUrl: await serve(source.handler), token: 'feed-token' });
    const batches = await readAll(feedReader, null, 10);
    await feedReader.close();

    expect(batches.map((batch) => batch.rows.length)).toEqual([10, 10, 5]);
    expect(batches.flatMap((batch) => batch.rows)).toEqual(source.rows);
    expect(batches.map((batch) => batch.checkpoint)).toEqual([
      { kind: 'feed', cursor: 'offset-10' },
      { kind: 'feed', cursor: 'offset-20' },
      // The last page keeps the cursor that fetched it: null would read the feed again from the start.
      { kind: 'feed', cursor: 'offset-20' },
    ]);
    expect(batches.every((batch) => batch.completedFiles.length === 0)).toBe(true);
    expect(source.requests).toEqual([
      { cursor: null, limit: 10, authorization: 'Bearer feed-token' },
      { cursor: 'offset-10', limit: 10, authorization: 'Bearer feed-token' },
      { cursor: 'offset-20', limit: 10, authorization: 'Bearer feed-token' },
    ]);
  });

  it('resumes from a checkpoint: after a crash past the first committed batch it asks for the next page', async () => {
    const source = feed(25);
    const baseUrl = await serve(source.handler);

    const first = reader({ baseUrl });
    let committed: Checkpoint | null = null;
    const seen: string[] = [];
    for await (const batch of first.batches(null, 10)) {
      seen.push(...batch.rows.map((row) => String(row.id)));
      committed = batch.checkpoint; // the run commits the batch with its checkpoint...
      break; // ...and then the worker dies
    }
    await first.close();
    expect(committed).toEqual({ kind: 'feed', cursor: 'offset-10' });

    const second = reader({ baseUrl });
    const rest = await readAll(second, committed, 10);
    await second.close();
    seen.push(...rest.flatMap((batch) => batch.rows.map((row) => String(row.id))));
    expect(seen).toEqual(source.rows.map((row) => row.id));
    expect(source.requests.map((request) => request.cursor)).toEqual([null, 'offset-10', 'offset-20']);
  });

  it('asks the last page again on the next run, and reads what the feed appended after it', async () => {
    const source = feed(5);
    const baseUrl = await serve(source.handler);
    const once = reader({ baseUrl });
    const [only] = await readAll(once, null, 10);
    await once.close();
    expect(only!.checkpoint).toEqual({ kind: 'feed', cursor: null });

    const more = feed(15);
    const baseUrl2 = await serve(more.handler);
    const twice = reader({ baseUrl: baseUrl2 });
    const batches = await readAll(twice, { kind: 'feed', cursor: 'offset-10' }, 10);
    await twice.close();
    expect(batches.map((batch) => batch.rows.map((row) => row.id))).toEqual([['r11', 'r12', 'r13', 'r14', 'r15']]);
    expect(batches[0]!.checkpoint).toEqual({ kind: 'feed', cursor: 'offset-10' });
  });

  it('asks for pages of pageSize when set, and yields a page larger than asked as one batch', async () => {
    const requests: string[] = [];
    const baseUrl = await serve((request, response) => {
      requests.push(request.url ?? '');
      json(response, 200, { records: Array.from({ length: 7 }, (_, index) => ({ id: index })), nextCursor: null });
    });
    const feedReader = reader({ baseUrl }, 3);
    const batches = await readAll(feedReader, null, 500);
    await feedReader.close();
    expect(requests).toEqual(['/records?limit=3']);
    expect(batches.map((batch) => batch.rows.length)).toEqual([7]);
  });

  it('fails the read visibly when a page keeps failing, after the pages before it were yielded', async () => {
    const source = feed(30, { failAt: 'offset-20' });
    const feedReader = reader({ baseUrl: await serve(source.handler), maxTries: 3 });
    const yielded: ReadBatch[] = [];
    const error = await (async () => {
      for await (const batch of feedReader.batches(null, 10)) yielded.push(batch);
    })().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await feedReader.close();
    expect(yielded.map((batch) => batch.checkpoint)).toEqual([
      { kind: 'feed', cursor: 'offset-10' },
      { kind: 'feed', cursor: 'offset-20' },
    ]);
    expect(error).toBeInstanceOf(HttpSourceError);
    expect(error).toMatchObject({ status: 500, tries: 3 });
    expect(source.requests.filter((request) => request.cursor === 'offset-20')).toHaveLength(3);
  });

  it('refuses a page off the contract, naming the field', async () => {
    const baseUrl = await serve((_request, response) => json(response, 200, { records: [{ id: 1 }, 'x'], nextCursor: 7 }));
    const feedReader = reader({ baseUrl });
    const error = await readAll(feedReader, null, 10).then(
      () => undefined,
      (caught: unknown) => caught as HttpSourceError,
    );
    await feedReader.close();
    expect(error).toBeInstanceOf(HttpSourceError);
    expect(error!.failure).toBe('invalid_response');
    expect(error!.reason).toContain('records.1:');
    expect(error!.reason).toContain('nextCursor:');
  });

  it('refuses a feed that hands back the cursor it was asked for', async () => {
    const baseUrl = await serve((_request, response) => json(response, 200, { records: [], nextCursor: 'same' }));
    const feedReader = reader({ baseUrl });
    const error = await readAll(feedReader, { kind: 'feed', cursor: 'same' }, 10).then(
      () => undefined,
      (caught: unknown) => caught as HttpSourceError,
    );
    await feedReader.close();
    expect(error).toBeInstanceOf(HttpSourceError);
    expect(error!.reason).toContain('nextCursor: repeats the cursor');
  });

  it('refuses a checkpoint of another kind', async () => {
    const feedReader = reader({ baseUrl: 'http://127.0.0.1:9' });
    await expect(readAll(feedReader, { kind: 'database', cursor: '1' }, 10)).rejects.toThrow(/database checkpoint/);
    await feedReader.close();
  });
});
