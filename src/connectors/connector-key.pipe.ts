import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { CONNECTOR_KEY_PATTERN } from './connector-definition.js';

@Injectable()
export class ConnectorKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CONNECTOR_KEY_PATTERN.test(value)) throw new BadRequestException('connector key: lower-case letters, digits and "-", at most 63 characters');
    return value;
  }
}
