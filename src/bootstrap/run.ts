import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, type ProcessRole } from '../app.module.js';
import { type AppConfig, ConfigurationError, loadConfiguration } from '../config/configuration.js';
import { startDatabase } from './database-server.js';
import { createHttpApplication } from './http-application.js';
import { createLogger } from './logger.js';

/** The validated configuration, or undefined after printing what is wrong with it. */
export function configurationOrReason(): AppConfig | undefined {
  try {
    return loadConfiguration();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      return undefined;
    }
    throw error;
  }
}

/** Boots one process: the API (HTTP), the worker (jobs only), or both. */
export async function run(role: ProcessRole): Promise<void> {
  const config = configurationOrReason();
  if (!config) process.exit(1);
  if (role === 'worker' && !config.redis.url) {
    console.error('start:worker needs REDIS_URL: without Redis, jobs run inside the API process (npm start).');
    process.exit(1);
  }
  Logger.overrideLogger(createLogger(config));
  const database = await startDatabase(config);
  const logger = new Logger('Main');
  const options = { config, databaseUrl: database.url, role };
  const app =
    role === 'worker'
      ? await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: createLogger(config) })
      : await createHttpApplication(options);
  app.enableShutdownHooks();
  if (role !== 'worker') {
    await (app as Awaited<ReturnType<typeof createHttpApplication>>).listen(config.http.port, config.http.host);
    logger.log(`API listening on http://${config.http.host}:${config.http.port} (docs at /docs)`);
  } else {
    await app.init();
    logger.log('worker started');
  }
  // The embedded database stops after Nest has closed its connections.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app
        .close()
        .then(() => database.stop())
        .finally(() => process.exit(0));
    });
  }
}
