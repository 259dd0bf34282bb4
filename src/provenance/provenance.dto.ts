import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ObservationDto {
  @ApiProperty() sourceKey!: string;
  @ApiProperty() sourceRecordId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['phone', 'address', 'employer_phone'] }) field!: string;
  @ApiProperty({ format: 'date-time' }) observedAt!: Date;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiPropertyOptional({ description: 'The value as the source wrote it (only when unmasked)' }) raw?: string;
}

export class ContactPointOwnerDto {
  @ApiProperty() personId!: string;
  @ApiPropertyOptional({ description: 'Masked unless unmasked' }) name?: string;
  @ApiProperty({ type: [String], description: 'Borrower refs this person is linked to' }) borrowerRefs!: string[];
}

export class ContactPointDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String], description: 'Points merged into this one' }) mergedFrom!: string[];
  @ApiProperty({ enum: ['phone', 'address'] }) kind!: string;
  @ApiProperty({ example: '138****5678' }) masked!: string;
  @ApiPropertyOptional({ description: 'Only when unmasked' }) e164?: string;
  @ApiPropertyOptional() extension?: string;
  @ApiPropertyOptional({ description: 'Parsed parts, only when unmasked', type: 'object', additionalProperties: true }) address?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'mobile, fixed_line, organisation; dwelling, pickup_point' }) subtype?: string;
  @ApiPropertyOptional() carrierGroup?: string;
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: Date;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: Date;
  @ApiProperty({ description: 'Distinct borrowers whose records name it (many: worth little, possibly a fraud ring)' }) borrowerCount!: number;
  @ApiProperty({ description: 'Distinct sources that confirm it' }) sourceCount!: number;
  @ApiProperty({ type: [ContactPointOwnerDto] }) owners!: ContactPointOwnerDto[];
  @ApiProperty({ type: [ObservationDto], description: 'Newest first, at most 500' }) observations!: ObservationDto[];
}
