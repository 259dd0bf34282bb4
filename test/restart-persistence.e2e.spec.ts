import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { startDatabase } from '../src/bootstrap/database-server.js';
import { createHttpApplication } from '../src/bootstrap/http-application.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { aSourceRecord } from './support/record-factory.js';
import { freePort } from '../src/common/free-port.js';

const dataDirectory = mkdtempSync(join(tmpdir(), 'contact-recovery-restart-'));
// As root, PostgreSQL runs as the 'postgres' user, which must be able to reach the data directory.
chmodSync(dataDirectory, 0o755);
afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

/** The zero-configuration path of `npm start`: no DATABASE_URL, no API_KEYS. */
async function boot(port: number) {
  const config = loadConfiguration({ NODE_ENV: 'development', DATA_DIR: dataDirectory, EMBEDDED_POSTGRES_PORT: String(port), LOG_LEVEL: 'error' });
  const database = await startDatabase(config);
  const app = await createHttpApplication({ config, databaseUrl: database.url, role: 'all' });
  await app.init();
  return {
    http: app.getHttpServer(),
    async stop() {
      await app.close();
      await database.stop();
    },
  };
}

function generatedKey(role: string): string {
  const stored = JSON.parse(readFileSync(join(dataDirectory, 'api-keys.json'), 'utf8')) as { apiKeys: string };
  const entry = stored.apiKeys.split(',').find((item) => item.startsWith(`${role}:`))!;
  return entry.slice(role.length + 1);
}

describe('embedded default', () => {
  it('keeps data and generated keys across a restart', async () => {
    const port = await freePort();
    const first = await boot(port);
    const admin = generatedKey('admin');
    await request(first.http).put('/v1/sources/restart-test').set('Authorization', `Bearer ${admin}`).send({ system: 'sales', kind: 'internal' }).expect(201);
    await request(first.http)
      .post('/v1/sources/restart-test/records')
      .set('Authorization', `Bearer ${generatedKey('platform')}`)
      .send({ records: [aSourceRecord({ sourceRecordId: 'survivor', phones: ['13812345678'] })] })
      .expect(200);
    await first.stop();

    const second = await boot(port);
    try {
      expect(generatedKey('admin')).toBe(admin);
      const read = await request(second.http)
        .get('/v1/sources/restart-test/records/survivor')
        .query({ unmask: 'true', reason: 'restart check' })
        .set('Authorization', `Bearer ${generatedKey('operator')}`)
        .expect(200);
      expect(read.body.phones[0].e164).toBe('+8613812345678');
    } finally {
      await second.stop();
    }
  }, 120_000);
});
