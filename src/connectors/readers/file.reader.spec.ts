import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, mkdtemp, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileSettings } from '../connector-definition.js';
import type { Checkpoint, CompletedFile, ReadBatch } from './connector-reader.js';
import { FileReader, FileRootError, type FileReaderOptions } from './file.reader.js';
import { FileReadError, isInvalidFileRow } from './file-rows.js';

let root: string;
let drop: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'file-reader-')));
  drop = join(root, 'drop');
  await mkdir(drop);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function settings(overrides: Partial<FileSettings> = {}): FileSettings {
  return { directory: drop, pattern: '*.csv', format: 'csv', encoding: 'utf-8', ...overrides };
}

/** A reader whose completed files are remembered as a run would: by checksum, once their batch is taken. */
function reader(overrides: Partial<FileReaderOptions> = {}, done = new Set<string>()): FileReader & { done: Set<string> } {
  const instance = new FileReader({
    settings: settings(),
    allowedRoots: [root],
    isDone: async (checksum) => done.has(checksum),
    stableMilliseconds: 20,
    ...overrides,
  });
  return Object.assign(instance, { done });
}

async function readAll(instance: FileReader & { done: Set<string> }, from: Checkpoint | null = null, batchSize = 100): Promise<ReadBatch[]> {
  const batches: ReadBatch[] = [];
  for await (const batch of instance.batches(from, batchSize)) {
    batches.push(batch);
    for (const file of batch.completedFiles) instance.done.add(file.checksum);
  }
  return batches;
}

const rowsOf = (batches: ReadBatch[]) => batches.flatMap((batch) => batch.rows);
const completedOf = (batches: ReadBatch[]): CompletedFile[] => batches.flatMap((batch) => batch.completedFiles);
const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

