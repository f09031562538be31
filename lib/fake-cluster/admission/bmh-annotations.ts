/**
 * The annotation rules of BMO's BareMetalHost webhook (internal/webhooks/metal3.io/v1alpha1/
 * baremetalhost_validation.go:247-383, "wh"): the status, reboot, inspect and hardware-details
 * annotations must hold what BMO can read. The Go types they decode into are described by the
 * CRD's schema of `status` and `status.hardware` (generated from the same types). Pure.
 */
import { STATUS_ANNOTATION_ERROR_TYPES, STATUS_ANNOTATION_OPERATIONAL_STATUSES } from '../../bmh/states';
import type { Schema } from '../schema';
import { goDecodeError, scanGoJson } from './go-json';
import { inspectionDisabled, INSPECT_ANNOTATION, type Host } from './bmh-rules';

// upstream apis/metal3.io/v1alpha1/baremetalhost_types.go:52, :56, :65
const STATUS_ANNOTATION = 'baremetalhost.metal3.io/status';
const REBOOT_ANNOTATION = 'reboot.metal3.io';
const HARDWARE_DETAILS_ANNOTATION = 'inspect.metal3.io/hardwaredetails';

// baremetalhost_types.go:260 OperationalStatusAllowed and :295 ErrorTypeAllowed: "servicing" and
// "servicing error" are not in these lists, so a status annotation cannot restore them.
const OPERATIONAL_STATUS_ALLOWED = STATUS_ANNOTATION_OPERATIONAL_STATUSES;
const ERROR_TYPE_ALLOWED = STATUS_ANNOTATION_ERROR_TYPES;

// baremetalhost_types.go:755-758 RebootAnnotationArguments.
const REBOOT_ARGUMENTS: Schema = { type: 'object', properties: { mode: { type: 'string' }, force: { type: 'boolean' } } };

/** The Go types the annotations decode into. */
export interface AnnotationTypes {
  /** BareMetalHostStatus: the CRD's `status` schema. */
  status: Schema;
  /** HardwareDetails: the CRD's `status.hardware` schema. */
  hardware: Schema;
}

/** wh:272-288 validateStatusAnnotation and wh:326-336 checkStatusAnnotation. */
function statusAnnotationProblem(value: string, types: AnnotationTypes): string | undefined {
  if (value === '') return undefined;
  const scanned = scanGoJson(value, 'decoder');
  if (!scanned.ok) return `error decoding status annotation: ${scanned.error}`;
  const decodeError = goDecodeError(types.status, scanned.value, 'BareMetalHostStatus', true);
  if (decodeError) return `error decoding status annotation: ${decodeError}`;
  const status = (scanned.value ?? {}) as { operationalStatus?: string; errorType?: string };
  if (!OPERATIONAL_STATUS_ALLOWED.includes(status.operationalStatus ?? '')) {
    return `invalid operationalStatus '${status.operationalStatus}' in the ${STATUS_ANNOTATION} annotation`;
  }
  if (!ERROR_TYPE_ALLOWED.includes(status.errorType ?? '')) return `invalid errorType '${status.errorType}' in the ${STATUS_ANNOTATION} annotation`;
  return undefined;
}

/** wh:367-383 validateRebootAnnotation: json.Unmarshal, so unknown keys are ignored here. */
function rebootAnnotationProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const scanned = scanGoJson(value, 'unmarshal');
  const decodeError = scanned.ok ? goDecodeError(REBOOT_ARGUMENTS, scanned.value, 'RebootAnnotationArguments', false) : scanned.error;
  if (decodeError) return `failed to unmarshal the data from the ${REBOOT_ANNOTATION} annotation: ${decodeError}`;
  const mode = ((scanned.ok ? scanned.value : undefined) as { mode?: string } | null)?.mode ?? '';
  if (!['hard', 'soft', ''].includes(mode)) return `invalid mode in the ${REBOOT_ANNOTATION} annotation, allowed are "hard", "soft" or ""`;
  return undefined;
}

/** wh:359-365 validateInspectAnnotation. */
function inspectAnnotationProblem(value: string): string | undefined {
  if (value === 'disabled' || value === '') return undefined;
  return `invalid value for the ${INSPECT_ANNOTATION} annotation, allowed are "disabled" or ""`;
}

/** wh:338-357 validateHwdDetailsAnnotation. */
function hardwareDetailsProblem(value: string, disabled: boolean, types: AnnotationTypes): string | undefined {
  if (value === '') return undefined;
  if (!disabled) return 'when hardware details are provided, inspection must be disabled (either via inspect.metal3.io annotation or inspectionMode field)';
  const scanned = scanGoJson(value, 'decoder');
  const decodeError = scanned.ok ? goDecodeError(types.hardware, scanned.value, 'HardwareDetails', true) : scanned.error;
  return decodeError ? `error decoding the ${HARDWARE_DETAILS_ANNOTATION} annotation: ${decodeError}` : undefined;
}

/** wh:247-270 validateAnnotations (upstream walks a Go map; here in the object's key order). */
export function annotationProblems(host: Host, types: AnnotationTypes): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(host.metadata?.annotations ?? {})) {
    let problem: string | undefined;
    if (key === STATUS_ANNOTATION) problem = statusAnnotationProblem(value, types);
    else if (key === REBOOT_ANNOTATION || key.startsWith(`${REBOOT_ANNOTATION}/`)) problem = rebootAnnotationProblem(value);
    else if (key === INSPECT_ANNOTATION) problem = inspectAnnotationProblem(value);
    else if (key === HARDWARE_DETAILS_ANNOTATION) problem = hardwareDetailsProblem(value, inspectionDisabled(host), types);
    if (problem) problems.push(problem);
  }
  return problems;
}
