import { describe, expect, it } from 'vitest';
import { migrationSummary } from './data-source-options.js';

describe('migrationSummary', () => {
  it('says how many migrations ran, which, and how long they took; or that none was pending', () => {
    expect(migrationSummary(['Users1797500000000', 'JobRunWorkerName1797600000000'], 41.7)).toBe('migrations: 2 applied (Users1797500000000, JobRunWorkerName1797600000000) in 42 ms');
    expect(migrationSummary([], 3)).toBe('no pending migrations');
  });
});
