import { describe, expect, it } from 'vitest';
import { hostKeyFingerprint, parseSftpUrl, SftpUrlError } from './sftp-fetch.client.js';

describe('parseSftpUrl', () => {
  it('reads user, password, host, port and the remote directory, percent-decoded', () => {
    expect(parseSftpUrl('sftp://crm%40partner:p%40ss%3Aw0rd@sftp.example.cn:2222/exports/daily')).toEqual({
      host: 'sftp.example.cn',
      port: 2222,
      username: 'crm@partner',
      password: 'p@ss:w0rd',
      remoteDirectory: '/exports/daily',
    });
  });

  it('defaults the port to 22 and takes a key file, passphrase and pinned host key', () => {
    const fingerprint = `SHA256:${'A'.repeat(43)}`;
    expect(parseSftpUrl(`sftp://drop@10.0.0.5/srv/out?key=/etc/contact-recovery/id_ed25519&passphrase=s3cret&hostKey=${encodeURIComponent(fingerprint)}`)).toEqual({
      host: '10.0.0.5',
      port: 22,
      username: 'drop',
      privateKeyPath: '/etc/contact-recovery/id_ed25519',
      passphrase: 's3cret',
      hostKeyFingerprint: fingerprint,
      remoteDirectory: '/srv/out',
    });
  });

  it('reads /~/ as relative to the login directory', () => {
    expect(parseSftpUrl('sftp://u:p@h/~/out').remoteDirectory).toBe('out');
    expect(parseSftpUrl('sftp://u:p@h/~').remoteDirectory).toBe('.');
    expect(parseSftpUrl('sftp://u:p@h').remoteDirectory).toBe('/');
  });

  it.each([
    ['https://u:p@h/x', /scheme must be sftp/],
    ['sftp://h/x', /no user/],
    ['sftp://u@h/x', /needs a password or a key/],
    ['sftp://u:p@h/x?keyfile=/k', /unknown parameter "keyfile"/],
    ['sftp://u@h/x?key=relative/key', /absolute path/],
    ['sftp://u:p@h/x?hostKey=MD5:aa', /SHA256/],
    ['not a url', /not a URL/],
  ])('refuses %j', (url, message) => {
    expect(() => parseSftpUrl(url)).toThrow(SftpUrlError);
    expect(() => parseSftpUrl(url)).toThrow(message);
  });

  it('never repeats the URL (it may hold a password) in its errors', () => {
    expect(() => parseSftpUrl('sftp://u:hunter2@h/x?bogus=1')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});

describe('hostKeyFingerprint', () => {
  it('is the unpadded base64 SHA-256 of the key blob, as ssh-keygen -lf prints it', () => {
    expect(hostKeyFingerprint(Buffer.from('abc'))).toBe('SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0');
  });
});
