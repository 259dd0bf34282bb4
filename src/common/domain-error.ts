/**
 * An error a rule raises about its input, in words the caller can act on. Pure code throws it
 * without knowing about HTTP; DomainErrorFilter answers it with the matching status.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
