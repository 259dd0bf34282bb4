import { type ArgumentsHost, BadRequestException, Catch, ConflictException, ForbiddenException, type HttpException, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DomainError, type DomainErrorKind } from './domain-error.js';

const STATUS: Record<DomainErrorKind, (message: string) => HttpException> = {
  invalid: (message) => new BadRequestException(message),
  forbidden: (message) => new ForbiddenException(message),
  not_found: (message) => new NotFoundException(message),
  conflict: (message) => new ConflictException(message),
};

/** Translates a rule's DomainError into the HTTP answer Nest gives for the same status. */
@Catch(DomainError)
export class DomainErrorFilter extends BaseExceptionFilter {
  override catch(error: DomainError, host: ArgumentsHost): void {
    super.catch(STATUS[error.kind](error.message), host);
  }
}
