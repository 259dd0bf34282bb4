import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsString, MaxLength, MinLength } from 'class-validator';

export class PutConsentDto {
  @ApiProperty({ description: 'Data seen only in external sources may be used' }) @IsBoolean() externalSources!: boolean;
  @ApiProperty({ description: 'Third parties may be asked where the borrower can be reached' }) @IsBoolean() thirdPartyContact!: boolean;
  @ApiProperty({ description: "Reference of the signed consent in the lender's records" }) @IsString() @MinLength(1) @MaxLength(200) evidenceRef!: string;
  @ApiProperty({ format: 'date-time' }) @Type(() => Date) @IsDate() grantedAt!: Date;
}

export class ConsentDto {
  @ApiProperty() externalSources!: boolean;
  @ApiProperty() thirdPartyContact!: boolean;
  @ApiProperty() evidenceRef!: string;
  @ApiProperty({ format: 'date-time' }) grantedAt!: Date;
  @ApiProperty({ format: 'date-time' }) recordedAt!: Date;
  @ApiProperty() recordedBy!: string;
}

export class ConsentHistoryDto {
  @ApiProperty({ type: ConsentDto, nullable: true, description: 'In force; null means no consent' }) current!: ConsentDto | null;
  @ApiProperty({ type: [ConsentDto], description: 'Newest first' }) history!: ConsentDto[];
}
