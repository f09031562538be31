/**
 * How kube-apiserver answers when a validating admission webhook denies a request. Pure.
 *
 * controller-runtime's Denied is `{code: 403, reason: Forbidden, message}`
 * (pkg/webhook/admission/response.go ValidationResponse) and kube-apiserver prefixes the
 * webhook's name (staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/errors/statuserror.go
 * ToStatusErr), so kubectl prints `Error from server (Forbidden): … admission webhook "<name>"
 * denied the request: …`.
 */
import { ApiError } from '../api-error';

/** k8s.io/apimachinery/pkg/util/errors aggregate.Error(): one message bare, several in `[a, b]`, repeats dropped. */
export function aggregateMessage(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

export function webhookDenial(webhook: string, messages: string[]): ApiError {
  return new ApiError(403, 'Forbidden', `admission webhook "${webhook}" denied the request: ${aggregateMessage(messages)}`);
}
