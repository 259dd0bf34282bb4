/**
 * File drops: CSV or NDJSON files in a local directory (or fetched first from an SFTP server into
 * a local work folder), read in name order, streamed, decoded from UTF-8, GBK or GB18030.
 *
 * - The directory must lie under one of the allowed roots (CONNECTOR_FILE_ROOTS), checked on the
 *   path as written and again after realpath, so neither `..` nor a symlink escapes; every file is
 *   checked the same way, so a symlinked file cannot point outside either.
 * - A file is identified by the SHA-256 of its bytes: one whose checksum `isDone` is skipped, so a
 *   file renamed or dropped twice is never processed twice.
 * - A file whose size or modification time changes during a short wait (stableMilliseconds) is
 *   still being written: it is left for the next run, neither read nor completed.
 * - Rows come in batches; each batch's checkpoint names the file in progress (by checksum) and the
 *   rows done in it, and resuming from a checkpoint skips those rows. The batch that finishes a
 *   file lists it in completedFiles (a file without rows completes in a batch of zero rows).
 * - A record that cannot be a row (bad NDJSON line, CSV record with the wrong field count) is
 *   returned as an InvalidFileRow (see file-rows.ts) for the run to quarantine; a file that cannot
 *   be read at all (broken CSV quoting, bad header, invalid UTF-8, a record over 1 MiB) fails the
 *   run with a FileReadError naming it.
 */
import { createHash } from 'node:crypto';
import { type Stats } from 'node:fs';
import { mkdir, open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import type { FileSettings } from '../connector-definition.js';
import type { Checkpoint, CompletedFile, ConnectorReader, ConnectorRow, FileCheckpoint, ReadBatch } from './connector-reader.js';
import { fileNameMatcher } from './file-pattern.js';
import { isUnderRoots } from './file-roots.js';
import { FileReadError, csvColumns, csvRow, invalidRow, ndjsonRow } from './file-rows.js';
import { fetchSftpFiles, type SftpFetchResult } from './sftp-fetch.client.js';

export type FileSkipReason = 'done' | 'changing' | 'not-a-file';

export interface FileReaderOptions {
  /** The connector's `file` settings (directory, pattern, format, encoding). */
  settings: FileSettings;
  /** Absolute directories file connectors may read (CONNECTOR_FILE_ROOTS, parsed with parseFileRoots). Empty: none. */
  allowedRoots: readonly string[];
  /** Whether a file with this SHA-256 (hex) was completed before (recorded from completedFiles). */
  isDone(checksum: string): Promise<boolean>;
  /**
   * SFTP only: where fetched copies land and are read from. It is the service's own folder (e.g.
   * `<data dir>/connector-files/<connector key>`), created if missing, and is trusted: it is not
   * checked against allowedRoots, so never derive it from the definition. Then `settings.directory`
   * is not read (it must still name a path under allowedRoots, but need not exist). When absent,
   * copies land in `settings.directory`, which must exist under allowedRoots.
   */
  workDirectory?: string;
  /** sftp://user[:password]@host[:port]/remote/path[?key=…&passphrase=…&hostKey=SHA256:…], the value of settings.sftpEnv. */
  sftpUrl?: string;
  /** How long a file's size and modification time must stay unchanged before it is read (default 2,000 ms). */
  stableMilliseconds?: number;
  /** Told about each matching file the run leaves alone, and why. */
  onFileSkipped?(name: string, reason: FileSkipReason): void;
  /** Told what the SFTP fetch did, before reading starts. */
  onFetched?(result: SftpFetchResult): void;
}

/** The directory (or a file in it) lies outside the allowed roots. */
export class FileRootError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRootError';
  }
}

/** A record longer than this (characters) fails the file: it bounds memory on a runaway quote. */
export const MAX_RECORD_CHARACTERS = 1 << 20;
const READ_CHUNK_BYTES = 64 * 1024;

interface Candidate {
  name: string;
  path: string;
  stats: Stats;
}

export class FileReader implements ConnectorReader {
  private readonly stableMilliseconds: number;
  private readonly matches: (name: string) => boolean;
  private readonly closing = new AbortController();

  constructor(private readonly options: FileReaderOptions) {
    this.stableMilliseconds = options.stableMilliseconds ?? 2_000;
    this.matches = fileNameMatcher(options.settings.pattern);
  }

