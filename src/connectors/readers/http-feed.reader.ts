import type { Checkpoint, ConnectorReader, FeedCheckpoint, ReadBatch } from './connector-reader.js';
import { HttpSourceError, type HttpSourceClient } from './http-source.client.js';

export interface HttpFeedReaderOptions {
  /** `limit` asked of the feed; defaults to the run's batch size. */
  pageSize?: number;
  /** Closes the client with the reader (default true: the reader owns the client it was given). */
  closeClient?: boolean;
}

/**
 * Reads an HTTP feed (`GET {baseUrl}/records?limit=<n>[&cursor=<c>]` → `{ records, nextCursor }`)
 * page by page until `nextCursor` is null. One page is one batch, whatever its size (a source that
 * sends more rows than `limit` asked gets them committed together; a page is at most the client's
 * body cap, so memory stays bounded).
 *
 * Checkpoints: a page's batch carries `{ kind: 'feed', cursor: page.nextCursor }`, so a resume after
 * that batch is committed asks for the next page. The last page (nextCursor null) keeps the cursor that
 * fetched it instead: null would mean "from the start", and the next run would read the whole feed
 * again. So the next run asks for the last page again (its rows come back as duplicates, which
 * idempotent ingest counts as such) and then for anything the feed added after it.
 */
export class HttpFeedReader implements ConnectorReader {
  private readonly pageSize?: number;
  private readonly closeClient: boolean;

  constructor(
    private readonly client: HttpSourceClient,
    options: HttpFeedReaderOptions = {},
  ) {
    if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1)) {
      throw new RangeError('pageSize must be a positive integer');
    }
    this.pageSize = options.pageSize;
    this.closeClient = options.closeClient ?? true;
  }

  /** A feed does not say how much is left. */
  async remaining(): Promise<number | undefined> {
    return undefined;
  }

  async *batches(from: Checkpoint | null, batchSize: number, signal?: AbortSignal): AsyncIterable<ReadBatch> {
    if (from !== null && from.kind !== 'feed') throw new TypeError(`an HTTP feed cannot resume from a ${from.kind} checkpoint`);
    const limit = this.pageSize ?? batchSize;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('batchSize must be a positive integer');
    let cursor: string | null = from?.cursor ?? null;
    for (;;) {
      signal?.throwIfAborted();
      const { body: page, tries } = await this.client.feedPage({ cursor, limit, signal });
      if (page.nextCursor !== null && page.nextCursor === cursor) {
        throw new HttpSourceError({
          failure: 'invalid_response',
          reason: 'response does not match the contract: nextCursor: repeats the cursor asked for (the feed would never end)',
          status: 200,
          tries,
          request: `GET ${this.client.host}/records`,
        });
      }
      const checkpoint: FeedCheckpoint = { kind: 'feed', cursor: page.nextCursor ?? cursor };
      yield { rows: page.records, checkpoint, completedFiles: [] };
      if (page.nextCursor === null) return;
      cursor = page.nextCursor;
    }
  }

  async close(): Promise<void> {
    if (this.closeClient) await this.client.close();
  }
}
