import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { ConnectorRepository } from './connector.repository.js';
import type { Connector } from './connector.repository.js';
import type { ConnectorReader } from './readers/connector-reader.js';
import { DatabaseReader } from './readers/database.reader.js';
import { ExternalInquiryClient } from './readers/external-inquiry.client.js';
import { FileReader } from './readers/file.reader.js';
import { HttpFeedReader } from './readers/http-feed.reader.js';
import { HttpSourceClient } from './readers/http-source.client.js';

/** Builds a connector's reader or client, with its secrets taken from the environment at the moment of use. */
@Injectable()
export class ConnectorReadersService implements OnApplicationShutdown {
  /** One client per per-borrower connector, so its rate limit holds across borrowers and runs of this process. */
  private readonly inquiryClients = new Map<string, { fingerprint: string; http: HttpSourceClient; client: ExternalInquiryClient }>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly connectors: ConnectorRepository,
  ) {}

  reader(connector: Connector): ConnectorReader {
    const { definition } = connector;
    if (definition.kind === 'database' && definition.database) {
      const { urlEnv, query, cursor } = definition.database;
      return new DatabaseReader({ url: this.secret('database.urlEnv', urlEnv), query, cursor, applicationName: `contact-recovery connector ${connector.key}` });
    }
    if (definition.kind === 'file' && definition.file) {
      const settings = definition.file;
      return new FileReader({
        settings,
        allowedRoots: this.config.connectors.fileRoots,
        workDirectory: join(this.config.storage.dataDirectory, 'connector-work', connector.key),
        isDone: (checksum) => this.connectors.isFileDone(connector.key, checksum),
        sftpUrl: settings.sftpEnv ? this.secret('file.sftpEnv', settings.sftpEnv) : undefined,
      });
    }
    if (definition.kind === 'http' && definition.http?.mode === 'feed') return new HttpFeedReader(this.httpClient(connector));
    throw new Error(`connector "${connector.key}" cannot be read as a whole (${definition.kind}${definition.http ? ` ${definition.http.mode}` : ''})`);
  }

  /** The client a per-borrower connector is asked through; kept while the connector's HTTP settings stay the same. */
  inquiryClient(connector: Connector): ExternalInquiryClient {
    const fingerprint = JSON.stringify(connector.definition.http);
    const cached = this.inquiryClients.get(connector.key);
    if (cached?.fingerprint === fingerprint) return cached.client;
    if (cached) void cached.http.close();
    const http = this.httpClient(connector);
    const client = new ExternalInquiryClient(http);
    this.inquiryClients.set(connector.key, { fingerprint, http, client });
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.inquiryClients.values()].map((entry) => entry.http.close()));
    this.inquiryClients.clear();
  }

  private httpClient(connector: Connector): HttpSourceClient {
    const http = connector.definition.http;
    if (!http) throw new Error(`connector "${connector.key}" is not an HTTP connector`);
    return new HttpSourceClient({
      baseUrl: this.secret('http.baseUrlEnv', http.baseUrlEnv),
      token: http.tokenEnv ? this.secret('http.tokenEnv', http.tokenEnv) : undefined,
      ratePerSecond: http.ratePerSecond,
    });
  }

  private secret(field: string, name: string): string {
    const value = this.config.connectors.secrets.get(name);
    if (value === undefined) throw new Error(`${field}: ${name} is not set in the service's environment`);
    return value;
  }
}
