import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { type NormaliseRequestDto, normaliseRequestSchema, NormaliseResponseDto } from './normalisation.dto.js';
import { normaliseValues } from './normalisation-report.js';

/**
 * What the matcher makes of loose phone and address values, before they are sent as records.
 * Nothing is stored or read, so nothing is audited; the values are never logged.
 */
@ApiTags('matching')
@ApiBearerAuth()
@Controller('v1/normalise')
export class NormalisationController {
  @Post()
  @HttpCode(200)
  @Roles('platform', 'operator', 'admin')
  @ApiOkResponse({ type: NormaliseResponseDto, description: 'One entry per phone number (a value holding two gives two) and per address, in input order' })
  normalise(@Body({ schema: normaliseRequestSchema }) body: NormaliseRequestDto): NormaliseResponseDto {
    return normaliseValues(body);
  }
}
