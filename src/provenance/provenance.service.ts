import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { maskAddress, maskName, maskPhoneOrWhole } from '../privacy/masking.js';
import { addressParts } from '../privacy/unmask-policy.js';
import type { ContactPointDto } from './provenance.dto.js';

/** "Where did this number come from": a contact point with every observation behind it. */
@Injectable()
export class ProvenanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async contactPoint(principal: Principal, id: string, unmaskReason?: string): Promise<ContactPointDto> {
    const [point] = await this.dataSource.query(
      `WITH RECURSIVE member (id) AS (
         SELECT canonical_contact_point($1)
         UNION ALL
         SELECT merged.id FROM contact_point merged JOIN member ON merged.merged_into_id = member.id
       )
       SELECT point.*, ARRAY(SELECT id FROM member WHERE id <> point.id) AS merged_from
       FROM contact_point point WHERE point.id = (SELECT id FROM member LIMIT 1)`,
      [id],
    );
    if (!point) throw new NotFoundException(`contact point ${id} not found`);
    const members = [point.id, ...point.merged_from];
    const observations: { source_key: string; source_record_id: string; version: number; field: string; observed_at: Date; received_at: Date; raw: string; borrower_ref: string }[] =
      await this.dataSource.query(
        `SELECT observation.source_key, record.source_record_id, version.version, observation.field, observation.observed_at,
                version.received_at, observation.raw, record.borrower_ref
         FROM observation
         JOIN source_record_version version ON version.id = observation.source_record_version_id
         JOIN source_record record ON record.id = version.source_record_uuid
         WHERE observation.contact_point_id = ANY($1::uuid[])
         ORDER BY observation.observed_at DESC LIMIT 500`,
        [members],
      );
    const owners: { person_id: string; name: string | null; borrower_refs: string[] }[] = await this.dataSource.query(
      `SELECT owner.id AS person_id, person.name,
              ARRAY(SELECT DISTINCT borrower.ref FROM borrower_person link JOIN borrower ON borrower.id = link.borrower_id
                    WHERE link.person_id = owner.id OR link.person_id IN (SELECT id FROM person WHERE merged_into_id = owner.id)
                    ORDER BY borrower.ref) AS borrower_refs
       FROM (SELECT DISTINCT canonical_person(person_id) AS id FROM person_contact_point WHERE contact_point_id = ANY($1::uuid[])) AS owner
       JOIN person ON person.id = owner.id`,
      [members],
    );
    const unmasked = unmaskReason !== undefined;
    if (unmasked) {
      const borrowerRefs = [...new Set(observations.map((row) => row.borrower_ref))];
      await this.audit.record(principal, {
        action: 'contact_point.unmasked',
        targetType: 'contact_point',
        targetId: point.id,
        borrowerRef: borrowerRefs.length === 1 ? borrowerRefs[0] : undefined,
        purpose: unmaskReason,
        details: { borrowerRefs: borrowerRefs.slice(0, 50) },
      });
    }
    const masked = point.kind === 'phone' ? maskPhoneOrWhole(point.e164) : maskAddress(addressParts(point.address));
    return {
      id: point.id,
      mergedFrom: point.merged_from,
      kind: point.kind,
      masked,
      e164: unmasked && point.e164 ? point.e164 : undefined,
      extension: unmasked ? (point.extension ?? undefined) : undefined,
      address: unmasked && point.address ? point.address : undefined,
      subtype: point.subtype ?? undefined,
      carrierGroup: point.carrier_group ?? undefined,
      firstSeenAt: point.first_seen_at,
      lastSeenAt: point.last_seen_at,
      borrowerCount: point.borrower_count,
      sourceCount: point.source_count,
      owners: owners.map((owner) => ({ personId: owner.person_id, name: unmasked ? (owner.name ?? undefined) : maskName(owner.name), borrowerRefs: owner.borrower_refs })),
      observations: observations.map((row) => ({
        sourceKey: row.source_key,
        sourceRecordId: row.source_record_id,
        version: row.version,
        field: row.field,
        observedAt: row.observed_at,
        receivedAt: row.received_at,
        raw: unmasked ? row.raw : undefined,
      })),
    };
  }
}