describe('FileReader: CSV', () => {
  it('reads quoted fields, embedded newlines, CRLF and a UTF-8 BOM, values as strings', async () => {
    const content = '\uFEFFid,name,address,note\r\n1,张三,"上海市浦东新区世纪大道100号, 5楼","line one\r\nline two"\r\n2,"李""四""",北京市朝阳区建国路1号,\r\n';
    await writeFile(join(drop, 'a.csv'), content);
    const batches = await readAll(reader());
    expect(rowsOf(batches)).toEqual([
      { id: '1', name: '张三', address: '上海市浦东新区世纪大道100号, 5楼', note: 'line one\r\nline two' },
      { id: '2', name: '李"四"', address: '北京市朝阳区建国路1号', note: '' },
    ]);
    expect(completedOf(batches)).toEqual([{ name: 'a.csv', checksum: sha256(content), size: Buffer.byteLength(content), rows: 2 }]);
    expect(batches.at(-1)!.checkpoint).toEqual({ kind: 'file', file: null });
  });

  it('reads a file without BOM and with LF line ends the same way', async () => {
    await writeFile(join(drop, 'a.csv'), 'id,name\n1,张三\n\n2,王五\n');
    expect(rowsOf(await readAll(reader()))).toEqual([
      { id: '1', name: '张三' },
      { id: '2', name: '王五' },
    ]);
  });

  it('decodes GBK, as Excel on Chinese Windows saves it', async () => {
    const text = 'id,name,address\r\n1,张三,上海市浦东新区张江路88弄3号\r\n2,欧阳娜娜,"广东省深圳市南山区科技园, 8栋"\r\n';
    await writeFile(join(drop, 'gbk.csv'), iconv.encode(text, 'gbk'));
    const rows = rowsOf(await readAll(reader({ settings: settings({ encoding: 'gbk' }) })));
    expect(rows).toEqual([
      { id: '1', name: '张三', address: '上海市浦东新区张江路88弄3号' },
      { id: '2', name: '欧阳娜娜', address: '广东省深圳市南山区科技园, 8栋' },
    ]);
  });

  it('decodes GB18030, including characters GBK lacks', async () => {
    const text = 'id,name,address\n1,赵𠮷,浙江省杭州市西湖区文三路9号\n2,钱一,€ 欧元区\n';
    await writeFile(join(drop, 'gb18030.csv'), iconv.encode(text, 'gb18030'));
    const rows = rowsOf(await readAll(reader({ settings: settings({ encoding: 'gb18030' }) })));
    expect(rows).toEqual([
      { id: '1', name: '赵𠮷', address: '浙江省杭州市西湖区文三路9号' },
      { id: '2', name: '钱一', address: '€ 欧元区' },
    ]);
  });

  it('decodes multi-byte characters split across read chunks', async () => {
    const lines = ['id,name'];
    for (let index = 0; index < 20_000; index++) lines.push(`${index},张三丰${index}`);
    await writeFile(join(drop, 'big.csv'), iconv.encode(lines.join('\r\n'), 'gbk'));
    const rows = rowsOf(await readAll(reader({ settings: settings({ encoding: 'gbk' }) }), null, 5_000));
    expect(rows).toHaveLength(20_000);
    expect(rows.every((row, index) => row.name === `张三丰${index}`)).toBe(true);
  });

  it('fails a GBK file declared UTF-8 instead of reading mojibake', async () => {
    await writeFile(join(drop, 'a.csv'), iconv.encode('id,name\n1,张三\n', 'gbk'));
    await expect(readAll(reader())).rejects.toThrow(/"a.csv": is not valid UTF-8.*"gbk"/);
  });

  it('turns a record with the wrong field count into an invalid row and goes on', async () => {
    await writeFile(join(drop, 'a.csv'), 'id,name\n1,张三\n2,李四,extra\n3\n4,王五\n');
    const rows = rowsOf(await readAll(reader()));
    expect(rows).toEqual([
      { id: '1', name: '张三' },
      { __invalid: 'row has 3 fields, the header has 2', __file: 'a.csv', __row: 2 },
      { __invalid: 'row has 1 field, the header has 2', __file: 'a.csv', __row: 3 },
      { id: '4', name: '王五' },
    ]);
    expect(rows.filter(isInvalidFileRow)).toHaveLength(2);
  });

  it('keeps a stray quote inside an unquoted field, drops empty header columns and all-empty records', async () => {
    await writeFile(join(drop, 'a.csv'), 'id,address,\n1,幸福小区5"B,\n,,\n');
    expect(rowsOf(await readAll(reader()))).toEqual([{ id: '1', address: '幸福小区5"B' }]);
  });

  it('fails the file, naming it, on an unclosed quote or a repeated header column', async () => {
    await writeFile(join(drop, 'a.csv'), 'id,name\n1,"张三\n2,李四\n');
    await expect(readAll(reader())).rejects.toThrow(FileReadError);
    await rm(join(drop, 'a.csv'));
    await writeFile(join(drop, 'b.csv'), 'id,name,id\n1,2,3\n');
    await expect(readAll(reader())).rejects.toThrow(/"b.csv": header names column "id" twice/);
  });

  it('completes a file with a header only, and an empty file, in batches of zero rows', async () => {
    await writeFile(join(drop, 'a.csv'), 'id,name\r\n');
    await writeFile(join(drop, 'b.csv'), '');
    const batches = await readAll(reader());
    expect(batches.map((batch) => ({ rows: batch.rows.length, completed: batch.completedFiles.map((file) => [file.name, file.rows]) }))).toEqual([
      { rows: 0, completed: [['a.csv', 0]] },
      { rows: 0, completed: [['b.csv', 0]] },
    ]);
  });
});

describe('FileReader: NDJSON', () => {
  it('reads one object per line; a bad line becomes an invalid row with its line number', async () => {
    const lines = [
      '{"id":1,"name":"张三","phones":["13800138000"]}',
      '',
      '{"id":2,"name":"李四"',
      '[1,2]',
      '{"id":3,"__invalid":"forged"}',
      '{"id":4,"address":{"city":"上海市"}}\r',
    ];
    await writeFile(join(drop, 'a.ndjson'), `\uFEFF${lines.join('\n')}`);
    const rows = rowsOf(await readAll(reader({ settings: settings({ format: 'ndjson', pattern: '*.ndjson' }) })));
    expect(rows[0]).toEqual({ id: 1, name: '张三', phones: ['13800138000'] });
    expect(rows[1]).toMatchObject({ __file: 'a.ndjson', __row: 2, __line: 3 });
    expect(rows[1]!.__invalid).toMatch(/^line is not valid JSON: /);
    expect(rows[2]).toEqual({ __invalid: 'line is an array, not a JSON object', __file: 'a.ndjson', __row: 3, __line: 4 });
    expect(rows[3]).toEqual({ __invalid: 'line has the reserved field "__invalid"', __file: 'a.ndjson', __row: 4, __line: 5 });
    expect(rows[4]).toEqual({ id: 4, address: { city: '上海市' } });
    expect(rows).toHaveLength(5);
  });

  it('decodes GBK NDJSON', async () => {
    await writeFile(join(drop, 'a.ndjson'), iconv.encode('{"name":"张三","address":"上海市浦东新区陆家嘴环路1000号"}\n', 'gbk'));
    const rows = rowsOf(await readAll(reader({ settings: settings({ format: 'ndjson', pattern: '*.ndjson', encoding: 'gbk' }) })));
    expect(rows).toEqual([{ name: '张三', address: '上海市浦东新区陆家嘴环路1000号' }]);
  });
});

