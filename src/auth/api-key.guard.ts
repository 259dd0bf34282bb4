import { type CanActivate, type ExecutionContext, ForbiddenException, HttpException, HttpStatus, Inject, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiRole } from '../config/configuration.js';
import { ApiKeyStore } from './api-key-store.js';
import { PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators.js';
import { CSRF_HEADER, csrfTokenMatches, requiresCsrfToken } from './csrf.js';
import { effectiveRole, IDENTITY_PROVIDER, type IdentityProvider, type SessionIdentity, userPrincipalId } from './identity-provider.js';
import type { Principal } from './principal.js';
import { RateLimiter } from './rate-limiter.js';
import { expiredSessionCookie, readCookie, SESSION_COOKIE } from './session-cookie.js';

interface GuardedRequest {
  method: string;
  secure?: boolean;
  headers: Record<string, string | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
  principal?: Principal;
  session?: SessionIdentity;
}

/**
 * Every route needs `Authorization: Bearer <key>` (systems) or a console session cookie (people) unless
 * marked @Public(); roles come from @Roles(). A bearer header wins over a cookie. Cookie-authenticated
 * POST/PUT/PATCH/DELETE must carry the session's X-CSRF-Token; API-key requests need none (no browser
 * sends a bearer key on its own). Rate limits: an address that failed to authenticate too often in the
 * window gets 429 (even with good credentials) until the window ends; so does a key or user that made too
 * many requests.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyStore) private readonly store: ApiKeyStore,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    // Absent in a module graph without accounts: then only API keys are accepted.
    @Optional() @Inject(IDENTITY_PROVIDER) private readonly identities?: IdentityProvider,
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
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_METADATA, targets) ?? [];
    const sessionToken = readCookie(request.headers.cookie, SESSION_COOKIE);
    const principal =
      request.headers.authorization === undefined && sessionToken !== undefined && this.identities
        ? await this.sessionPrincipal(request, response, sessionToken, roles, address, this.identities)
        : await this.keyPrincipal(request, address);
    const overLimit = await this.limiter.keyRequest(principal.id);
    if (overLimit !== undefined) throw tooManyRequests(response, overLimit, `too many requests for this ${principal.username === undefined ? 'API key' : 'user'}`);
    request.principal = principal;
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this (needs ${roles.join(' or ') || 'a route role'})`);
    }
    return true;
  }

  private async keyPrincipal(request: GuardedRequest, address: string): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      await this.limiter.recordFailedAuthentication(address);
      throw new UnauthorizedException('Authorization: Bearer <API key> or a console session is required');
    }
    const principal = this.store.authenticate(match[1]);
    if (!principal) {
      await this.limiter.recordFailedAuthentication(address);
      throw new UnauthorizedException('unknown API key');
    }
    return principal;
  }

  private async sessionPrincipal(
    request: GuardedRequest,
    response: { setHeader(name: string, value: string): void },
    token: string, roles: readonly ApiRole[], address: string, identities: IdentityProvider): Promise<Principal> {
    const session = await identities.resolveSession(token);
    if (!session) {
      await this.limiter.recordFailedAuthentication(address);
      // The browser forgets the dead cookie, so it stops presenting it (and counting failures) on every request.
      response.setHeader('Set-Cookie', expiredSessionCookie(request.secure === true));
      throw new UnauthorizedException('the session has ended: sign in again');
    }
    // SameSite=Strict already keeps other sites' requests cookie-less; the token covers older browsers and same-site pages.
    if (requiresCsrfToken(request.method) && !csrfTokenMatches(session.csrfToken, request.headers[CSRF_HEADER])) {
      throw new ForbiddenException('X-CSRF-Token is missing or does not match the session (GET /v1/session gives it)');
    }
    request.session = session;
    const role = effectiveRole(session.roles, roles);
    if (role === undefined) {
      throw new ForbiddenException(`none of your roles (${session.roles.join(', ')}) may do this (needs ${roles.join(' or ') || 'a route role'})`);
    }
    return { id: userPrincipalId(session.userId), role, username: session.username };
  }
}

function tooManyRequests(response: { setHeader(name: string, value: string): void }, seconds: number, reason: string): HttpException {
  response.setHeader('Retry-After', String(seconds));
  return new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `${reason}: retry after ${seconds} s` }, HttpStatus.TOO_MANY_REQUESTS);
}
