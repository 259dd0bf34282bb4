import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ContactPlan } from './contact-plan.types.js';

class ObservationDto {
  @ApiProperty() sourceKey!: string;
  @ApiProperty() sourceRecordId!: string;
  @ApiProperty({ format: 'date-time' }) observedAt!: Date;
}

class PlanStaleFlagDto {
  @ApiProperty({ format: 'uuid', description: 'See GET /v1/stale-flags' }) id!: string;
  @ApiProperty({ description: 'contact_changed, not_seen_recently, invalid_feedback, …' }) type!: string;
}

class FactorsDto {
  @ApiProperty() validity!: number;
  @ApiProperty() recency!: number;
  @ApiProperty() confirmation!: number;
  @ApiProperty() trust!: number;
  @ApiProperty() sharing!: number;
}

class PhoneDto {
  @ApiProperty({ description: 'Contact point id' }) id!: string;
  @ApiProperty({ example: '138****5678' }) masked!: string;
  @ApiPropertyOptional({ description: 'Only with unmask=true' }) e164?: string;
  @ApiPropertyOptional() extension?: string;
  @ApiPropertyOptional({ enum: ['mobile', 'fixed_line', 'organisation'] }) type?: string;
  @ApiProperty({ enum: ['valid', 'invalid', 'unknown'] }) validity!: string;
  @ApiProperty({ description: 'Contactability 0..1' }) score!: number;
  @ApiProperty({ type: FactorsDto }) factors!: FactorsDto;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Earliest time the contact rules allow a call' }) nextAllowedAt!: Date | null;
  @ApiPropertyOptional({ enum: ['quiet_hours', 'daily_call_limit', 'contact_limit', 'do_not_contact'] }) blockedBy?: string;
  @ApiProperty({ type: [ObservationDto] }) observations!: ObservationDto[];
  @ApiProperty({ type: [PlanStaleFlagDto], required: false, description: 'Open stale-contact flags; a flagged point ranks below its suggested replacement' })
  staleFlags?: PlanStaleFlagDto[];
}

class AddressDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Cut after the district' }) masked!: string;
  @ApiPropertyOptional({ description: 'Only with unmask=true' }) text?: string;
  @ApiProperty() pickupPoint!: boolean;
  @ApiProperty() score!: number;
  @ApiProperty({ type: [ObservationDto] }) observations!: ObservationDto[];
  @ApiProperty({ type: [PlanStaleFlagDto], required: false, description: 'Open stale-contact flags; a flagged point ranks below its suggested replacement' })
  staleFlags?: PlanStaleFlagDto[];
}

class BorrowerContactsDto {
  @ApiProperty({ type: [PhoneDto], description: 'Best first' }) phones!: PhoneDto[];
  @ApiProperty({ type: [AddressDto], description: 'Best first' }) addresses!: AddressDto[];
}

class ThirdPartyPhoneDto {
  @ApiProperty() id!: string;
  @ApiProperty() masked!: string;
  @ApiPropertyOptional() e164?: string;
  @ApiProperty({ enum: ['valid', 'unknown'] }) validity!: string;
  @ApiProperty() score!: number;
}

class ThirdPartyDto {
  @ApiProperty() personId!: string;
  @ApiPropertyOptional({ description: 'Masked (张*, 王*明) unless unmasked' }) name?: string;
  @ApiProperty({ enum: ['individual', 'organisation'] }) kind!: string;
  @ApiProperty() relation!: string;
  @ApiProperty({ description: 'Relational distance; the list is ordered far to near' }) distance!: number;
  @ApiProperty() hops!: number;
  @ApiProperty({ example: 'friend (5) of the spouse (1) + 2 for the extra hop = 8' }) distanceExplanation!: string;
  @ApiProperty({ type: [ThirdPartyPhoneDto] }) phones!: ThirdPartyPhoneDto[];
  @ApiProperty({ type: [String] }) sources!: string[];
  @ApiProperty({ description: 'Other borrowers naming this person (a fraud-ring signal)' }) sharedWithBorrowers!: number;
  @ApiProperty({ enum: ['location_inquiry'], description: 'Only ask where the borrower can be reached; never mention the debt' }) purpose!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextAllowedAt!: Date | null;
  @ApiPropertyOptional() blockedBy?: string;
}

class ExclusionDto {
  @ApiProperty() personId!: string;
  @ApiPropertyOptional() name?: string;
  @ApiProperty() relation!: string;
  @ApiProperty({ enum: ['no_consent', 'invalid_numbers', 'do_not_contact', 'contact_limit'] }) reason!: string;
}

class InformantDto {
  @ApiProperty() personId!: string;
  @ApiProperty() relation!: string;
}

class ConflictDto {
  @ApiProperty({ type: InformantDto }) nearInformant!: InformantDto;
  @ApiProperty({ type: [InformantDto] }) farInformants!: InformantDto[];
  @ApiProperty({ type: [String] }) near!: string[];
  @ApiProperty({ type: [String] }) far!: string[];
  @ApiProperty() message!: string;
}

class ConsentStateDto {
  @ApiProperty() externalSources!: boolean;
  @ApiProperty() thirdPartyContact!: boolean;
}

class RepairDto {
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: Date | null;
  @ApiProperty({ description: 'Untried numbers found' }) candidates!: number;
  @ApiProperty({ type: [String] }) sources!: string[];
}

export class ContactPlanDto implements ContactPlan {
  @ApiProperty() borrowerRef!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: Date;
  @ApiProperty() masked!: boolean;
  @ApiProperty({ enum: ['reachable', 'subjective_lost', 'objective_lost', 'unknown'] }) status!: ContactPlan['status'];
  @ApiProperty() statusReason!: string;
  @ApiProperty({ type: [String] }) guidance!: string[];
  @ApiProperty({ type: ConsentStateDto }) consent!: ConsentStateDto;
  @ApiProperty({ type: BorrowerContactsDto }) borrowerContacts!: ContactPlan['borrowerContacts'];
  @ApiProperty({ type: [ThirdPartyDto], description: 'Far to near' }) thirdParties!: ContactPlan['thirdParties'];
  @ApiProperty({ type: [ExclusionDto] }) excluded!: ContactPlan['excluded'];
  @ApiProperty({ type: [ConflictDto] }) conflicts!: ContactPlan['conflicts'];
  @ApiProperty({ type: RepairDto, nullable: true }) repair!: ContactPlan['repair'];
}
