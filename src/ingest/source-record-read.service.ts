import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { SourceRecordPayload } from '../records/source-record.js';
import type { ResolvedAddressDto, ResolvedPhoneDto, SourceRecordReadDto } from './source-record-read.dto.js';
import { maskPhoneOrWhole } from '../privacy/masking.js';
import { maskRawAddress, maskSourceRecordPayload } from './source-record-masking.js';
import { compact } from '../common/objects.js';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async read(principal: Principal, sourceKey: string, sourceRecordId: string, { purpose, unmaskReason }: SourceRecordReadOptions = {}): Promise<SourceRecordReadDto> {
    const versions: { id: string; version: number; observed_at: Date; received_at: Date; batch_id: string; content_hash: string; payload: SourceRecordPayload; borrower_id: string; person_id: string }[] =
      await this.dataSource.query(
        `SELECT version.id, version.version, version.observed_at, version.received_at, version.batch_id, version.content_hash,
                version.payload, version.borrower_id, canonical_person(version.person_id) AS person_id
         FROM source_record record
         JOIN source_record_version version ON version.source_record_uuid = record.id
         WHERE record.source_key = $1 AND record.source_record_id = $2
         ORDER BY version.version DESC`,
        [sourceKey, sourceRecordId],
      );
    if (versions.length === 0) throw new NotFoundException(`no record "${sourceRecordId}" from source "${sourceKey}"`);
    const current = versions[0];
    const observations: { field: string; raw: string; contact_point_id: string | null; error: string | null; e164: string | null; extension: string | null; subtype: string | null }[] =
      await this.dataSource.query(
        `SELECT observation.field, observation.raw, point.id AS contact_point_id, observation.error,
                point.e164, point.extension, point.subtype
         FROM observation LEFT JOIN contact_point point ON point.id = canonical_contact_point(observation.contact_point_id)
         WHERE observation.source_record_version_id = $1
         ORDER BY CASE observation.field WHEN 'phone' THEN 0 WHEN 'employer_phone' THEN 1 ELSE 2 END, observation.position, observation.part`,
        [current.id],
      );
    const unmasked = unmaskReason !== undefined;
    // Masked, a phone shows only its masked raw text: e164 and extension would give the number away (as in provenance).
    const phones: ResolvedPhoneDto[] = observations
      .filter((row) => row.field !== 'address')
      .map((row) =>
        compact({
          raw: unmasked ? row.raw : maskPhoneOrWhole(row.raw),
          contactPointId: row.contact_point_id,
          e164: unmasked ? (row.e164 ?? undefined) : undefined,
          extension: unmasked ? (row.extension ?? undefined) : undefined,
          type: row.subtype ?? undefined,
          error: row.error ?? undefined,
          field: row.field,
        }),
      );
    const addresses: ResolvedAddressDto[] = observations
      .filter((row) => row.field === 'address')
      .map((row) => compact({ raw: unmasked ? row.raw : maskRawAddress(row.raw), contactPointId: row.contact_point_id, error: row.error ?? undefined }));
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
      personId: current.person_id,
      borrowerId: current.borrower_id,
      phones,
      addresses,
      versions: versions.map((version) => ({
        version: version.version,
        observedAt: version.observed_at,
        receivedAt: version.received_at,
        batchId: version.batch_id,
        // An unsalted SHA-256 of the full payload: with the masked fields beside it, the hidden digits could be
        // guessed and checked offline, so only an unmasked answer carries it.
        contentHash: unmasked ? version.content_hash : undefined,
      })),
    };
  }
}

