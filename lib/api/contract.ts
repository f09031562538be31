/**
 * The dashboard's HTTP API, written once: request schemas (zod) that the routes validate with,
 * and the response types that the routes answer, the browser reads and the bench uses. Every
 * error answer is `ApiErrorBody`. The stream's messages (lib/stream/protocol.ts) reuse these types.
 */
import { z } from 'zod';
import type { FleetCounts } from '../bmh/counts';
import type { HostView } from '../bmh/host-view';
import { DNS1123_LABEL, DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MAX } from '../bmh/names';
import { imageProblems } from '../bmh/image-rules';
import type { Goal } from '../bmh/job-goals';
import type { BareMetalHost, Image } from '../bmh/types';
import type { ConnectionState } from '../kube/list-watch';
import { HOST_ACTIONS, MAX_HOSTS_PER_REQUEST } from './limits';

export * from './limits';

// ── errors ───────────────────────────────────────────────────────────────────────────────────

/** Every 4xx/5xx answer. `field` names the request field (or header, or path segment) at fault. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

// ── hosts: GET /api/hosts, POST /api/hosts, POST /api/hosts/actions ──────────────────────────

const dnsLabel = z.string().min(1).max(DNS1123_LABEL_MAX).regex(DNS1123_LABEL, "must be a lowercase RFC 1123 label (letters, digits and '-')");
const dnsSubdomain = z
  .string()
  .min(1)
  .max(DNS1123_SUBDOMAIN_MAX)
  .regex(DNS1123_SUBDOMAIN, "must be a lowercase RFC 1123 subdomain (letters, digits, '-' and '.')");

export const HostRefSchema = z.object({ namespace: dnsLabel, name: dnsSubdomain }).strict();

export const CreateHostsSchema = z
  .object({
    count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_HOSTS_PER_REQUEST, `must be at most ${MAX_HOSTS_PER_REQUEST}`),
    namespace: dnsLabel.optional(),
    prefix: z.string().min(1).max(40).regex(DNS1123_LABEL, "must be lowercase letters, digits and '-'").optional(),
    online: z.boolean().optional(),
  })
  .strict();

/** The field of `spec.image` a BMO message is about (lib/bmh/image-rules.ts words them as BMO does). */
function imageField(message: string): string {
  const named = /^spec\.image\.(\w+)/.exec(message);
  if (named) return named[1]!;
  if (/image URL/.test(message)) return 'url';
  if (/checksumType/.test(message)) return 'checksumType';
  return /checksum/.test(message) ? 'checksum' : 'url';
}

/** An image as BMO's CRD and validating webhook accept it: no stricter (`made-up-checksum` is fine), no looser on URLs. */
export const ImageSchema = z
  .object({
    url: z.string().max(2048),
    checksum: z.string().max(1024).optional(),
    checksumType: z.string().max(16).optional(),
    format: z.string().max(16).optional(),
  })
  .strict()
  .superRefine((image, ctx) => {
    // The text stored in the cluster is shown on pages and in kubectl: no control characters.
    if (/[\u0000-\u001f\u007f]/.test(image.url)) return void ctx.addIssue({ code: 'custom', path: ['url'], message: 'must not contain control characters' });
    for (const message of imageProblems(image)) ctx.addIssue({ code: 'custom', path: [imageField(message)], message });
  }) as unknown as z.ZodType<Image>;

export const WhereSchema = z
  .object({
    state: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z ]+$/, 'must be a provisioning state')
      .optional(),
    namespace: dnsLabel.optional(),
    limit: z.number().int().min(1).max(MAX_HOSTS_PER_REQUEST).optional(),
  })
  .strict();

export const HostActionSchema = z
  .object({
    action: z.enum(HOST_ACTIONS),
    hosts: z.array(HostRefSchema).min(1).max(MAX_HOSTS_PER_REQUEST).optional(),
    where: WhereSchema.optional(),
    image: ImageSchema.optional(),
  })
  .strict()
  .refine((body) => (body.hosts === undefined) !== (body.where === undefined), {
    message: 'give either hosts or where, not both',
    path: ['hosts'],
  })
  .refine((body) => body.image === undefined || body.action === 'provision', { message: 'image goes with provision only', path: ['image'] });

