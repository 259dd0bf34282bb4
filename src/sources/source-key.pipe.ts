import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { SOURCE_KEY_PATTERN } from './source-types.js';

@Injectable()
export class SourceKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SOURCE_KEY_PATTERN.test(value)) {
      throw new BadRequestException('source key: lower-case letters, digits, ".", "_" or "-", at most 64 characters');
    }
    return value;
  }
}
