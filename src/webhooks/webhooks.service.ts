import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { Transactions } from '../database/transactions.service.js';
import { type WebhookDefinition, webhookSecretProblem } from './webhook-definition.js';
import { type WebhookDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { type Webhook, WebhookRepository } from './webhook.repository.js';

/** Declares webhooks (audited with before and after) and lists their deliveries. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  list(): Promise<Webhook[]> {
    return this.webhooks.list();
  }

  async get(key: string): Promise<Webhook> {
    const webhook = await this.webhooks.findByKey(key);
    if (!webhook) throw new NotFoundException(`webhook "${key}" is not declared`);
    return webhook;
  }

  /** Declares or replaces a webhook; refused (400) when its secret variable is not set or too short. */
  async put(principal: Principal, key: string, definition: WebhookDefinition): Promise<{ webhook: Webhook; created: boolean }> {
    const problem = webhookSecretProblem(definition.secretEnv, this.config.connectors.secrets);
    if (problem) throw new DomainError('invalid', problem);
    return this.transactions.run(async (transaction) => {
      const before = await this.webhooks.findByKeyForUpdate(key, transaction);
      if (before && sameDefinition(before, definition)) return { webhook: before, created: false };
      await this.webhooks.upsert(key, definition, transaction);
      const webhook = (await this.webhooks.findByKey(key, transaction))!;
      // The secret's variable name is logged, never its value (which the service never stores anyway).
      await this.audit.record(
        principal,
        {
          action: before ? 'webhook.updated' : 'webhook.declared',
          targetType: 'webhook',
          targetId: key,
          details: { before: before ? definitionOf(before) : null, after: definitionOf(definition) },
        },
        transaction,
      );
      return { webhook, created: !before };
    });
  }

  async deliveriesOf(key: string, limit: number, before?: string): Promise<WebhookDelivery[]> {
    await this.get(key);
    return this.deliveries.list(key, limit, before);
  }
}

function definitionOf(webhook: WebhookDefinition): WebhookDefinition {
  return { url: webhook.url, events: webhook.events, secretEnv: webhook.secretEnv, enabled: webhook.enabled };
}

function sameDefinition(a: WebhookDefinition, b: WebhookDefinition): boolean {
  return JSON.stringify(definitionOf(a)) === JSON.stringify(definitionOf(b));
}
