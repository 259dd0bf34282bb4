import { z } from 'zod';
import { text } from '../common/text.js';
import { zodDto } from '../common/zod.dto.js';
import { RECORD_LIMITS } from '../records/source-record.js';
import { ADDRESS_PARTS } from './normalisation-report.js';

/** Values per request, phones and addresses together: as many as one ingest batch holds records. */
export const MAX_NORMALISE_VALUES = 1000;

// Each value is held to its limit in a source record, so what passes here would pass ingest.
export const normaliseRequestSchema = z
  .strictObject({
    phones: z.array(text().max(RECORD_LIMITS.phone)).max(MAX_NORMALISE_VALUES).default([]).meta({ example: ['+86 138 1234 5678', '010-62345678转123'] }),
    addresses: z.array(text().max(RECORD_LIMITS.address)).max(MAX_NORMALISE_VALUES).default([]).meta({ example: ['广东省深圳市南山区科技南十二路18号阳光花园3栋2单元501室'] }),
  })
  .refine((body) => body.phones.length + body.addresses.length <= MAX_NORMALISE_VALUES, {
    error: (issue) => {
      const body = issue.input as { phones: unknown[]; addresses: unknown[] };
      return `has ${body.phones.length + body.addresses.length} values, at most ${MAX_NORMALISE_VALUES} (phones and addresses together) allowed`;
    },
  })
  .meta({ description: `At most ${MAX_NORMALISE_VALUES} values, phones and addresses together` });
export type NormaliseRequestDto = z.output<typeof normaliseRequestSchema>;

const division = z.object({ code: z.string().meta({ description: 'GB/T 2260', example: '440305' }), name: z.string() }).nullable();
const nullableText = z.string().nullable();
const phoneBase = {
  field: z.enum(['phone', 'employer_phone']),
  position: z.int().min(0).meta({ description: 'Index of the value in `phones`' }),
  part: z.int().min(0).meta({ description: 'A value holding several numbers gives one entry per number' }),
};

export const normaliseResponseSchema = z.object({
  phones: z.array(
    z.union([
      z.object({
        ...phoneBase,
        usable: z.literal(true),
        e164: z.string().meta({ example: '+861062345678' }),
        extension: nullableText,
        kind: z.enum(['mobile', 'fixed_line', 'organisation']),
        carrierGroup: nullableText,
        areaCode: nullableText,
        areaCodeFromContext: z.boolean(),
        key: z.string().meta({ description: 'The contact point identity the matcher dedupes on' }),
      }),
      z.object({ ...phoneBase, usable: z.literal(false), code: z.string(), reason: z.string() }),
    ]),
  ),
  addresses: z.array(
    z.object({
      position: z.int().min(0),
      cleaned: z.string(),
      province: division,
      city: division,
      district: division,
      town: nullableText,
      road: nullableText,
      roadNumber: nullableText,
      estate: nullableText,
      building: nullableText,
      unit: nullableText,
      floor: nullableText,
      room: nullableText,
      pickupPoint: z.boolean(),
      usable: z.boolean().meta({ description: 'Keyed to one dwelling or pickup point: only such an address becomes a contact point' }),
      key: nullableText,
      reason: nullableText.meta({ description: 'Why there is no key' }),
      unresolved: z.array(z.enum(ADDRESS_PARTS)),
    }),
  ),
});

export class NormaliseResponseDto extends zodDto(normaliseResponseSchema) {}
