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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseContactRules } from '../contact-plan/contact-rules.js';
import { DEFAULT_DISTANCE_WEIGHTS, parseDistanceWeights } from '../graph/relation-distance.js';
import { SOURCE_KEY_PATTERN, SOURCE_KINDS, SOURCE_SYSTEMS } from '../sources/source-types.js';
import { ConfigurationError } from './configuration.js';
import { InjectConfig } from './config.tokens.js';
const declaredSourcesSchema = z.object({
    sources: z.array(z.object({
        key: z.string().regex(SOURCE_KEY_PATTERN),
        system: z.enum(SOURCE_SYSTEMS),
        kind: z.enum(SOURCE_KINDS),
        displayName: z.string().max(200).optional(),
        trust: z.number().min(0).max(1).optional(),
    })),
});
const matchingSchema = z.object({
    /** Uncertain pairs scoring below this are not worth an operator's time. */
    suggestionMinimumScore: z.object({ address: z.number().min(0).max(1), person: z.number().min(0).max(1) }),
    /** At most this many stored addresses are compared with each new one (blocks are small; this bounds the worst). */
    candidatesPerAddress: z.number().int().min(1).max(10_000),
});
/** Domain settings kept in files under CONFIG_DIR (declared sources, later rules and weights), validated at boot. */
let DomainSettingsService = class DomainSettingsService {
    constructor(config) {
        const directory = config.storage.configDirectory;
        this.declaredSources = readJson(directory, 'sources.json', declaredSourcesSchema, { sources: [] }).sources;
        this.matching = readJson(directory, 'matching.json', matchingSchema, {
            suggestionMinimumScore: { address: 0.5, person: 0.5 },
            candidatesPerAddress: 100,
        });
        this.contactRules = parseWith(directory, 'contact-rules.json', parseContactRules, DEFAULT_CONTACT_RULES);
        this.distanceWeights = parseWith(directory, 'relation-distance.json', parseDistanceWeights, DEFAULT_DISTANCE_WEIGHTS);
    }
};
DomainSettingsService = __decorate([
    Injectable(),
    __param(0, InjectConfig()),
    __metadata("design:paramtypes", [Object])
], DomainSettingsService);
export { DomainSettingsService };
export function readJson(directory, file, schema, fallback) {
    const path = join(directory, file);
    if (!existsSync(path))
        return fallback;
    let content;
    try {
        content = JSON.parse(readFileSync(path, 'utf8'));
    }
    catch (error) {
        throw new ConfigurationError(`${path}: not valid JSON (${error.message})`);
    }
    const parsed = schema.safeParse(content);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new ConfigurationError(`${path}:\n  ${problems.join('\n  ')}`);
    }
    return parsed.data;
}
const DEFAULT_CONTACT_RULES = { timeZone: 'Asia/Shanghai', quietHours: { start: '22:00', end: '08:00' }, maximumConnectedCallsPerDay: 3, thirdPartyLocationInquiries: 1 };
/** For settings whose module owns a parser: a missing file means the module's defaults. */
function parseWith(directory, file, parse, fallback) {
    const content = readJson(directory, file, z.unknown(), fallback);
    try {
        return parse(content);
    }
    catch (error) {
        throw new ConfigurationError(`${join(directory, file)}: ${error.message}`);
    }
}
//# sourceMappingURL=domain-settings.service.js.map