export type CreateHostsRequest = z.infer<typeof CreateHostsSchema>;
export type HostActionRequest = z.infer<typeof HostActionSchema>;
export type { Image };

/** `GET /api/hosts`: the fleet now, the same body the stream's `snapshot` carries. */
export interface HostsResponse {
  /** The id of the latest stream message this includes. */
  seq: number;
  hosts: HostView[];
  counts: FleetCounts;
}

// ── jobs: the answer to every mutation, GET /api/jobs/:id, the stream's `job` ─────────────────

export type JobState = 'running' | 'succeeded' | 'failed' | 'partial' | 'interrupted';

/** Where an action takes a host (lib/bmh/job-goals.ts reads it off the fleet model). */
export type JobGoal = Goal;

export interface JobError {
  host: string;
  message: string;
  /** `write`: the API server refused the change; `operator`: BMO reports an error, or the host is stuck or gone. */
  kind?: 'write' | 'operator';
}

/**
 * A job: `done` counts finished writes; `written` those the API server accepted; `reached` the
 * hosts at the goal; `state` is "succeeded" only when every host reached it, "interrupted" when
 * the dashboard stopped while it ran (jobs are saved, lib/fleet/job-store.ts).
 */
export interface JobView {
  id: string;
  action: string;
  total: number;
  /** Writes finished, accepted or not. */
  done: number;
  /** Hosts that failed: writes refused, plus written hosts BMO reports an error for, that are stuck or gone. */
  failed: number;
  errors: JobError[];
  state: JobState;
  startedAt: number;
  /** When the job last stopped running (it runs again if a failed host recovers). */
  finishedAt?: number;
  /** Writes the API server accepted. */
  written: number;
  /** Where the action takes a host; none for actions whose end the fleet model cannot see. */
  goal?: JobGoal;
  /** Hosts at the goal (without a goal: the written ones). */
  reached: number;
  /** Hosts a later job wrote to before they got there. */
  superseded: number;
  /** The rest, at the pace so far (while running). */
  estimateMs?: number;
  updatedAt: number;
}

/** `POST /api/hosts` and `POST /api/hosts/actions` answer 202 with the job they started. */
export interface JobStartedResponse {
  job: JobView;
}

// ── host detail: GET /api/hosts/:namespace/:name ─────────────────────────────────────────────

export interface HostEvent {
  reason: string;
  message: string;
  type: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
}

export interface HostDetail {
  host: BareMetalHost;
  transitions: { t: number; from: string; to: string }[];
  events: HostEvent[];
}

// ── cluster: GET /api/cluster, the stream's `cluster`; GET /api/healthz ──────────────────────

export type { ConnectionState };

export interface ClusterInfo {
  mode: 'embedded' | 'kubeconfig';
  context: string;
  server: string;
  kubeconfigPath?: string;
  namespace?: string;
  connection: ConnectionState;
  lastError?: string;
  synced: boolean;
  lastEventAt?: number;
  resourceVersion?: string;
  relists: number;
  watchRestarts: number;
  operator: 'twin' | 'none';
  profile?: string;
  readonly: boolean;
  /** Why the twin is off although the cluster is embedded (read-only mode). */
  twinOff?: string;
  /** Problems the page shows in a banner: a damaged state file restored in part, a data directory the cluster cannot write. */
  warnings: string[];
}

export interface HealthResponse {
  ok: true;
  synced: boolean;
  connection: ConnectionState;
}

// ── series: GET /api/series?since=, the stream's `series` ────────────────────────────────────

export interface SeriesPoint {
  /** Epoch milliseconds at the end of the second. */
  t: number;
  total: number;
  byState: Record<string, number>;
  error: number;
  /** State transitions observed during this second. */
  transitions: number;
}

export interface SeriesResponse {
  points: SeriesPoint[];
}

// ── simulator: GET and PUT /api/simulator, in lib/api/simulator.ts ────────────────────────────

export * from './simulator';
