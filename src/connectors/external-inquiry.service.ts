import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ConsentService } from '../consent/consent.service.js';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { IngestPipelineService } from '../ingest/ingest-pipeline.service.js';
import type { BorrowerIdentity } from '../records/source-record.repository.js';
import type { Connector } from './connector.repository.js';
import { ConnectorReadersService } from './connector-readers.service.js';
import { ExternalInquiryRepository } from './external-inquiry.repository.js';
import { mayAskAbout } from './inquiry-consent.js';
import { mapRow } from './record-mapping.js';

export interface InquiryAnswer {
  connector: string;
  source: string;
  outcome: 'answered' | 'not_found' | 'failed';
  /** Records the source sent (all of them went through ingest). */
  records: number;
  /** Contact points of the records stored, in record order, without repeats. */
  contactPointIds: string[];
  error?: string;
}

/**
 * Asks a per-borrower source about one borrower: only with the borrower's consent to external
 * sources in force, each call recorded (who, when, legal basis, outcome), the answer ingested like any
 * other record of that source.
 */
@Injectable()
export class ExternalInquiryService {
  constructor(
    private readonly consents: ConsentService,
    private readonly readers: ConnectorReadersService,
    private readonly inquiries: ExternalInquiryRepository,
    private readonly ingest: IngestPipelineService,
  ) {}

  async ask(connector: Connector, borrower: { id: string; ref: string }, identity: BorrowerIdentity, repairRunId: string | null): Promise<InquiryAnswer> {
    const http = connector.definition.http;
    if (!http || http.mode !== 'per-borrower') throw new Error(`connector "${connector.key}" is not a per-borrower connector`);
    // Checked here, where the request is made, whatever the caller checked before.
    if (!mayAskAbout(await this.consents.current(borrower.id))) {
      throw new Error(`borrower has no consent to external sources in force: "${connector.key}" was not asked`);
    }
    const answer: InquiryAnswer = { connector: connector.key, source: connector.definition.source, outcome: 'failed', records: 0, contactPointIds: [] };
    const askedAt = new Date();
    const client = this.readers.inquiryClient(connector);
    let status: number | null = null;
    try {
      const result = await client.ask({
        borrower: { ref: borrower.ref, name: identity.name, idNumber: identity.idNumber },
        employer: identity.employerName ? { name: identity.employerName } : undefined,
        legalBasis: http.legalBasis,
      });
      status = result.status;
      answer.outcome = result.outcome;
      answer.records = result.records.length;
      if (result.records.length > 0) {
        // A source answers about the borrower it was asked about: it cannot attach data to another one.
        const records = result.records.map((row) => {
          const record = mapRow(connector.definition.mapping, row);
          return { ...record, borrower: { ...(record.borrower as object), ref: borrower.ref } };
        });
        const principal: Principal = { id: `connector:${connector.key}`, role: 'admin' };
        const stored = await this.ingest.ingestBatch(connector.definition.source, records, principal);
        answer.contactPointIds = [...new Set(stored.records.flatMap((record) => record.contactPointIds))];
      }
    } catch (error) {
      answer.outcome = 'failed';
      answer.error = safeErrorMessage(error);
      status = (error as { status?: number }).status ?? null;
    }
    await this.inquiries.insert({
      connectorKey: connector.key,
      sourceKey: connector.definition.source,
      borrowerId: borrower.id,
      repairRunId,
      legalBasis: http.legalBasis,
      askedAt,
      outcome: answer.outcome,
      httpStatus: status,
      records: answer.records,
      durationMilliseconds: Date.now() - askedAt.getTime(),
      error: answer.error ?? null,
    });
    return answer;
  }
}


