import type { ErrorCode, FieldError, ServiceError } from '@gerbang/contracts';

/**
 * A business failure with a code from the shared enum. Services throw it; the RPC filter
 * sends it to the gateway, which renders it in the product's error format.
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  toServiceError(): ServiceError {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}
