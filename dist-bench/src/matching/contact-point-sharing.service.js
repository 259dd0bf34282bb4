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
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
/**
 * How many distinct borrowers and sources mention each contact point. Deferred out of the
 * ingest transaction: it reads every observation of a point, which grows with sharing.
 */
let ContactPointSharingService = class ContactPointSharingService {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async refresh(contactPointIds) {
        if (contactPointIds.length === 0)
            return 0;
        const [, affected] = (await this.dataSource.query(`UPDATE contact_point point
       SET borrower_count = counts.borrowers, source_count = counts.sources
       FROM (
         SELECT contact_point_id, count(DISTINCT borrower_id) AS borrowers, count(DISTINCT source_key) AS sources
         FROM observation WHERE contact_point_id = ANY($1::uuid[])
         GROUP BY contact_point_id
       ) AS counts
       WHERE point.id = counts.contact_point_id
         AND (point.borrower_count, point.source_count) IS DISTINCT FROM (counts.borrowers, counts.sources)`, [contactPointIds]));
        return affected;
    }
};
ContactPointSharingService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], ContactPointSharingService);
export { ContactPointSharingService };
//# sourceMappingURL=contact-point-sharing.service.js.map