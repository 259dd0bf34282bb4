import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ObservationRepository } from '../matching/observation.repository.js';
import { SourceRecordRepository } from '../records/source-record.repository.js';
import type { ResolvedAddressDto, ResolvedPhoneDto, SourceRecordReadDto } from './source-record-read.dto.js';
import { maskPhoneOrWhole } from '../privacy/masking.js';
import { maskRawAddress, maskSourceRecordPayload } from './source-record-masking.js';
import { compact } from '../common/objects.js';
import { ConsentService } from '../consent/consent.service.js';
import { mayShowRecord } from '../privacy/visibility.js';
import { SourcesService } from '../sources/sources.service.js';

export interface SourceRecordReadOptions {
  /** Why the caller is looking; written to the audit log. */
  purpose?: string;
  /** Set only after the caller checked the operator role (unmaskReason); full values, audited as unmasked. */
  unmaskReason?: string;
}

/** "Where did this number come from": a stored record and what each of its values resolved to. */
@Injectable()
export class SourceRecordReadService {
  constructor(
    private readonly sourceRecords: SourceRecordRepository,
    private readonly observations: ObservationRepository,
    private readonly audit: AuditService,
    private readonly sources: SourcesService,
    private readonly consent: ConsentService,
  ) {}

  async read(principal: Principal, sourceKey: string, sourceRecordId: string, { purpose, unmaskReason }: SourceRecordReadOptions = {}): Promise<SourceRecordReadDto> {
    const versions = await this.sourceRecords.findVersions(sourceKey, sourceRecordId);
    if (versions.length === 0) throw new NotFoundException(`no record "${sourceRecordId}" from source "${sourceKey}"`);
    const current = versions[0];
    // A record from an external source is shown only while its borrower's consent in force covers external sources.
    const [source, consent] = await Promise.all([this.sources.get(sourceKey), this.consent.current(current.borrowerId)]);
    if (!mayShowRecord(consent, source.kind)) throw new NotFoundException(`no record "${sourceRecordId}" from source "${sourceKey}"`);
    const observations = await this.observations.findResolvedValues(current.id);
    const unmasked = unmaskReason !== undefined;
    // Masked, a phone shows only its masked raw text: e164 and extension would give the number away (as in provenance).
    const phones: ResolvedPhoneDto[] = observations
      .filter((row) => row.field !== 'address')
      .map((row) =>
        compact({
          raw: unmasked ? row.raw : maskPhoneOrWhole(row.raw),
          contactPointId: row.contactPointId,
          e164: unmasked ? (row.e164 ?? undefined) : undefined,
          extension: unmasked ? (row.extension ?? undefined) : undefined,
          type: row.subtype ?? undefined,
          error: row.error ?? undefined,
          field: row.field,
        }),
      );
    const addresses: ResolvedAddressDto[] = observations
      .filter((row) => row.field === 'address')
      .map((row) => compact({ raw: unmasked ? row.raw : maskRawAddress(row.raw), contactPointId: row.contactPointId, error: row.error ?? undefined }));
    // Every read is audited, masked or not; an unmasked one also the way every other unmasked read is (`*.unmasked`, reason as purpose).
    const target = { targetType: 'source_record', targetId: `${sourceKey}/${sourceRecordId}`, borrowerRef: current.payload.borrower.ref };
    await this.audit.record(principal, [
      { action: 'source_record.read', ...target, purpose: unmaskReason ?? purpose },
      ...(unmasked ? [{ action: 'source_record.unmasked', ...target, purpose: unmaskReason }] : []),
    ]);
    return {
      sourceKey,
      record: unmasked ? current.payload : maskSourceRecordPayload(current.payload),
      version: current.version,
      personId: current.personId,
      borrowerId: current.borrowerId,
      phones,
      addresses,
      versions: versions.map((version) => ({
        version: version.version,
        observedAt: version.observedAt,
        receivedAt: version.receivedAt,
        batchId: version.batchId,
        // An unsalted SHA-256 of the full payload: with the masked fields beside it, the hidden digits could be
        // guessed and checked offline, so only an unmasked answer carries it.
        contentHash: unmasked ? version.contentHash : undefined,
      })),
    };
  }
}

