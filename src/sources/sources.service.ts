import { Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { Transactions } from '../database/transactions.service.js';
import { DeclaredSourcesService } from './declared-sources.service.js';
import { type Source, type SourceFields, SourceRepository } from './source.repository.js';
import { BUILT_IN_SOURCES, defaultTrust, type SourceDefinition } from './source-types.js';

@Injectable()
export class SourcesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sources');

  constructor(
    private readonly transactions: Transactions,
    private readonly sources: SourceRepository,
    private readonly audit: AuditService,
    private readonly declaredSources: DeclaredSourcesService,
  ) {}

  /** Sources declared in config/sources.json are (re)applied at every start; built-in ones unless config declares them. */
  async onApplicationBootstrap(): Promise<void> {
    const declared = new Set(this.declaredSources.sources.map((source) => source.key));
    const builtIn = BUILT_IN_SOURCES.filter((source) => !declared.has(source.key));
    for (const definition of [...this.declaredSources.sources, ...builtIn]) {
      await this.put(SYSTEM_PRINCIPAL, definition, 'config');
    }
    if (this.declaredSources.sources.length > 0) this.logger.log(`${this.declaredSources.sources.length} source(s) declared in config`);
  }

  list(): Promise<Source[]> {
    return this.sources.list();
  }

  async get(key: string): Promise<Source> {
    const source = await this.sources.findByKey(key);
    if (!source) throw new NotFoundException(`source "${key}" is not registered`);
    return source;
  }

  /** Registers or updates a source; audited with what changed. Returns whether it was new. */
  async put(principal: Principal, definition: SourceDefinition, declaredIn: 'api' | 'config' = 'api'): Promise<{ source: Source; created: boolean }> {
    return this.transactions.run(async (transaction) => {
      const before = await this.sources.findByKeyForUpdate(definition.key, transaction);
      const next: SourceFields = {
        key: definition.key,
        system: definition.system,
        kind: definition.kind,
        displayName: definition.displayName ?? null,
        trust: definition.trust ?? defaultTrust(definition.kind),
        declaredIn,
      };
      const unchanged =
        before &&
        before.system === next.system &&
        before.kind === next.kind &&
        before.displayName === next.displayName &&
        before.trust === next.trust &&
        before.declaredIn === next.declaredIn;
      if (unchanged) return { source: before, created: false };
      await this.sources.upsert(next, transaction);
      const source = (await this.sources.findByKey(definition.key, transaction))!;
      await this.audit.record(
        principal,
        {
          action: before ? 'source.updated' : 'source.registered',
          targetType: 'source',
          targetId: definition.key,
          details: { before: before ? pick(before) : null, after: pick(source) },
        },
        transaction,
      );
      return { source, created: !before };
    });
  }
}

function pick(source: Source): Record<string, unknown> {
  return { system: source.system, kind: source.kind, displayName: source.displayName, trust: source.trust, declaredIn: source.declaredIn };
}
