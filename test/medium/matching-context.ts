import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { expect } from 'vitest';
import { AppModule } from '../../src/app.module.js';
import type { Principal } from '../../src/auth/principal.js';
import { createLogger } from '../../src/bootstrap/logger.js';
import { loadConfiguration } from '../../src/config/configuration.js';
import { IngestPipelineService } from '../../src/ingest/ingest-pipeline.service.js';
import { SourceRecordReadService } from '../../src/ingest/source-record-read.service.js';
import { MatchCandidatesService } from '../../src/matching/match-candidates.service.js';
import type { JobPayloads } from '../../src/queue/job-definitions.js';
import { QUEUE_DRIVER } from '../../src/queue/queue-driver.interface.js';
import type { SourceRecordPayload } from '../../src/records/source-record.js';
import { RecordingQueueDriver } from '../support/recording-queue-driver.js';
import { createTestDatabase } from '../support/test-database.js';

export const PLATFORM: Principal = { id: 'platform:medium', role: 'platform' };
export const OPERATOR: Principal = { id: 'operator:medium', role: 'operator' };
/** Declared in config/sources.json, so present once the application has started. */
export const SOURCE = 'sales-crm';

type CandidateSearch = JobPayloads['matching.find-candidates'];

export interface MatchingContext {
  moduleRef: TestingModule;
  dataSource: DataSource;
  /** Ingests through the ingest pipeline (from SOURCE unless named); returns the candidate search the batch asked for (not run yet). */
  ingest(records: SourceRecordPayload[], source?: string): Promise<CandidateSearch>;
  /** Runs MatchCandidatesService over what a batch asked for, as the job would. */
  findCandidates(search: CandidateSearch): Promise<{ suggested: number; merged: number }>;
  /** The record as the read API answers it (merged persons and points resolved). */
  read(sourceRecordId: string): ReturnType<SourceRecordReadService['read']>;
  close(): Promise<void>;
}

/** The application's module graph (no HTTP) on its own cloned database, with jobs held back. */
export async function createMatchingContext(): Promise<MatchingContext> {
  const database = await createTestDatabase();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-medium-'));
  const config = loadConfiguration({
    NODE_ENV: 'test',
    DATA_DIR: dataDirectory,
    CONFIG_DIR: join(process.cwd(), 'config'),
    LOG_LEVEL: 'error',
    API_KEYS: 'admin:medium-admin-key-000000000000001',
  });
  const queue = new RecordingQueueDriver();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config, databaseUrl: database.url, role: 'all' })] })
    .overrideProvider(QUEUE_DRIVER)
    .useValue(queue)
    .setLogger(createLogger(config))
    .compile();
  await moduleRef.init();
  return {
    moduleRef,
    dataSource: moduleRef.get<DataSource>(getDataSourceToken()),
    async ingest(records, source = SOURCE) {
      const before = queue.jobs.length;
      const response = await moduleRef.get(IngestPipelineService).ingestBatch(source, records, PLATFORM);
      expect(response.rejected).toEqual([]);
      const searches = queue.jobs.slice(before).filter((job) => job.name === 'matching.find-candidates');
      expect(searches).toHaveLength(1);
      return searches[0].data as CandidateSearch;
    },
    findCandidates(search) {
      return moduleRef.get(MatchCandidatesService).process(search.addressPointIds, search.personIds);
    },
    read(sourceRecordId) {
      return moduleRef.get(SourceRecordReadService).read(OPERATOR, SOURCE, sourceRecordId);
    },
    async close() {
      await moduleRef.close();
      await database.drop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
