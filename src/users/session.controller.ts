import { Body, Controller, Delete, Get, HttpCode, HttpException, HttpStatus, NotFoundException, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentSession, Public, Roles } from '../auth/auth.decorators.js';
import { CSRF_HEADER } from '../auth/csrf.js';
import type { SessionIdentity } from '../auth/identity-provider.js';
import { expiredSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from '../auth/session-cookie.js';
import { SessionsService, type SignInOutcome } from './sessions.service.js';
import { SessionDto, type SetupDto, setupSchema, type SignInDto, signInSchema } from './users.dto.js';

const REFUSED = 'username or password is wrong, or the account cannot sign in';

/**
 * Console sessions. Sign-in and setup take JSON only (the body parser reads nothing else), so a form on
 * another site cannot post to them without a CORS preflight, which this service never grants.
 */
@ApiTags('session')
@Controller('v1/session')
export class SessionController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto, description: 'Signed in: sets the HttpOnly session cookie. 401 for any wrong username, password or disabled account; 429 with Retry-After after too many failures' })
  async signIn(@Body({ schema: signInSchema }) body: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    await this.endCurrent(request);
    return this.answer(await this.sessions.signIn(body.username, body.password, clientAddress(request)), request, response, REFUSED);
  }

  @Post('setup')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto, description: 'Password set with the one-time code, and signed in. 401 for a wrong, used or expired code; 400 for a password the policy refuses' })
  async setUp(@Body({ schema: setupSchema }) body: SetupDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    await this.endCurrent(request);
    return this.answer(await this.sessions.setUp(body.username, body.code, body.password, clientAddress(request)), request, response, 'username or setup code is wrong, used or expired');
  }

  @Get()
  @Roles('operator', 'auditor', 'admin', 'platform')
  @ApiOkResponse({ type: SessionDto, description: 'Who is signed in, and the CSRF token to send with changes; 401 without a live session' })
  current(@CurrentSession() session: SessionIdentity | undefined): SessionDto {
    if (!session) throw new NotFoundException('no console session: this caller uses an API key');
    return SessionDto.of(session);
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out: the session ends server-side and the cookie is cleared. Needs X-CSRF-Token while the session is live' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) await this.sessions.signOut(token, request.get(CSRF_HEADER));
    response.setHeader('Set-Cookie', expiredSessionCookie(request.secure));
  }

  /** A new sign-in replaces whatever session this browser had. */
  private async endCurrent(request: Request): Promise<void> {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) await this.sessions.endSilently(token);
  }

  private answer(outcome: SignInOutcome, request: Request, response: Response, refusal: string): SessionDto {
    if (outcome.kind === 'locked_out') {
      response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `too many failed sign-ins for this username or from this address: retry after ${outcome.retryAfterSeconds} s` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (outcome.kind === 'refused') throw new UnauthorizedException(refusal);
    // Secure whenever the request came over TLS, as Express sees it through the proxies TRUST_PROXY names.
    response.setHeader('Set-Cookie', sessionCookie(outcome.session.token, request.secure));
    return SessionDto.of(outcome.session.identity);
  }
}

function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
