import 'server-only';
/**
 * The one error a request can end in: an HTTP status, a code, a message and the field at fault.
 * Anything under lib/ throws it; lib/fleet/http.ts turns it into the one error body
 * (`ApiErrorBody`, lib/api/contract.ts). Any other error is a 500.
 */
import type { ApiErrorBody } from '../api/contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}
