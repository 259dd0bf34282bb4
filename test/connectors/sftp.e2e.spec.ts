/**
 * SFTP drops against a real OpenSSH server on loopback, started here with its own host key, client
 * key and configuration in a temporary folder. Skipped, saying why, where /usr/sbin/sshd is not
 * installed (Debian: apt-get install openssh-server; .ci/run tries that).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/common/free-port.js';
import type { ReadBatch } from '../../src/connectors/readers/connector-reader.js';
import { fileNameMatcher } from '../../src/connectors/readers/file-pattern.js';
import { FileReader } from '../../src/connectors/readers/file.reader.js';
import { fetchSftpFiles } from '../../src/connectors/readers/sftp-fetch.client.js';

const SSHD = '/usr/sbin/sshd';
const haveSshd = existsSync(SSHD) && existsSync('/usr/bin/ssh-keygen');
const title = haveSshd
  ? 'SFTP fetch against a real sshd on loopback'
  : `SFTP fetch against a real sshd (skipped: ${SSHD} or ssh-keygen is not installed; on Debian: apt-get install openssh-server)`;

async function waitForBanner(port: number, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`sshd exited with ${server.exitCode}: ${log()}`);
    const banner = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1_000, () => socket.destroy());
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString());
      });
      socket.once('error', () => resolve(''));
      socket.once('close', () => resolve(''));
    });
    if (banner.startsWith('SSH-')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sshd did not start on port ${port}: ${log()}`);
}

describe.skipIf(!haveSshd)(title, () => {
  let folder: string;
  let remote: string;
  let server: ChildProcess;
  let output = '';
  let baseUrl: string;
  let fingerprint: string;

  beforeAll(async () => {
    folder = await realpath(await mkdtemp(join(tmpdir(), 'sftp-e2e-')));
    remote = join(folder, 'remote');
    await mkdir(remote);
    const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e', '-f', file], { stdio: 'pipe' });
    keygen(join(folder, 'host_key'));
    keygen(join(folder, 'client_key'));
    await writeFile(join(folder, 'authorized_keys'), await readFile(join(folder, 'client_key.pub')));
    fingerprint = execFileSync('ssh-keygen', ['-lf', join(folder, 'host_key.pub')]).toString().split(' ')[1]!;
    const port = await freePort();
    const config = [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${join(folder, 'host_key')}`,
      `AuthorizedKeysFile ${join(folder, 'authorized_keys')}`,
      'StrictModes no',
      'PermitRootLogin yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      `PidFile ${join(folder, 'sshd.pid')}`,
      'LogLevel VERBOSE',
    ].join('\n');
    await writeFile(join(folder, 'sshd_config'), `${config}\n`);
    // sshd insists on its privilege-separation directory when started as root.
    if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    server = spawn(SSHD, ['-D', '-e', '-f', join(folder, 'sshd_config')], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (data) => (output += data));
    server.stderr!.on('data', (data) => (output += data));
    await waitForBanner(port, server, () => output);
    baseUrl = `sftp://${encodeURIComponent(userInfo().username)}@127.0.0.1:${port}${remote}?key=${encodeURIComponent(join(folder, 'client_key'))}`;
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('copies the matching files into the work folder, then only those that changed', async () => {
    const gbk = iconv.encode('id,name,address\r\n1,张三,上海市浦东新区世纪大道100号\r\n', 'gbk');
    await writeFile(join(remote, '2026-12-01.csv'), gbk);
    await writeFile(join(remote, '2026-12-02.csv'), 'id,name\n2,李四\n');
    await writeFile(join(remote, 'readme.txt'), 'not a drop');
    await writeFile(join(remote, '.uploading.csv'), 'hidden');
    await mkdir(join(remote, 'sub.csv'));
    const work = join(folder, 'work-1');
    await mkdir(work);
    const matches = fileNameMatcher('*.csv');

    const first = await fetchSftpFiles({ url: `${baseUrl}&hostKey=${encodeURIComponent(fingerprint)}`, workDirectory: work, matches });
    expect(first).toEqual({ fetched: ['2026-12-01.csv', '2026-12-02.csv'], unchanged: [], changing: [] });
    expect((await readdir(work)).sort()).toEqual(['2026-12-01.csv', '2026-12-02.csv']);
    expect(await readFile(join(work, '2026-12-01.csv'))).toEqual(gbk);

    await writeFile(join(remote, '2026-12-02.csv'), 'id,name\n2,李四\n3,王五\n');
    const second = await fetchSftpFiles({ url: baseUrl, workDirectory: work, matches });
    expect(second).toEqual({ fetched: ['2026-12-02.csv'], unchanged: ['2026-12-01.csv'], changing: [] });
    expect((await readFile(join(work, '2026-12-02.csv'))).toString()).toBe('id,name\n2,李四\n3,王五\n');
  });

  it('refuses a server whose host key is not the pinned one', async () => {
    const work = join(folder, 'work-2');
    await mkdir(work);
    const wrong = `SHA256:${'A'.repeat(43)}`;
    await expect(fetchSftpFiles({ url: `${baseUrl}&hostKey=${encodeURIComponent(wrong)}`, workDirectory: work, matches: () => true })).rejects.toThrow(/SFTP fetch from .* failed: .*verification failed/i);
    expect(await readdir(work)).toEqual([]);
  });

  it('holds the declared directory to the roots even though SFTP copies land in the work folder', async () => {
    const reader = new FileReader({
      settings: { directory: '/etc', pattern: '*', format: 'csv', encoding: 'utf-8' },
      allowedRoots: [join(folder, 'roots')],
      workDirectory: join(folder, 'service-data', 'connector-work', 'escape'),
      isDone: async () => false,
      sftpUrl: baseUrl,
    });
    await expect(reader.batches(null, 10)[Symbol.asyncIterator]().next()).rejects.toThrow(/"\/etc" is not under an allowed root/);
  });

  it('refuses a client key the server does not know', async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(folder, 'stranger_key')], { stdio: 'pipe' });
    const url = baseUrl.replace(encodeURIComponent(join(folder, 'client_key')), encodeURIComponent(join(folder, 'stranger_key')));
    await expect(fetchSftpFiles({ url, workDirectory: folder, matches: () => true })).rejects.toThrow(/authentication/i);
  });

  it('lets a file connector read an SFTP drop end to end, GBK included, and not twice', async () => {
    await rm(remote, { recursive: true, force: true });
    await mkdir(remote);
    await writeFile(join(remote, 'crm.csv'), iconv.encode('id,name,address\r\n7,赵六,"广东省广州市天河区体育西路1号, 12楼"\r\n', 'gbk'));
    const roots = join(folder, 'roots');
    await mkdir(roots);
    const done = new Set<string>();
    const reader = () =>
      new FileReader({
        settings: { directory: join(roots, 'crm'), pattern: '*.csv', format: 'csv', encoding: 'gbk' },
        allowedRoots: [roots],
        workDirectory: join(folder, 'service-data', 'connector-work', 'crm'),
        isDone: async (checksum) => done.has(checksum),
        sftpUrl: `${baseUrl}&hostKey=${encodeURIComponent(fingerprint)}`,
        stableMilliseconds: 10,
      });
    const read = async (): Promise<ReadBatch[]> => {
      const batches: ReadBatch[] = [];
      for await (const batch of reader().batches(null, 100)) {
        batches.push(batch);
        for (const file of batch.completedFiles) done.add(file.checksum);
      }
      return batches;
    };
    const batches = await read();
    expect(batches.flatMap((batch) => batch.rows)).toEqual([{ id: '7', name: '赵六', address: '广东省广州市天河区体育西路1号, 12楼' }]);
    expect(batches.flatMap((batch) => batch.completedFiles.map((file) => file.name))).toEqual(['crm.csv']);
    expect(await read()).toEqual([]);
  });
});
