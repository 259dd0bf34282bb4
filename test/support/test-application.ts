import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createHttpApplication } from '../../src/bootstrap/http-application.js';
import { type AppConfig, loadConfiguration } from '../../src/config/configuration.js';
import { QUEUE_DRIVER, type QueueDriver } from '../../src/queue/queue-driver.interface.js';
import { createTestDatabase } from './test-database.js';

export const TEST_KEYS = {
  admin: 'test-admin-key-0000000000000001',
  platform: 'test-platform-key-00000000000002',
  operator: 'test-operator-key-00000000000003',
  auditor: 'test-auditor-key-000000000000004',
} as const;

export interface TestApplication {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  queue: QueueDriver;
  config: AppConfig;
  close(): Promise<void>;
}

/** The real HTTP application on its own cloned database, with the in-process queue unless REDIS_URL is given. */
export async function createTestApplication(environment: Record<string, string> = {}): Promise<TestApplication> {
  const database = await createTestDatabase();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-test-data-'));
  const config = loadConfiguration({
    NODE_ENV: 'test',
    DATA_DIR: dataDirectory,
    CONFIG_DIR: join(process.cwd(), 'config'),
    LOG_LEVEL: 'error',
    API_KEYS: Object.entries(TEST_KEYS).map(([role, key]) => `${role}:${key}`).join(','),
    ...environment,
  });
  const app = await createHttpApplication({ config, databaseUrl: database.url, role: 'all' });
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    queue: app.get<QueueDriver>(QUEUE_DRIVER),
    config,
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

export const bearer = (role: keyof typeof TEST_KEYS): string => `Bearer ${TEST_KEYS[role]}`;
