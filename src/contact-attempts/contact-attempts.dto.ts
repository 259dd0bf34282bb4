import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { text } from '../common/text.js';
import { zodDto } from '../common/zod.dto.js';
import { contactAttemptSchema } from './contact-attempt-validation.js';

export const MAX_ATTEMPTS_PER_REQUEST = 1000;

/** For OpenAPI: the service validates attempt by attempt, so one bad attempt never fails the batch. */
export class ContactAttemptsRequestDto extends zodDto(z.object({ attempts: z.array(contactAttemptSchema).max(MAX_ATTEMPTS_PER_REQUEST) })) {}

export class ContactAttemptsResponseDto {
  @ApiProperty() accepted!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { index: { type: 'number' }, errors: { type: 'array', items: { type: 'string' } } } } })
  rejected!: { index: number; errors: string[] }[];
  @ApiProperty({ description: 'Attempts that brought new information' }) leads!: number;
}

export const contactPreferenceSchema = z.strictObject({
  doNotContact: z.boolean(),
  reason: text().max(500).optional(),
});
export type ContactPreferenceDto = z.output<typeof contactPreferenceSchema>;