describe('FileReader: files, batches and checkpoints', () => {
  async function writeRows(name: string, count: number, first = 1): Promise<string> {
    const lines = ['id,name'];
    for (let index = first; index < first + count; index++) lines.push(`${index},联系人${index}`);
    const content = `${lines.join('\n')}\n`;
    await writeFile(join(drop, name), content);
    return content;
  }

  it('reads matching files in name order, in batches, each checkpoint naming the file and rows done', async () => {
    const a = await writeRows('a.csv', 5);
    await writeRows('b.csv', 2, 6);
    await writeFile(join(drop, 'ignored.txt'), 'id\n1\n');
    await mkdir(join(drop, 'dir.csv'));
    const batches = await readAll(reader(), null, 2);
    expect(batches.map((batch) => [batch.rows.map((row) => row.id), batch.checkpoint, batch.completedFiles.map((file) => file.name)])).toEqual([
      [['1', '2'], { kind: 'file', file: { checksum: sha256(a), name: 'a.csv', rowsDone: 2 } }, []],
      [['3', '4'], { kind: 'file', file: { checksum: sha256(a), name: 'a.csv', rowsDone: 4 } }, []],
      [['5'], { kind: 'file', file: null }, ['a.csv']],
      [['6', '7'], { kind: 'file', file: null }, ['b.csv']],
    ]);
  });

  it('resumes from a checkpoint in the middle of a file, skipping the rows done', async () => {
    const content = await writeRows('a.csv', 7);
    await writeRows('b.csv', 1, 8);
    const from: Checkpoint = { kind: 'file', file: { checksum: sha256(content), name: 'a.csv', rowsDone: 4 } };
    const batches = await readAll(reader(), from, 2);
    expect(rowsOf(batches).map((row) => row.id)).toEqual(['5', '6', '7', '8']);
    expect(completedOf(batches).map((file) => [file.name, file.rows])).toEqual([
      ['a.csv', 7],
      ['b.csv', 1],
    ]);
    expect(batches[0]!.checkpoint).toEqual({ kind: 'file', file: { checksum: sha256(content), name: 'a.csv', rowsDone: 6 } });
  });

  it('resumes by checksum even when the file was renamed since the checkpoint', async () => {
    const content = await writeRows('a.csv', 3);
    await rename(join(drop, 'a.csv'), join(drop, 'renamed.csv'));
    const from: Checkpoint = { kind: 'file', file: { checksum: sha256(content), name: 'a.csv', rowsDone: 2 } };
    expect(rowsOf(await readAll(reader(), from)).map((row) => row.id)).toEqual(['3']);
  });

  it('ends a batch at its size exactly when the file ends there, completing the file in it', async () => {
    await writeRows('a.csv', 4);
    const batches = await readAll(reader(), null, 2);
    expect(batches.map((batch) => [batch.rows.length, batch.completedFiles.length])).toEqual([
      [2, 0],
      [2, 1],
    ]);
  });

  it('never reads a done file again, even renamed or dropped twice under another name', async () => {
    await writeRows('a.csv', 3);
    const instance = reader();
    expect(completedOf(await readAll(instance))).toHaveLength(1);
    await rename(join(drop, 'a.csv'), join(drop, 'a-renamed.csv'));
    const skipped: string[] = [];
    const again = reader({ onFileSkipped: (name, reason) => skipped.push(`${name}:${reason}`) }, instance.done);
    expect(await readAll(again)).toEqual([]);
    expect(skipped).toEqual(['a-renamed.csv:done']);
  });

  it('reads a file whose copy appears twice in one run only once', async () => {
    const content = await writeRows('a.csv', 2);
    await writeFile(join(drop, 'copy.csv'), content);
    const isDone = async (): Promise<boolean> => false; // as if the run had not committed yet
    const batches = await readAll(reader({ isDone }));
    expect(completedOf(batches).map((file) => file.name)).toEqual(['a.csv']);
  });

  it('leaves a file that is still growing for the next run, and reads it then', async () => {
    await writeRows('a.csv', 2);
    await writeFile(join(drop, 'b.csv'), 'id,name\n1,x\n');
    const skipped: string[] = [];
    const instance = reader({ stableMilliseconds: 300, onFileSkipped: (name, reason) => skipped.push(`${name}:${reason}`) });
    const writer = (async () => {
      for (let step = 0; step < 5; step++) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        await appendFile(join(drop, 'b.csv'), `${step + 2},y\n`);
      }
    })();
    const batches = await readAll(instance);
    await writer;
    expect(completedOf(batches).map((file) => file.name)).toEqual(['a.csv']);
    expect(skipped).toEqual(['b.csv:changing']);
    const later = await readAll(reader({}, instance.done));
    expect(completedOf(later).map((file) => [file.name, file.rows])).toEqual([['b.csv', 6]]);
  });

  it('stops when the signal aborts', async () => {
    await writeRows('a.csv', 10);
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const batch of reader().batches(null, 2, controller.signal)) {
          seen.push(batch.rows.length);
          controller.abort(new Error('stop'));
        }
      })(),
    ).rejects.toThrow('stop');
    expect(seen).toEqual([2]);
  });

  it('refuses a checkpoint of another kind', async () => {
    await expect(readAll(reader(), { kind: 'database', cursor: 'x' })).rejects.toThrow(/cannot resume from a database checkpoint/);
  });

  it('says it cannot tell how many rows remain', async () => {
    expect(await reader().remaining()).toBeUndefined();
  });
});

