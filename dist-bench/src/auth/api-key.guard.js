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
import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyStore } from './api-key-store.js';
import { PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators.js';
/** Every route needs `Authorization: Bearer <key>` unless marked @Public(); roles come from @Roles(). */
let ApiKeyGuard = class ApiKeyGuard {
    constructor(reflector, store) {
        this.reflector = reflector;
        this.store = store;
    }
    canActivate(context) {
        const targets = [context.getHandler(), context.getClass()];
        if (this.reflector.getAllAndOverride(PUBLIC_METADATA, targets))
            return true;
        const request = context.switchToHttp().getRequest();
        const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
        if (!match)
            throw new UnauthorizedException('Authorization: Bearer <API key> is required');
        const principal = this.store.authenticate(match[1]);
        if (!principal)
            throw new UnauthorizedException('unknown API key');
        request.principal = principal;
        const roles = this.reflector.getAllAndOverride(ROLES_METADATA, targets) ?? [];
        if (!roles.includes(principal.role)) {
            throw new ForbiddenException(`role ${principal.role} may not do this (needs ${roles.join(' or ') || 'a route role'})`);
        }
        return true;
    }
};
ApiKeyGuard = __decorate([
    Injectable(),
    __param(1, Inject(ApiKeyStore)),
    __metadata("design:paramtypes", [Reflector,
        ApiKeyStore])
], ApiKeyGuard);
export { ApiKeyGuard };
//# sourceMappingURL=api-key.guard.js.map