/**
 * What a failed API call says, whichever client made it: client-node's ApiException and the
 * lean client's error both carry the HTTP `code` and the `body` (a Kubernetes Status).
 */

interface HttpFailure {
  code: number;
  body: unknown;
}

function isHttpFailure(error: unknown): error is HttpFailure {
  return typeof error === 'object' && error !== null && typeof (error as HttpFailure).code === 'number' && 'body' in error;
}

/** The status code of a failed call: an HTTP status, or undefined for network errors. */
export function statusCode(error: unknown): number | undefined {
  return isHttpFailure(error) ? error.code : undefined;
}

/** The Kubernetes Status message of a failed call, for people. */
export function errorMessage(error: unknown): string {
  if (isHttpFailure(error)) {
    try {
      const status = JSON.parse(String(error.body)) as { message?: string };
      if (status.message) return status.message;
    } catch {
      // not a Status body
    }
    return `HTTP ${error.code}`;
  }
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return cause ? `${(error as Error).message} (${cause})` : ((error as Error)?.message ?? String(error));
}

/** The lean client's failure: like client-node's ApiException, without loading client-node. */
export class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`HTTP-Code: ${code}`);
  }
}
