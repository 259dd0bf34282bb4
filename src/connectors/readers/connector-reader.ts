/**
 * What every connector reader gives the run: rows in batches, each with the checkpoint from which
 * reading resumes once the batch is committed. The run stores the checkpoint in the transaction that
 * stores the batch's records, so a crash resumes from the last committed batch.
 */

/** One row as read: column (or JSON field) name to value. Values are strings, numbers, booleans, null, or nested JSON. */
export type ConnectorRow = Record<string, unknown>;

/** Database tables: the last committed value of the cursor column (as text, exactly as read). */
export interface DatabaseCheckpoint {
  kind: 'database';
  cursor: string;
}

/** File drops: the file in progress (by checksum) and how many of its rows are committed. */
export interface FileCheckpoint {
  kind: 'file';
  file: { checksum: string; name: string; rowsDone: number } | null;
}

/** HTTP feeds: the page cursor the feed gave for the next page (null: from the start). */
export interface FeedCheckpoint {
  kind: 'feed';
  cursor: string | null;
}

export type Checkpoint = DatabaseCheckpoint | FileCheckpoint | FeedCheckpoint;

/** A file read to its end: recorded with its last batch, and never read again (even renamed). */
export interface CompletedFile {
  name: string;
  checksum: string;
  size: number;
  rows: number;
}

export interface ReadBatch {
  rows: ConnectorRow[];
  /** Where reading resumes once these rows are committed. */
  checkpoint: Checkpoint;
  /** Files this batch finishes (a file with no rows still completes, in a batch of zero rows). */
  completedFiles: CompletedFile[];
}

export interface ConnectorReader {
  /** The number of rows still to read, when the reader can tell cheaply (progress ETA); undefined otherwise. */
  remaining?(from: Checkpoint | null): Promise<number | undefined>;
  /**
   * Reads from `from` (null: from the start) in batches of about `batchSize` rows. Memory stays
   * bounded whatever the size of the source: rows are streamed, never loaded whole.
   */
  batches(from: Checkpoint | null, batchSize: number, signal?: AbortSignal): AsyncIterable<ReadBatch>;
  close(): Promise<void>;
}
