import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { inputErrors, issueMessages } from './input-errors.js';

/**
 * Validates every route parameter that declares a zod schema (`@Body({ schema })`,
 * `@Query({ schema })`, `@Query('name', { schema })`) and hands on the schema's output: defaults
 * applied, numbers read from query strings. A bad value is answered 400 with "field: reason"
 * messages. Parameters without a schema pass untouched. @nestjs/swagger documents the same schema.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { schema, type, data } = metadata;
    if (!schema || type === 'custom') return value;
    if (!(schema instanceof z.ZodType)) throw new TypeError(`The schema of a ${type} parameter must be a zod schema`);
    // No body at all reads as an empty one, so each missing field is named.
    const input = value === undefined && type === 'body' ? {} : value;
    const result = schema.safeParse(input, { error: inputErrors });
    if (!result.success) throw new BadRequestException(issueMessages(result.error.issues, typeof data === 'string' ? data : type));
    return result.data;
  }
}
