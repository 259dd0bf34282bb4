var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
/** "Where did this number come from": a stored record and what each of its values resolved to. */
let SourceRecordReadService = class SourceRecordReadService {
    constructor(dataSource, audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }
    async read(principal, sourceKey, sourceRecordId, purpose) {
        const versions = await this.dataSource.query(`SELECT version.id, version.version, version.observed_at, version.received_at, version.batch_id, version.content_hash,
                version.payload, version.borrower_id, canonical_person(version.person_id) AS person_id
         FROM source_record record
         JOIN source_record_version version ON version.source_record_uuid = record.id
         WHERE record.source_key = $1 AND record.source_record_id = $2
         ORDER BY version.version DESC`, [sourceKey, sourceRecordId]);
        if (versions.length === 0)
            throw new NotFoundException(`no record "${sourceRecordId}" from source "${sourceKey}"`);
        const current = versions[0];
        const observations = await this.dataSource.query(`SELECT observation.field, observation.raw, point.id AS contact_point_id, observation.error,
                point.e164, point.extension, point.subtype
         FROM observation LEFT JOIN contact_point point ON point.id = canonical_contact_point(observation.contact_point_id)
         WHERE observation.source_record_version_id = $1
         ORDER BY CASE observation.field WHEN 'phone' THEN 0 WHEN 'employer_phone' THEN 1 ELSE 2 END, observation.position, observation.part`, [current.id]);
        const phones = observations
            .filter((row) => row.field !== 'address')
            .map((row) => compact({
            raw: row.raw,
            contactPointId: row.contact_point_id,
            e164: row.e164 ?? undefined,
            extension: row.extension ?? undefined,
            type: row.subtype ?? undefined,
            error: row.error ?? undefined,
            field: row.field,
        }));
        const addresses = observations
            .filter((row) => row.field === 'address')
            .map((row) => compact({ raw: row.raw, contactPointId: row.contact_point_id, error: row.error ?? undefined }));
        // The response carries unmasked personal data: every read is audited.
        await this.audit.record(principal, {
            action: 'source_record.read',
            targetType: 'source_record',
            targetId: `${sourceKey}/${sourceRecordId}`,
            borrowerRef: current.payload.borrower.ref,
            purpose,
        });
        return {
            sourceKey,
            record: current.payload,
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
                contentHash: version.content_hash,
            })),
        };
    }
};
SourceRecordReadService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource,
        AuditService])
], SourceRecordReadService);
export { SourceRecordReadService };
function compact(object) {
    return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
//# sourceMappingURL=source-record-read.service.js.map