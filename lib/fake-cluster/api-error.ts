/**
 * Kubernetes `Status` failures. Every refusal of the fake cluster is one of these, so kubectl
 * and client-node print the messages their users know ("Error from server (NotFound): ...").
 */

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** What the API calls a resource in messages: `baremetalhosts.metal3.io`, `secrets`. */
export interface QualifiedResource {
  group: string;
  plural: string;
  kind: string;
}

export function qualifiedName(res: QualifiedResource): string {
  return res.group ? `${res.plural}.${res.group}` : res.plural;
}

export const errors = {
  notFound: (res: QualifiedResource, name: string) =>
    new ApiError(404, 'NotFound', `${qualifiedName(res)} "${name}" not found`, {
      name,
      group: res.group,
      kind: res.plural,
    }),
  alreadyExists: (res: QualifiedResource, name: string) =>
    new ApiError(409, 'AlreadyExists', `${qualifiedName(res)} "${name}" already exists`, {
      name,
      group: res.group,
      kind: res.plural,
    }),
  conflict: (res: QualifiedResource, name: string, why: string) =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedName(res)} "${name}": ${why}`, { name, group: res.group, kind: res.plural }),
  invalid: (res: QualifiedResource, name: string, causes: StatusCause[]) =>
    new ApiError(
      422,
      'Invalid',
      `${res.kind}${res.group ? `.${res.group}` : ''} "${name}" is invalid: ${causes
        .map((c) => (c.field ? `${c.field}: ${c.message}` : c.message))
        .join(', ')}`,
      { name, group: res.group, kind: res.kind, causes },
    ),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  unprocessable: (message: string) => new ApiError(422, 'Invalid', message),
  gone: (message: string) => new ApiError(410, 'Expired', message),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') => new ApiError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (contentType: string) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json (got ${contentType})`,
    ),
  notAcceptable: (message: string) => new ApiError(406, 'NotAcceptable', message),
  tooLarge: (message: string) => new ApiError(413, 'RequestEntityTooLarge', message),
  internal: (message: string) => new ApiError(500, 'InternalError', message),
  unavailable: (message: string) => new ApiError(503, 'ServiceUnavailable', message),
  timeout: (message: string) => new ApiError(504, 'Timeout', message),
};