describe('FileReader: allowed roots', () => {
  it('refuses a directory that climbs out of the roots with ..', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.csv'), 'id\n1\n');
    const instance = reader({ settings: settings({ directory: `${drop}/../outside` }), allowedRoots: [drop] });
    await expect(readAll(instance)).rejects.toThrow(FileRootError);
    await expect(readAll(instance)).rejects.toThrow(/is not under an allowed root \(CONNECTOR_FILE_ROOTS: /);
  });

  it('refuses a directory that is a symlink leading out of the roots', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.csv'), 'id\n1\n');
    await symlink(outside, join(drop, 'link'));
    const instance = reader({ settings: settings({ directory: join(drop, 'link') }), allowedRoots: [drop] });
    await expect(readAll(instance)).rejects.toThrow(/resolves \(through a symlink\) outside the allowed roots/);
  });

  it('refuses a file that is a symlink leading out of the roots', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.csv'), 'id\n1\n');
    await symlink(join(outside, 'secret.csv'), join(drop, 'innocent.csv'));
    await expect(readAll(reader({ allowedRoots: [drop] }))).rejects.toThrow(/"innocent.csv" .* symlink leading outside the allowed roots/);
  });

  it('refuses everything when no roots are set, without telling whether the path exists', async () => {
    await expect(readAll(reader({ allowedRoots: [] }))).rejects.toThrow(/CONNECTOR_FILE_ROOTS: none set/);
    const missing = reader({ settings: settings({ directory: '/no/such/place' }), allowedRoots: [drop] });
    await expect(readAll(missing)).rejects.toThrow(/is not under an allowed root/);
  });

  it('reads a directory reached through a symlinked root', async () => {
    await writeFile(join(drop, 'a.csv'), 'id\n1\n');
    await symlink(drop, join(root, 'drop-link'));
    const instance = reader({ settings: settings({ directory: join(root, 'drop-link') }), allowedRoots: [join(root, 'drop-link')] });
    expect(rowsOf(await readAll(instance))).toEqual([{ id: '1' }]);
  });
});

describe('FileReader: bounded memory', () => {
  it('streams a 200,000-row file with the retained heap staying flat', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = join(drop, 'big.csv');
    const output = createWriteStream(path);
    output.write('id,name,address,phone,note\r\n');
    for (let index = 0; index < 200_000; index++) {
      const line = `${index},联系人${index},"上海市浦东新区世纪大道${index}号, ${index % 30}楼",1380013${String(index % 10_000).padStart(4, '0')},"备注 ${'x'.repeat(60)}"\r\n`;
      if (!output.write(line)) await once(output, 'drain');
    }
    output.end();
    await once(output, 'close');

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let rows = 0;
    for await (const batch of reader().batches(null, 1_000)) {
      rows += batch.rows.length;
      if (rows % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(rows).toBe(200_000);
    // The file is ~30 MB and its rows as objects would take well over 100 MB of heap.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
