import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiRole } from '../config/configuration.js';
import { ApiKeyStore } from './api-key-store.js';
import { PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators.js';
import type { Principal } from './principal.js';

/** Every route needs `Authorization: Bearer <key>` unless marked @Public(); roles come from @Roles(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyStore) private readonly store: ApiKeyStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('Authorization: Bearer <API key> is required');
    const principal = this.store.authenticate(match[1]);
    if (!principal) throw new UnauthorizedException('unknown API key');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_METADATA, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this (needs ${roles.join(' or ') || 'a route role'})`);
    }
    return true;
  }
}
