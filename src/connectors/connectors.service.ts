import { Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { Transactions } from '../database/transactions.service.js';
import { ContactPlanSettingsService } from '../contact-plan/contact-plan-settings.service.js';
import { ScheduleService } from '../queue/schedule.service.js';
import { SourcesService } from '../sources/sources.service.js';
import { connectorProblems } from './connector-checks.js';
import type { ConnectorDefinition } from './connector-definition.js';
import { type Connector, ConnectorRepository } from './connector.repository.js';
import { DeclaredConnectorsService } from './declared-connectors.service.js';

/** Declares connectors (API and config/connectors.json), audited, and keeps their schedules in the queue. */
@Injectable()
export class ConnectorsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Connectors');

  constructor(
    private readonly transactions: Transactions,
    private readonly connectors: ConnectorRepository,
    private readonly sources: SourcesService,
    private readonly audit: AuditService,
    private readonly declared: DeclaredConnectorsService,
    private readonly schedules: ScheduleService,
    private readonly contactPlanSettings: ContactPlanSettingsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Connectors in config/connectors.json are (re)applied at every start; then the queue's schedules are made to match. */
  async onApplicationBootstrap(): Promise<void> {
    for (const { key, definition } of this.declared.connectors) await this.put(SYSTEM_PRINCIPAL, key, definition, 'config', { schedule: false });
    if (this.declared.connectors.length > 0) this.logger.log(`${this.declared.connectors.length} connector(s) declared in config`);
    const wanted = (await this.connectors.list()).flatMap((connector) => this.scheduleOf(connector) ?? []);
    await this.schedules.syncFamily('connectors', wanted);
  }

  list(): Promise<Connector[]> {
    return this.connectors.list();
  }

  async get(key: string): Promise<Connector> {
    const connector = await this.connectors.findByKey(key);
    if (!connector) throw new NotFoundException(`connector "${key}" is not declared`);
    return connector;
  }

  /** Declares or replaces a connector; refused whole (400 naming the field) when the environment cannot serve it. */
  async put(
    principal: Principal,
    key: string,
    definition: ConnectorDefinition,
    declaredIn: 'api' | 'config' = 'api',
    options: { schedule: boolean } = { schedule: true },
  ): Promise<{ connector: Connector; created: boolean }> {
    const source = await this.sources.list().then((all) => all.find((candidate) => candidate.key === definition.source));
    const problems = connectorProblems(definition, {
      fileRoots: this.config.connectors.fileRoots,
      secretNames: new Set(this.config.connectors.secrets.keys()),
      source,
    });
    if (problems.length > 0) throw new DomainError('invalid', problems.join('; '));
    const outcome = await this.transactions.run(async (transaction) => {
      const before = await this.connectors.findByKeyForUpdate(key, transaction);
      const unchanged = before && before.declaredIn === declaredIn && JSON.stringify(before.definition) === JSON.stringify(definition);
      if (unchanged) return { connector: before, created: false, changed: false };
      await this.connectors.upsert(key, definition, declaredIn, transaction);
      const connector = (await this.connectors.findByKey(key, transaction))!;
      await this.audit.record(
        principal,
        {
          action: before ? 'connector.updated' : 'connector.declared',
          targetType: 'connector',
          targetId: key,
          details: { before: before ? { declaredIn: before.declaredIn, definition: before.definition } : null, after: { declaredIn, definition } },
        },
        transaction,
      );
      return { connector, created: !before, changed: true };
    });
    if (outcome.changed && options.schedule) await this.schedules.syncOne('connectors', key, this.scheduleOf(outcome.connector));
    return { connector: outcome.connector, created: outcome.created };
  }

  private scheduleOf(connector: Connector): { key: string; timing: { pattern: string; tz: string }; data: { connectorKey: string; scheduleId: string } } | undefined {
    const { schedule, enabled } = connector.definition;
    if (!schedule || enabled === false) return undefined;
    return { key: connector.key, timing: { pattern: schedule, tz: this.contactPlanSettings.contactRules.timeZone }, data: { connectorKey: connector.key, scheduleId: `connector:${connector.key}` } };
  }
}
