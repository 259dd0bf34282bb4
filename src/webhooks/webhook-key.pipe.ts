import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { WEBHOOK_KEY_PATTERN } from './webhook-definition.js';

@Injectable()
export class WebhookKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!WEBHOOK_KEY_PATTERN.test(value)) throw new BadRequestException('webhook key: lower-case letters, digits and "-", at most 63 characters');
    return value;
  }
}
