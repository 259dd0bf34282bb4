import { Logger } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfiguration } from '../config/configuration.js';
import { createApiKeyStore } from './auth.module.js';
import { captureOutput } from '../../test/support/captured-output.js';

describe('createApiKeyStore', () => {
  let directory: string | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  // Finding: all four generated keys were printed to stdout.
  it('never prints generated keys: it prints the path of the owner-only file that holds them', () => {
    directory = mkdtempSync(join(tmpdir(), 'auth-'));
    const output = captureOutput();
    const config = loadConfiguration({ DATA_DIR: directory, LOG_FORMAT: 'text' });
    for (let start = 0; start < 2; start += 1) {
      createApiKeyStore(config, (message) => new Logger('Auth').warn(message));
    }
    vi.restoreAllMocks();
    const path = join(directory, 'api-keys.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const keys = (JSON.parse(readFileSync(path, 'utf8')) as { apiKeys: string }).apiKeys.split(',').map((entry) => entry.slice(entry.indexOf(':') + 1));
    expect(keys).toHaveLength(4);
    expect(output.text()).toContain(path);
    expect(output.text()).toContain('newly generated');
    expect(output.text()).toContain('stored');
    for (const key of keys) {
      expect(output.text()).not.toContain(key);
      expect(output.text()).not.toContain(key.slice(-12));
    }
  });

  it('uses API_KEYS as given and says nothing', () => {
    const warn = vi.fn();
    const store = createApiKeyStore(loadConfiguration({ API_KEYS: 'admin:admin-key-for-this-test' }), warn);
    expect(store.authenticate('admin-key-for-this-test')?.role).toBe('admin');
    expect(warn).not.toHaveBeenCalled();
  });
});
