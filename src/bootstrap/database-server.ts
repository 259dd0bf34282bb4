import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/configuration.js';
import { EmbeddedPostgresServer } from '../database/embedded-postgres-server.js';

export interface DatabaseHandle {
  url: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise a real PostgreSQL from embedded-postgres, kept under DATA_DIR. */
export async function startDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.database.url) return { url: config.database.url, stop: async () => undefined };
  const logger = new Logger('Database');
  const directory = join(config.storage.dataDirectory, 'postgres');
  const server = new EmbeddedPostgresServer({
    directory,
    // generated once, owner-only; PostgreSQL listens on 127.0.0.1 only
    passwordFile: join(config.storage.dataDirectory, 'postgres-password'),
    port: config.database.embeddedPort,
    database: 'contact_recovery',
    onLog: (message) => logger.debug(message.trim()),
  });
  await server.start();
  logger.log(`embedded PostgreSQL on 127.0.0.1:${config.database.embeddedPort}, data in ${directory}`);
  return { url: server.url, stop: () => server.stop() };
}
