/**
 * Query parameters read as kube-apiserver reads them, so every official client library works,
 * not only the two we test most (Python's sends `watch=True`, Go's `watch=true`, others `1`):
 *
 * - decoding (k8s.io/apimachinery/pkg/runtime/conversion.go): the first value of a repeated
 *   parameter counts; a bool is false only when absent, `0` or `false` in any letter case, and
 *   true for anything else, even empty; integers are Go's strconv.ParseInt(s, 10, 64), whose
 *   error is the 400 BadRequest message;
 * - then validation (k8s.io/apimachinery/pkg/apis/meta/internalversion/validation
 *   ValidateListOptions; apimachinery/pkg/api/validation ValidateCreate/Update/PatchOptions),
 *   422 Invalid naming the option.
 */
import { ApiError, errors, type StatusCause } from '../api-error';
import type { FieldValidation, WriteOptions } from '../store';

/** Convert_Slice_string_To_bool. */
export function goQueryBool(value: string | null): boolean {
  if (value === null) return false;
  return !(value === '0' || value.toLowerCase() === 'false');
}

const INT64_MAX = 2n ** 63n - 1n;

/** Convert_Slice_string_To_int64: strconv.ParseInt(s, 10, 64), or undefined when absent. */
export function goQueryInt(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw errors.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  const n = BigInt(value);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) throw errors.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  return Number(n);
}

/** errors.NewInvalid(schema.GroupKind{Group: "meta.k8s.io", Kind}, "", errs). */
function invalidOptions(kind: string, causes: StatusCause[]): ApiError {
  const message = `${kind}.meta.k8s.io "" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`;
  return new ApiError(422, 'Invalid', message, { group: 'meta.k8s.io', kind, causes });
}

const quoteAll = (values: string[]) => values.map((v) => `"${v}"`).join(', ');
const forbidden = (field: string, why: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${why}` });
const unsupported = (field: string, value: string, allowed: string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: "${value}": supported values: ${quoteAll(allowed)}`,
});

export interface ListOptions {
  watch: boolean;
  labelSelector: string | null;
  fieldSelector: string | null;
  resourceVersion: string | null;
  resourceVersionMatch: string;
  /** A limit of zero or less means none, as the storage layer reads it. */
  limit: number | undefined;
  continueToken: string | undefined;
  allowWatchBookmarks: boolean;
  /** `sendInitialEvents` given at all (a *bool upstream), and its value. */
  sendInitialEvents: boolean | undefined;
  timeoutSeconds: number | undefined;
}

/** ListOptions as the list and watch handlers decode and validate them. */
export function listOptions(query: URLSearchParams): ListOptions {
  const limit = goQueryInt(query.get('limit'));
  const options: ListOptions = {
    watch: goQueryBool(query.get('watch')),
    labelSelector: query.get('labelSelector'),
    fieldSelector: query.get('fieldSelector'),
    resourceVersion: query.get('resourceVersion'),
    resourceVersionMatch: query.get('resourceVersionMatch') ?? '',
    limit: limit !== undefined && limit > 0 ? limit : undefined,
    continueToken: query.get('continue') || undefined,
    allowWatchBookmarks: goQueryBool(query.get('allowWatchBookmarks')),
    sendInitialEvents: query.has('sendInitialEvents') ? goQueryBool(query.get('sendInitialEvents')) : undefined,
    timeoutSeconds: goQueryInt(query.get('timeoutSeconds')),
  };
  const causes = options.watch ? watchOptionProblems(options) : listOptionProblems(options);
  if (causes.length > 0) throw invalidOptions('ListOptions', causes);
  return options;
}

function listOptionProblems(o: ListOptions): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = o.resourceVersionMatch;
  if (match !== '') {
    if (!o.resourceVersion) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (o.continueToken) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') causes.push(unsupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && o.resourceVersion === '0')
      causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (o.sendInitialEvents !== undefined) causes.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return causes;
}

function watchOptionProblems(o: ListOptions): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = o.resourceVersionMatch;
  if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
    causes.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
  }
  if (match !== '') {
    if (o.sendInitialEvents === undefined)
      causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
    if (match !== 'NotOlderThan') causes.push(unsupported('resourceVersionMatch', match, ['NotOlderThan']));
    if (o.continueToken) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
  }
  return causes;
}

/** The server's default fieldValidation is Warn: unknown fields are dropped with a Warning header. */
export type WriteQuery = Required<WriteOptions> & { fieldManager: string };

/** Create/Update/Patch/DeleteOptions: dryRun, fieldManager and fieldValidation, validated as the API server does. */
export function writeQuery(query: URLSearchParams, kind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions', apply = false): WriteQuery {
  const causes: StatusCause[] = [];
  const dryRun = query.getAll('dryRun');
  for (const value of dryRun) if (value !== 'All') causes.push(unsupported('dryRun', value, ['All']));
  const fieldManager = query.get('fieldManager') ?? '';
  if (fieldManager.length > 128) causes.push({ reason: 'FieldValueTooLong', field: 'fieldManager', message: 'Too long: may not be more than 128 bytes' });
  if (/[\x00-\x1f\x7f]/.test(fieldManager))
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'fieldManager',
      message: `Invalid value: ${JSON.stringify(fieldManager)}: must only contain printable characters`,
    });
  if (apply && fieldManager === '')
    causes.push({ reason: 'FieldValueRequired', field: 'fieldManager', message: 'Required value: is required for apply patch' });
  const mode = query.get('fieldValidation') ?? '';
  if (!['', 'Ignore', 'Warn', 'Strict'].includes(mode)) causes.push(unsupported('fieldValidation', mode, ['', 'Ignore', 'Strict', 'Warn']));
  if (causes.length > 0) throw invalidOptions(kind, causes);
  return { dryRun: dryRun.length > 0, fieldManager, fieldValidation: (mode || 'Warn') as FieldValidation };
}

/**
 * DeleteOptions' propagationPolicy and orphanDependents, from the query or the body
 * (apimachinery api/validation ValidateDeleteOptions). The embedded cluster's garbage collector
 * always works in the background; the values are checked, not acted on.
 */
export function checkDeleteOptions(query: URLSearchParams, body: { propagationPolicy?: unknown; orphanDependents?: unknown }): void {
  const policy = query.get('propagationPolicy') ?? (typeof body.propagationPolicy === 'string' ? body.propagationPolicy : undefined);
  const orphan = query.has('orphanDependents') || body.orphanDependents !== undefined;
  const causes: StatusCause[] = [];
  if (policy !== undefined && orphan) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'propagationPolicy',
      message: `Invalid value: "${policy}": orphanDependents and deletionPropagation cannot be both set`,
    });
  }
  if (policy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(policy))
    causes.push(unsupported('propagationPolicy', policy, ['Background', 'Foreground', 'Orphan']));
  if (causes.length > 0) throw invalidOptions('DeleteOptions', causes);
}
