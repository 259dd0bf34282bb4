import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule, type AppModuleOptions } from '../app.module.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { createLogger } from './logger.js';
import { securityHeaders } from './security-headers.js';

/** The API process: HTTP, validation, OpenAPI at /docs and /docs-json. Used by the entry points and the e2e tests. */
export async function createHttpApplication(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: createLogger(options.config),
    bodyParser: false,
  });
  // Before the body parser, so request latency includes reading the body (and 413s are counted).
  if (options.config.metrics) app.use(app.get(MetricsService).httpMiddleware());
  // First, so that every answer (413s and 404s included) carries them.
  app.use(securityHeaders());
  app.useBodyParser('json', { limit: options.config.http.bodyLimit });
  // Answers hold personal data computed per request: no validators to hash every body for, and
  // nothing for a browser or proxy to keep.
  app.set('etag', false);
  // request.ip (and so the per-address rate limit) is the client behind the load balancers TRUST_PROXY names.
  app.set('trust proxy', options.config.trustProxy);
  app.disable('x-powered-by');
  app.use('/v1', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Every @Body/@Query that declares a zod schema is validated against it (and documented from it).
  app.useGlobalPipes(new ZodValidationPipe());
  app.use(requestLog());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Contact recovery (失联修复)')
      .setDescription('Contact records in, deduplicated contact points with provenance out. Personal data is masked unless a role and a reason unmask it.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** One structured line per request: no bodies, no query strings (they can hold personal data). */
function requestLog() {
  const logger = new Logger('Http');
  return (request: Request, response: Response, next: NextFunction) => {
    const started = performance.now();
    response.on('finish', () => {
      const principal = (request as Request & { principal?: { id: string } }).principal;
      logger.log({
        method: request.method,
        path: request.path,
        status: response.statusCode,
        durationMilliseconds: Math.round(performance.now() - started),
        actor: principal?.id,
      });
    });
    next();
  };
}
