import { type CanActivate, type ExecutionContext, ForbiddenException, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiRole } from '../config/configuration.js';
import { ApiKeyStore } from './api-key-store.js';
import { PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators.js';
import type { Principal } from './principal.js';
import { RateLimiter } from './rate-limiter.js';

interface GuardedRequest {
  headers: Record<string, string | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
  principal?: Principal;
}

/**
 * Every route needs `Authorization: Bearer <key>` unless marked @Public(); roles come from @Roles().
 * Rate limits: an address that failed to authenticate too often in the window gets 429 (even with a
 * good key) until the window ends; so does a key that made too many requests.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyStore) private readonly store: ApiKeyStore,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const response = http.getResponse<{ setHeader(name: string, value: string): void }>();
    // request.ip is the socket address, or the client's behind the proxies TRUST_PROXY names.
    const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const lockedOut = await this.limiter.addressLockedOut(address);
    if (lockedOut !== undefined) throw tooManyRequests(response, lockedOut, 'too many failed authentications from this address');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      await this.limiter.recordFailedAuthentication(address);
      throw new UnauthorizedException('Authorization: Bearer <API key> is required');
    }
    const principal = this.store.authenticate(match[1]);
    if (!principal) {
      await this.limiter.recordFailedAuthentication(address);
      throw new UnauthorizedException('unknown API key');
    }
    const overLimit = await this.limiter.keyRequest(principal.id);
    if (overLimit !== undefined) throw tooManyRequests(response, overLimit, 'too many requests for this API key');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_METADATA, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this (needs ${roles.join(' or ') || 'a route role'})`);
    }
    return true;
  }
}

function tooManyRequests(response: { setHeader(name: string, value: string): void }, seconds: number, reason: string): HttpException {
  response.setHeader('Retry-After', String(seconds));
  return new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `${reason}: retry after ${seconds} s` }, HttpStatus.TOO_MANY_REQUESTS);
}
