import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { maskAddress, maskName, maskPhoneOrWhole } from '../privacy/masking.js';
import { addressParts } from '../privacy/unmask-policy.js';
import { borrowersTouched, visibleContactPoint, visibleCounts, visibleHolders } from '../privacy/visibility.js';
import { ConsentService } from '../consent/consent.service.js';
import type { ContactPointDto } from './provenance.dto.js';
import { ProvenanceRepository } from './provenance.repository.js';

/** "Where did this number come from": a contact point with every observation behind it. */
@Injectable()
export class ProvenanceService {
  constructor(
    private readonly provenance: ProvenanceRepository,
    private readonly audit: AuditService,
    private readonly consent: ConsentService,
  ) {}

  async contactPoint(principal: Principal, id: string, unmaskReason?: string): Promise<ContactPointDto> {
    const point = await this.provenance.findCanonicalPoint(id);
    if (!point) throw new NotFoundException(`contact point ${id} not found`);
    const members = [point.id, ...point.mergedFrom];
    const [seen, sharing] = await Promise.all([this.provenance.observations(members), this.provenance.sharing(members)]);
    // Shown only if a borrower it belongs to allows it, with the observations their consent in force covers.
    const consents = await this.consent.inForceByRefs([...seen, ...sharing].map((row) => row.borrowerRef));
    const { visible, observations } = visibleContactPoint(seen, consents);
    if (!visible) throw new NotFoundException(`contact point ${id} not found`);
    const owners = visibleHolders(await this.provenance.owners(members), seen, consents);
    const unmasked = unmaskReason !== undefined;
    if (unmasked) {
      // One event per borrower the read touches, so the audit filter by borrower finds every unmask of a shared point.
      const borrowerRefs = borrowersTouched([...observations.map((row) => row.borrowerRef), ...owners.flatMap((owner) => owner.borrowerRefs)]);
      const event = { action: 'contact_point.unmasked', targetType: 'contact_point', targetId: point.id, purpose: unmaskReason, details: { borrowerRefs: borrowerRefs.slice(0, 50) } };
      await this.audit.record(principal, borrowerRefs.length === 0 ? [event] : borrowerRefs.map((borrowerRef) => ({ ...event, borrowerRef })));
    }
    const masked = point.kind === 'phone' ? maskPhoneOrWhole(point.e164) : maskAddress(addressParts(point.address));
    return {
      id: point.id,
      mergedFrom: point.mergedFrom,
      kind: point.kind,
      masked,
      e164: unmasked && point.e164 ? point.e164 : undefined,
      extension: unmasked ? (point.extension ?? undefined) : undefined,
      address: unmasked && point.address ? point.address : undefined,
      subtype: point.subtype ?? undefined,
      carrierGroup: point.carrierGroup ?? undefined,
      firstSeenAt: point.firstSeenAt,
      lastSeenAt: point.lastSeenAt,
      // Counted over what this caller may see: the stored counts include borrowers and bureaus consent hides.
      ...visibleCounts(sharing, consents),
      owners: owners.map((owner) => ({ personId: owner.personId, name: unmasked ? (owner.name ?? undefined) : maskName(owner.name), borrowerRefs: owner.borrowerRefs })),
      observations: observations.map((row) => ({
        sourceKey: row.sourceKey,
        sourceRecordId: row.sourceRecordId,
        version: row.version,
        field: row.field,
        observedAt: row.observedAt,
        receivedAt: row.receivedAt,
        raw: unmasked ? row.raw : undefined,
      })),
    };
  }
}
