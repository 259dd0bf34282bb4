import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiKeyStore, loadOrGenerateKeys } from './api-key-store.js';

describe('ApiKeyStore', () => {
  const store = new ApiKeyStore([
    { role: 'admin', key: 'admin-key-0000000000' },
    { role: 'operator', key: 'operator-key-000000' },
  ]);

  it('resolves a key to its role and an id that does not reveal the key', () => {
    const principal = store.authenticate('operator-key-000000');
    expect(principal?.role).toBe('operator');
    expect(principal?.id).toMatch(/^operator:[0-9a-f]{12}$/);
    expect(principal?.id).not.toContain('operator-key');
  });

  it('rejects unknown keys, prefixes and near misses', () => {
    expect(store.authenticate('')).toBeUndefined();
    expect(store.authenticate('admin-key-000000000')).toBeUndefined();
    expect(store.authenticate('admin-key-00000000001')).toBeUndefined();
    expect(store.authenticate('ADMIN-KEY-0000000000')).toBeUndefined();
  });
});

describe('loadOrGenerateKeys', () => {
  let directory: string | undefined;
  afterEach(() => directory && rmSync(directory, { recursive: true, force: true }));

  it('generates one key per role once, owner-readable only, and reuses them', () => {
    directory = mkdtempSync(join(tmpdir(), 'keys-'));
    const first = loadOrGenerateKeys(directory);
    expect(first.generated).toBe(true);
    expect(first.keys.map((entry) => entry.role)).toEqual(['admin', 'platform', 'operator', 'auditor']);
    expect(new Set(first.keys.map((entry) => entry.key)).size).toBe(4);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const second = loadOrGenerateKeys(directory);
    expect(second.generated).toBe(false);
    expect(second.keys).toEqual(first.keys);
    expect(readFileSync(first.path, 'utf8')).toContain(first.keys[0].key);
  });
});