  /**
   * Checks that `directory` lies under `roots`, on the path as written (without touching the file
   * system, so the answer never tells whether a path outside the roots exists) and after realpath.
   * Returns the real path. Useful when a definition is saved, to refuse it early.
   */
  static async checkDirectory(directory: string, roots: readonly string[]): Promise<string> {
    const shown = roots.length > 0 ? roots.join(', ') : 'none set';
    if (!isUnderRoots(directory, roots)) throw outsideRoots(directory, roots);
    let real: string;
    try {
      real = await realpath(directory);
    } catch (error) {
      throw new FileRootError(`connector directory "${directory}" cannot be opened: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const realRoots = await realRootsOf(roots);
    if (!isUnderRoots(real, realRoots)) {
      throw new FileRootError(`connector directory "${directory}" resolves (through a symlink) outside the allowed roots (CONNECTOR_FILE_ROOTS: ${shown})`);
    }
    return real;
  }

  remaining(): Promise<number | undefined> {
    return Promise.resolve(undefined);
  }

  async close(): Promise<void> {
    this.closing.abort(new Error('file reader closed'));
  }

  async *batches(from: Checkpoint | null, batchSize: number, signal?: AbortSignal): AsyncIterable<ReadBatch> {
    if (from !== null && from.kind !== 'file') throw new Error(`a file connector cannot resume from a ${from.kind} checkpoint`);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, not ${batchSize}`);
    const abort = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    abort.throwIfAborted();
    const resume = from?.file ?? null;

    const { directory, roots } = await this.prepareDirectory(abort);
    const candidates = await this.stableCandidates(directory, roots, abort);
    const completedThisRun = new Set<string>();

    for (const candidate of candidates) {
      abort.throwIfAborted();
      const handle = await open(candidate.path, 'r');
      try {
        if (changed(candidate.stats, await handle.stat())) {
          this.options.onFileSkipped?.(candidate.name, 'changing');
          continue;
        }
        const size = candidate.stats.size;
        const checksum = await sha256(handle, size, abort);
        if (changed(candidate.stats, await handle.stat())) {
          this.options.onFileSkipped?.(candidate.name, 'changing');
          continue;
        }
        if (completedThisRun.has(checksum) || (await this.options.isDone(checksum))) {
          this.options.onFileSkipped?.(candidate.name, 'done');
          continue;
        }
        const skip = resume !== null && resume.checksum === checksum ? resume.rowsDone : 0;
        let rowsDone = 0;
        let batch: ConnectorRow[] = [];
        const progress = (): FileCheckpoint => ({ kind: 'file', file: { checksum, name: candidate.name, rowsDone } });
        for await (const row of this.rows(handle, candidate.name, size, abort)) {
          if (rowsDone < skip) {
            rowsDone++;
            continue;
          }
          // A full batch waits for the next row, so the batch that ends the file is the one completing it.
          if (batch.length === batchSize) {
            yield { rows: batch, checkpoint: progress(), completedFiles: [] };
            abort.throwIfAborted();
            batch = [];
          }
          batch.push(row);
          rowsDone++;
        }
        const completed: CompletedFile = { name: candidate.name, checksum, size, rows: rowsDone };
        completedThisRun.add(checksum);
        yield { rows: batch, checkpoint: { kind: 'file', file: null }, completedFiles: [completed] };
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
  }

  /** The directory to read (real path) and the roots its files must lie under; fetches SFTP files first. */
  private async prepareDirectory(signal: AbortSignal): Promise<{ directory: string; roots: string[] }> {
    const { settings, allowedRoots, sftpUrl, workDirectory } = this.options;
    let target: string;
    let targetRoots: string[];
    if (sftpUrl !== undefined && workDirectory !== undefined) {
      // The declared directory is not read: it is held to the roots all the same, on its path alone.
      if (!isUnderRoots(settings.directory, allowedRoots)) throw outsideRoots(settings.directory, allowedRoots);
      await mkdir(workDirectory, { recursive: true, mode: 0o700 });
      target = await realpath(workDirectory);
      targetRoots = [target];
    } else {
      target = await FileReader.checkDirectory(settings.directory, allowedRoots);
      targetRoots = await realRootsOf(allowedRoots);
      if (sftpUrl === undefined) return { directory: target, roots: targetRoots };
    }
    const result = await fetchSftpFiles({ url: sftpUrl, workDirectory: target, matches: this.matches, signal });
    this.options.onFetched?.(result);
    return { directory: target, roots: targetRoots };
  }

  /** Matching regular files in name order whose size and time held still for stableMilliseconds. */
  private async stableCandidates(directory: string, roots: readonly string[], signal: AbortSignal): Promise<Candidate[]> {
    const names = (await readdir(directory)).filter(this.matches).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const candidates: Candidate[] = [];
    for (const name of names) {
      const path = join(directory, name);
      let real: string;
      try {
        real = await realpath(path);
      } catch {
        continue; // Gone since the listing, or a dangling symlink.
      }
      if (!isUnderRoots(real, roots)) throw new FileRootError(`file "${name}" in the connector directory is a symlink leading outside the allowed roots`);
      const stats = await stat(real);
      if (!stats.isFile()) {
        this.options.onFileSkipped?.(name, 'not-a-file');
        continue;
      }
      candidates.push({ name, path: real, stats });
    }
    if (candidates.length === 0) return candidates;
    await sleep(this.stableMilliseconds, undefined, { signal });
    const stable: Candidate[] = [];
    for (const candidate of candidates) {
      const now = await stat(candidate.path).catch(() => undefined);
      if (now === undefined) continue;
      if (changed(candidate.stats, now)) this.options.onFileSkipped?.(candidate.name, 'changing');
      else stable.push(candidate);
    }
    return stable;
  }

  /** The file's rows (valid or InvalidFileRow), streamed from its first `size` bytes. */
  private async *rows(handle: FileHandle, name: string, size: number, signal: AbortSignal): AsyncGenerator<ConnectorRow> {
    if (size === 0) return;
    const source = handle.createReadStream({ start: 0, end: size - 1, autoClose: false, highWaterMark: READ_CHUNK_BYTES });
    const decoder = this.options.settings.encoding === 'utf-8' ? new StrictUtf8Decoder(name) : iconv.decodeStream(this.options.settings.encoding);
    if (this.options.settings.format === 'csv') yield* csvRows(source, decoder, name, signal);
    else yield* ndjsonRows(source, decoder, name, signal);
  }
}

async function* csvRows(source: Readable, decoder: NodeJS.ReadWriteStream, name: string, signal: AbortSignal): AsyncGenerator<ConnectorRow> {
  const parser = parseCsv({
    bom: true,
    // Quotes inside an unquoted field (an address like 5"B) stay literal instead of failing the file.
    relax_quotes: true,
    // Field counts are compared with the header here, so a short or long record becomes an invalid row, not an error.
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  const records = pipeline(source, decoder, parser, () => undefined) as unknown as AsyncIterable<string[]>;
  let columns: Array<string | null> | null = null;
  let rowNumber = 0;
  try {
    for await (const fields of records) {
      if (columns === null) {
        columns = csvColumns(name, fields);
        continue;
      }
      yield csvRow(name, ++rowNumber, columns, fields);
    }
  } catch (error) {
    throw readError(name, error, signal, `after row ${rowNumber}`);
  } finally {
    parser.destroy();
  }
}

async function* ndjsonRows(source: Readable, decoder: NodeJS.ReadWriteStream, name: string, signal: AbortSignal): AsyncGenerator<ConnectorRow> {
  const text = pipeline(source, decoder, () => undefined) as unknown as AsyncIterable<string>;
  let pending = '';
  let oversized = false;
  let lineNumber = 0;
  let rowNumber = 0;
  const finish = (line: string): ConnectorRow | null => {
    lineNumber++;
    if (oversized) {
      oversized = false;
      return invalidRow(name, ++rowNumber, `line is longer than ${MAX_RECORD_CHARACTERS} characters`, lineNumber);
    }
    const row = ndjsonRow(name, rowNumber + 1, lineNumber, line);
    if (row !== null) rowNumber++;
    return row;
  };
  try {
    for await (const chunk of text) {
      let start = 0;
      let newline = chunk.indexOf('\n');
      while (newline !== -1) {
        const row = finish(oversized ? '' : pending + chunk.slice(start, newline));
        pending = '';
        if (row !== null) yield row;
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      if (!oversized) {
        pending += chunk.slice(start);
        if (pending.length > MAX_RECORD_CHARACTERS) {
          oversized = true;
          pending = '';
        }
      }
    }
    if (pending !== '' || oversized) {
      const row = finish(pending);
      if (row !== null) yield row;
    }
  } catch (error) {
    throw readError(name, error, signal, `at line ${lineNumber + 1}`);
  } finally {
    (decoder as unknown as Readable).destroy?.();
  }
}

function readError(name: string, error: unknown, signal: AbortSignal, where: string): unknown {
  if (signal.aborted) return signal.reason;
  if (error instanceof FileReadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FileReadError(name, `${message} (${where})`);
}

/** UTF-8 that refuses to guess: a byte sequence that is not UTF-8 fails the file (it is probably GBK), instead of becoming U+FFFD. */
class StrictUtf8Decoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private offset = 0;

  constructor(private readonly file: string) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.offset += chunk.length;
      if (text !== '') this.push(text);
      callback();
    } catch {
      callback(this.notUtf8());
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      const text = this.decoder.decode();
      if (text !== '') this.push(text);
      callback();
    } catch {
      callback(this.notUtf8());
    }
  }

  private notUtf8(): FileReadError {
    return new FileReadError(this.file, `is not valid UTF-8 (within the ${READ_CHUNK_BYTES} bytes after byte ${this.offset}); if it was saved by Excel on Chinese Windows, declare the encoding "gbk" or "gb18030"`);
  }
}

function changed(before: Stats, after: Stats): boolean {
  return before.size !== after.size || before.mtimeMs !== after.mtimeMs;
}

async function sha256(handle: FileHandle, size: number, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  if (size > 0) {
    for await (const chunk of handle.createReadStream({ start: 0, end: size - 1, autoClose: false, highWaterMark: READ_CHUNK_BYTES, signal })) {
      hash.update(chunk as Buffer);
    }
  }
  return hash.digest('hex');
}

function outsideRoots(directory: string, roots: readonly string[]): FileRootError {
  return new FileRootError(`connector directory "${directory}" is not under an allowed root (CONNECTOR_FILE_ROOTS: ${roots.length > 0 ? roots.join(', ') : 'none set'})`);
}

/** Roots as real paths (a root that does not exist is kept as written: nothing is under it anyway). */
async function realRootsOf(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map((root) => realpath(root).catch(() => root)));
}
