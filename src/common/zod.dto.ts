import { z } from 'zod';

// The static method @nestjs/swagger asks a model class for its properties (what its CLI plugin generates).
const OPENAPI_METADATA_FACTORY = '_OPENAPI_METADATA_FACTORY';

type JsonSchema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

export interface ZodDtoClass<T extends z.ZodType> {
  new (): z.output<T>;
  readonly schema: T;
}

/**
 * A model class for OpenAPI whose properties, limits and enums are those of a zod schema of an object:
 * for `@ApiBody({ type })` and `@ApiProperty({ type })` where no pipe validates the value as a
 * whole (an ingest batch is checked record by record). A validated parameter declares its schema
 * itself: `@Body({ schema })`.
 */
export function zodDto<T extends z.ZodType<object>>(schema: T): ZodDtoClass<T> {
  class ZodDto {
    static readonly schema = schema;

    static [OPENAPI_METADATA_FACTORY](): Record<string, Record<string, unknown>> {
      const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as JsonSchema;
      const required = new Set(json.required);
      // `required` of an ApiProperty is its own presence; `selfRequired` leaves a nested object's `required` list alone.
      return Object.fromEntries(Object.entries(json.properties ?? {}).map(([key, property]) => [key, { ...property, selfRequired: required.has(key) }]));
    }
  }
  return ZodDto as unknown as ZodDtoClass<T>;
}
