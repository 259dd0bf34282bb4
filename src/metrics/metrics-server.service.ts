import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_MODULE_OPTIONS, type MetricsModuleOptions } from './metrics.options.js';
import { MetricsService } from './metrics.service.js';

/**
 * GET /metrics on a listener of its own (METRICS_HOST:METRICS_PORT), in the API and the worker alike:
 * the worker has no HTTP server, and the API's public port never serves it. With METRICS_TOKEN a scrape
 * must send `Authorization: Bearer <token>`.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;
  private readonly tokenDigest?: Buffer;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(METRICS_MODULE_OPTIONS) private readonly options: MetricsModuleOptions,
  ) {
    this.tokenDigest = options.settings.token === undefined ? undefined : digest(options.settings.token);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { host, port } = this.options.settings;
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`metrics on http://${host}:${this.address().port}/metrics${this.tokenDigest ? ' (bearer token required)' : ''}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where it listens (METRICS_PORT=0 picks a free port). */
  address(): AddressInfo {
    return this.server!.address() as AddressInfo;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return end(response, 404, 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return end(response, 405, 'method not allowed\n');
    }
    if (!this.authorised(request.headers.authorization)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return end(response, 401, 'unauthorised\n');
    }
    try {
      const body = await this.metrics.registry.metrics();
      response.setHeader('Content-Type', this.metrics.registry.contentType);
      end(response, 200, request.method === 'HEAD' ? '' : body);
    } catch (error) {
      this.logger.error(`metrics not collected: ${error instanceof Error ? error.name : 'unknown error'}`);
      end(response, 500, 'metrics unavailable\n');
    }
  }

  /** Compared as SHA-256 digests in constant time, like the API keys. */
  private authorised(header: string | undefined): boolean {
    if (!this.tokenDigest) return true;
    const match = /^Bearer (.+)$/i.exec(header ?? '');
    return match !== null && timingSafeEqual(digest(match[1].trim()), this.tokenDigest);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function end(response: ServerResponse, status: number, body: string): void {
  response.statusCode = status;
  if (!response.hasHeader('Content-Type')) response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(body);
}
