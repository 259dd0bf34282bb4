import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { dateTime } from '../common/date-time.js';

export const putConsentSchema = z.strictObject({
  externalSources: z.boolean().meta({ description: 'Data seen only in external sources may be used' }),
  thirdPartyContact: z.boolean().meta({ description: 'Third parties may be asked where the borrower can be reached' }),
  evidenceRef: z.string().min(1).max(200).meta({ description: "Reference of the signed consent in the lender's records" }),
  grantedAt: dateTime({ notAhead: true }),
});
export type PutConsentDto = z.output<typeof putConsentSchema>;

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
