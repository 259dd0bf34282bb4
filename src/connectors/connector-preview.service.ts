import { BadGatewayException, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { meaningfulReason } from '../privacy/unmask-policy.js';
import { type PreviewItem, previewRows } from './connector-preview.js';
import { ConnectorReadersService } from './connector-readers.service.js';
import { ConnectorsService } from './connectors.service.js';
import type { ConnectorRow } from './readers/connector-reader.js';

/** Reads the first rows of a connector's source and shows what they would become, storing nothing. */
@Injectable()
export class ConnectorPreviewService {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly readers: ConnectorReadersService,
    private readonly audit: AuditService,
  ) {}

  async preview(principal: Principal, key: string, request: { limit: number; unmaskReason?: string }): Promise<{ connector: string; items: PreviewItem[] }> {
    const connector = await this.connectors.get(key);
    const reason = request.unmaskReason === undefined ? undefined : meaningfulReason(request.unmaskReason);
    if (request.unmaskReason !== undefined && reason === undefined) throw new DomainError('invalid', 'unmaskReason must say why (at least 4 letters or digits)');
    if (connector.definition.http?.mode === 'per-borrower') throw new DomainError('invalid', 'a per-borrower connector is asked about one borrower at a time: it has no rows to preview');
    const rows: ConnectorRow[] = [];
    const reader = this.readers.reader(connector);
    try {
      // From the start, as a first run would read; the checkpoint is not touched.
      for await (const batch of reader.batches(null, request.limit)) {
        rows.push(...batch.rows);
        if (rows.length >= request.limit) break;
      }
    } catch (error) {
      throw new BadGatewayException(`could not read from the connector's source: ${safeErrorMessage(error)}`);
    } finally {
      await reader.close();
    }
    const items = previewRows(connector.definition.mapping, rows.slice(0, request.limit), { unmasked: reason !== undefined });
    if (reason !== undefined) {
      await this.audit.record(principal, { action: 'connector.previewed_unmasked', targetType: 'connector', targetId: key, purpose: reason, details: { rows: items.length } });
    }
    return { connector: key, items };
  }
}
