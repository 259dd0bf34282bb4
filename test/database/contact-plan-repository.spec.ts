import { NotFoundException } from '@nestjs/common';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ContactPlanRepository, PLAN_READS_PER_STATEMENT } from '../../src/contact-plan/contact-plan.repository.js';
import { openDataSource } from '../../src/database/data-source-options.js';
import { ensureBorrowers } from '../../src/borrowers/borrower.repository.js';
import { createTestDatabase } from '../support/test-database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;
let borrowerIds: Map<string, string>;
const REFS = Array.from({ length: PLAN_READS_PER_STATEMENT + 3 }, (_, index) => `REPO-${index}`);

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await openDataSource({ url: database.url, poolSize: 4 });
  borrowerIds = await ensureBorrowers(dataSource, REFS);
});
afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describe('ContactPlanRepository', () => {
  it('reads loads asked for together in as few statements as the batch size allows, each answered with its own borrower', async () => {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const query = vi.spyOn(pool, 'query');
    try {
      const repository = new ContactPlanRepository(dataSource);
      const results = await Promise.allSettled([...REFS.map((ref) => repository.load(ref)), repository.load('REPO-UNKNOWN', { unmasked: true })]);
      expect(query).toHaveBeenCalledTimes(2);
      REFS.forEach((ref, index) => {
        const result = results[index];
        expect(result.status).toBe('fulfilled');
        expect((result as PromiseFulfilledResult<{ borrowerId: string; borrowerRef: string }>).value).toMatchObject({ borrowerRef: ref, borrowerId: borrowerIds.get(ref) });
      });
      const unknown = results[REFS.length] as PromiseRejectedResult;
      expect(unknown.status).toBe('rejected');
      expect(unknown.reason).toBeInstanceOf(NotFoundException);
    } finally {
      query.mockRestore();
    }
  });

  it('reads a load asked for alone on its own', async () => {
    const repository = new ContactPlanRepository(dataSource);
    await expect(repository.load('REPO-1')).resolves.toMatchObject({ borrowerRef: 'REPO-1', persons: [], points: [] });
  });
});
