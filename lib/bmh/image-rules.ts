/**
 * What BMO refuses in `spec.image`, with BMO's own messages: the CRD's enums (as the API server
 * reports them) and the validating webhook's rules. Shared by the embedded cluster's admission,
 * the dashboard's provision action and the provision dialog, so all three refuse the same
 * images — and accept the same ones, such as the Metal3 scaling post's `made-up-checksum`.
 */
import { parseRequestUri } from './go-url';

export interface ImageInput {
  url?: unknown;
  checksum?: unknown;
  checksumType?: unknown;
  format?: unknown;
}

// upstream apis/metal3.io/v1alpha1/baremetalhost_types.go:671 (+kubebuilder:validation:Enum=md5;sha256;sha512;auto)
export const CHECKSUM_TYPES = ['md5', 'sha256', 'sha512', 'auto'] as const;
// upstream apis/metal3.io/v1alpha1/baremetalhost_types.go:707 (+kubebuilder:validation:Enum=raw;qcow2;vdi;vmdk;live-iso)
export const DISK_FORMATS = ['raw', 'qcow2', 'vdi', 'vmdk', 'live-iso'] as const;
// upstream internal/webhooks/metal3.io/v1alpha1/common_validation.go:32
const URL_SCHEMES = ['http', 'https', 'ftp', 'gopher', 'oci'];

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const quoteAll = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/** The API server's enum message (k8s.io/apimachinery field.NotSupported). */
const unsupported = (field: string, value: string, allowed: readonly string[]) =>
  `${field}: Unsupported value: "${value}": supported values: ${quoteAll(allowed)}`;

/** CRD schema problems: the API server refuses these before any webhook runs. */
export function imageSchemaProblems(image: ImageInput, field = 'spec.image'): string[] {
  const problems: string[] = [];
  if (typeof image.url !== 'string') problems.push(`${field}.url: Required value`);
  for (const key of ['checksum', 'checksumType', 'format'] as const) {
    const value = image[key];
    if (value !== undefined && typeof value !== 'string') problems.push(`${field}.${key}: Invalid value: must be a string`);
  }
  const checksumType = str(image.checksumType);
  if (checksumType !== undefined && !(CHECKSUM_TYPES as readonly string[]).includes(checksumType)) {
    problems.push(unsupported(`${field}.checksumType`, checksumType, CHECKSUM_TYPES));
  }
  const format = str(image.format);
  if (format !== undefined && !(DISK_FORMATS as readonly string[]).includes(format)) {
    problems.push(unsupported(`${field}.format`, format, DISK_FORMATS));
  }
  return problems;
}

/** upstream internal/webhooks/metal3.io/v1alpha1/common_validation.go:25 validateURL. */
function urlProblem(url: string): string | undefined {
  const parsed = parseRequestUri(url);
  if (!parsed.ok) return parsed.error;
  if (!URL_SCHEMES.includes(parsed.scheme)) return `invalid scheme in URL, "${parsed.scheme}" not allowed`;
  return undefined;
}

/** upstream apis/metal3.io/v1alpha1/baremetalhost_types.go:1183 Image.GetChecksum. */
function checksumProblem(image: { url: string; checksum: string; checksumType: string; format?: string }): string | undefined {
  if (image.url.toLowerCase().startsWith('oci://')) {
    return image.checksum !== '' ? 'spec.image.checksum must be empty for OCI images (oci:// images have embedded checksums)' : undefined;
  }
  if (image.format === 'live-iso') return undefined;
  if (image.checksum === '') return 'checksum is required for normal images';
  if (!['', ...CHECKSUM_TYPES].includes(image.checksumType)) {
    return `unknown checksumType ${image.checksumType}, supported are ${CHECKSUM_TYPES.join(', ')}`;
  }
  return undefined;
}

/**
 * The webhook's image rules (upstream internal/webhooks/metal3.io/v1alpha1/baremetalhost_validation.go:290
 * validateImage): the URL as Go's ParseRequestURI reads it with an allowed scheme, and a checksum
 * unless the image is OCI or a live ISO. Any checksum text is accepted: BMO leaves it to Ironic.
 */
export function imageWebhookProblems(image: ImageInput): string[] {
  const url = str(image.url) ?? '';
  const problems: string[] = [];
  const badUrl = urlProblem(url);
  if (badUrl) problems.push(`image URL ${url} is invalid: ${badUrl}`);
  const badChecksum = checksumProblem({ url, checksum: str(image.checksum) ?? '', checksumType: str(image.checksumType) ?? '', format: str(image.format) });
  if (badChecksum) problems.push(badChecksum);
  return problems;
}

/** Everything BMO would refuse in this image: schema first, then the webhook, as the API server orders them. */
export function imageProblems(image: ImageInput): string[] {
  const schema = imageSchemaProblems(image);
  return schema.length > 0 ? schema : imageWebhookProblems(image);
}
