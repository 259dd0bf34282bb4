import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { fieldName, inputErrors, issueMessages } from './input-errors.js';
import { type InputLimits, inputProblem } from './text.js';

/** What any body a schema validates may hold: strings beyond a schema's own limits never reach it. */
export const BODY_LIMITS: InputLimits = { maxDepth: 32, maxStringLength: 10_000 };
/** What a path or query parameter may hold. */
export const PARAMETER_LIMITS: InputLimits = { maxDepth: 4, maxStringLength: 1_000 };

/**
 * Validates every route parameter that declares a zod schema (`@Body({ schema })`,
 * `@Query({ schema })`, `@Query('name', { schema })`) and hands on the schema's output: defaults
 * applied, numbers read from query strings. A bad value is answered 400 with "field: reason"
 * messages. Parameters without a schema pass untouched. @nestjs/swagger documents the same schema.
 *
 * Before any schema, every path and query parameter and every schema-validated body is checked
 * once for text the service cannot store (NUL, lone surrogates), over-long strings and deep
 * nesting: 400 naming the parameter. A body without a schema is validated item by item by its
 * handler (ingest records, contact attempts), which applies the same check to each item.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { schema, type, data } = metadata;
    if (type === 'custom') return value;
    const root = typeof data === 'string' ? data : type;
    if (type !== 'body' || schema) {
      const problem = inputProblem(value, type === 'body' ? BODY_LIMITS : PARAMETER_LIMITS);
      if (problem) throw new BadRequestException([`${fieldName(problem.path, root)}: ${problem.problem}`]);
    }
    if (!schema) return value;
    if (!(schema instanceof z.ZodType)) throw new TypeError(`The schema of a ${type} parameter must be a zod schema`);
    // No body at all reads as an empty one, so each missing field is named.
    const input = value === undefined && type === 'body' ? {} : value;
    const result = schema.safeParse(input, { error: inputErrors });
    if (!result.success) throw new BadRequestException(issueMessages(result.error.issues, root));
    return result.data;
  }
}
