import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ATTEMPT_OUTCOMES } from './attempt-outcome.js';

class NewInformationDto {
  @ApiPropertyOptional({ type: [String] }) phones?: string[];
  @ApiPropertyOptional({ type: [String] }) addresses?: string[];
  @ApiPropertyOptional() note?: string;
}

export class ContactAttemptDto {
  @ApiProperty() borrowerRef!: string;
  @ApiProperty({ description: 'The number called, raw or E.164' }) phone!: string;
  @ApiProperty({ enum: ATTEMPT_OUTCOMES }) outcome!: string;
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiPropertyOptional({ description: 'personId from the contact plan, when a third party answered' }) contactedPerson?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The contacted person asked to be called back then' }) callbackRequestedAt?: string;
  @ApiPropertyOptional({ type: NewInformationDto, description: 'What the contact said: becomes a lead with them as its source' })
  newInformation?: NewInformationDto;
}

export class ContactAttemptsRequestDto {
  @ApiProperty({ type: [ContactAttemptDto], maxItems: 1000 }) attempts!: ContactAttemptDto[];
}

export class ContactAttemptsResponseDto {
  @ApiProperty() accepted!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { index: { type: 'number' }, errors: { type: 'array', items: { type: 'string' } } } } })
  rejected!: { index: number; errors: string[] }[];
  @ApiProperty({ description: 'Attempts that brought new information' }) leads!: number;
}

export class ContactPreferenceDto {
  @ApiProperty() @IsBoolean() doNotContact!: boolean;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
