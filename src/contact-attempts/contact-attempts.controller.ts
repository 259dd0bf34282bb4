import { BadRequestException, Body, Controller, HttpCode, Param, ParseUUIDPipe, PayloadTooLargeException, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import {
  ContactAttemptsRequestDto,
  ContactAttemptsResponseDto,
  type ContactPreferenceDto,
  contactPreferenceSchema,
  MAX_ATTEMPTS_PER_REQUEST,
} from './contact-attempts.dto.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import { ContactPreferenceService } from './contact-preference.service.js';

@ApiTags('contact attempts')
@ApiBearerAuth()
@Controller('v1')
export class ContactAttemptsController {
  constructor(
    private readonly attempts: ContactAttemptsService,
    private readonly preferences: ContactPreferenceService,
  ) {}

  @Post('contact-attempts')
  @HttpCode(200)
  @Roles('platform')
  @ApiBody({ type: ContactAttemptsRequestDto })
  @ApiOkResponse({ type: ContactAttemptsResponseDto, description: 'Each bad attempt is rejected with reasons; the rest are stored' })
  // Validated attempt by attempt in the service, so one bad attempt never fails the batch.
  record(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<ContactAttemptsResponseDto> {
    const attempts = (body as { attempts?: unknown } | null)?.attempts;
    if (typeof body !== 'object' || body === null || !Array.isArray(attempts)) throw new BadRequestException('body must be a JSON object with an "attempts" array');
    if (attempts.length > MAX_ATTEMPTS_PER_REQUEST) throw new PayloadTooLargeException(`${attempts.length} attempts: at most ${MAX_ATTEMPTS_PER_REQUEST} per request`);
    return this.attempts.record(principal, attempts);
  }

  @Put('persons/:personId/contact-preference')
  @HttpCode(200)
  @Roles('platform', 'operator')
  @ApiOkResponse({ description: 'do_not_contact is honoured by every later contact plan' })
  preference(@Param('personId', ParseUUIDPipe) personId: string, @Body({ schema: contactPreferenceSchema }) body: ContactPreferenceDto, @CurrentPrincipal() principal: Principal) {
    return this.preferences.set(principal, personId, body.doNotContact, body.reason);
  }
}
