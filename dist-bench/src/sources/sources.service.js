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
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { DomainSettingsService } from '../config/domain-settings.service.js';
import { SourceEntity } from './source.entity.js';
import { BUILT_IN_SOURCES, defaultTrust } from './source-types.js';
let SourcesService = class SourcesService {
    constructor(dataSource, audit, settings) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.settings = settings;
        this.logger = new Logger('Sources');
    }
    /** Sources declared in config/sources.json are (re)applied at every start; built-in ones unless config declares them. */
    async onApplicationBootstrap() {
        const declared = new Set(this.settings.declaredSources.map((source) => source.key));
        const builtIn = BUILT_IN_SOURCES.filter((source) => !declared.has(source.key));
        for (const definition of [...this.settings.declaredSources, ...builtIn]) {
            await this.put(SYSTEM_PRINCIPAL, definition, 'config');
        }
        if (this.settings.declaredSources.length > 0)
            this.logger.log(`${this.settings.declaredSources.length} source(s) declared in config`);
    }
    list() {
        return this.dataSource.getRepository(SourceEntity).find({ order: { key: 'ASC' } });
    }
    async get(key) {
        const source = await this.dataSource.getRepository(SourceEntity).findOneBy({ key });
        if (!source)
            throw new NotFoundException(`source "${key}" is not registered`);
        return source;
    }
    /** Registers or updates a source; audited with what changed. Returns whether it was new. */
    async put(principal, definition, declaredIn = 'api') {
        return this.dataSource.transaction(async (manager) => {
            const repository = manager.getRepository(SourceEntity);
            const before = await repository.findOne({ where: { key: definition.key }, lock: { mode: 'pessimistic_write' } });
            const next = {
                key: definition.key,
                system: definition.system,
                kind: definition.kind,
                displayName: definition.displayName ?? null,
                trust: definition.trust ?? defaultTrust(definition.kind),
                declaredIn,
            };
            const unchanged = before &&
                before.system === next.system &&
                before.kind === next.kind &&
                before.displayName === next.displayName &&
                before.trust === next.trust &&
                before.declaredIn === next.declaredIn;
            if (unchanged)
                return { source: before, created: false };
            await repository.upsert(next, ['key']);
            const source = await repository.findOneByOrFail({ key: definition.key });
            await this.audit.record(principal, {
                action: before ? 'source.updated' : 'source.registered',
                targetType: 'source',
                targetId: definition.key,
                details: { before: before ? pick(before) : null, after: pick(source) },
            }, manager);
            return { source, created: !before };
        });
    }
};
SourcesService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource,
        AuditService,
        DomainSettingsService])
], SourcesService);
export { SourcesService };
function pick(source) {
    return { system: source.system, kind: source.kind, displayName: source.displayName, trust: source.trust, declaredIn: source.declaredIn };
}
//# sourceMappingURL=sources.service.js.map