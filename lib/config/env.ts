/**
 * Fleetscope's environment, validated once at start-up. A bad value stops the process with a
 * message naming the variable, rather than failing later in a confusing way.
 */
import { z } from 'zod';
import { PROFILE_NAMES } from '../api/limits';
import { DNS1123_LABEL, DNS1123_LABEL_MAX } from '../bmh/names';
import { bmoConcurrency, limitsFor, type LimitPreset } from '../twin/limits';
import { LIMIT_PRESETS } from '../api/limits';
import type { Limits } from '../twin/profiles';

const port = (allowZero: boolean) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a port number')
    .transform(Number)
    .refine((n) => n <= 65535 && (allowZero || n > 0), `must be between ${allowZero ? 0 : 1} and 65535`)
    .optional();

const hostName = /^[a-zA-Z0-9_]([-a-zA-Z0-9_]*[a-zA-Z0-9_])?(\.[a-zA-Z0-9_]([-a-zA-Z0-9_]*[a-zA-Z0-9_])?)*$/;

const EnvSchema = z.object({
  PORT: port(false),
  HOST: z.string().min(1).default('127.0.0.1'),
  FLEET_KUBECONFIG: z.string().min(1).optional(),
  FLEET_CONTEXT: z.string().min(1).optional(),
  FLEET_NAMESPACE: z.string().max(DNS1123_LABEL_MAX).regex(DNS1123_LABEL, 'must be a valid namespace name').optional(),
  FLEET_API_PORT: port(true),
  FLEET_DATA_DIR: z.string().min(1).default('.fleet'),
  FLEET_OPERATOR: z.enum(['twin', 'none']).optional(),
  FLEET_PROFILE: z.enum(PROFILE_NAMES).default('bmo-test-mode'),
  FLEET_READONLY: z.enum(['0', '1', 'true', 'false']).optional(),
  FLEET_MAX_STREAMS: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= 1, 'must be at least 1')
    .optional(),
  // Names a reverse proxy serves the dashboard as (lib/fleet/host-allow.ts refuses any other Host).
  FLEET_ALLOWED_HOSTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine(
      (names) => names.every((n) => n.length <= 253 && hostName.test(n)),
      'must be comma-separated host names, without scheme or port (e.g. fleet.example.com)',
    )
    .optional(),
  FLEET_LIMITS: z.enum(LIMIT_PRESETS).default('bmo'),
  // BMO's own variable (main.go:662-672): a positive integer overrides min(NumCPU, 8).
  BMO_CONCURRENCY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        bmoConcurrency(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
});

export interface FleetEnv {
  port: number;
  host: string;
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  apiPort: number;
  dataDir: string;
  operator: 'twin' | 'none';
  /** Why the twin does not run although it would by default (read-only: nothing of Fleetscope writes). */
  twinOff?: string;
  profile: (typeof PROFILE_NAMES)[number];
  readonly: boolean;
  /** Host names besides loopback and HOST that requests may be addressed to. */
  allowedHosts: string[];
  /** Concurrent /api/stream clients served; more get 503 + Retry-After. */
  maxStreams: number;
  /** The twin's worker and rate limits at start (FLEET_LIMITS, BMO_CONCURRENCY). */
  limitsPreset: LimitPreset;
  limits: Limits;
  /** True when Fleetscope runs its own cluster (no FLEET_KUBECONFIG). */
  embedded: boolean;
}

export class EnvError extends Error {}

/** Parses the environment; throws EnvError with one line per bad variable. */
export function parseEnv(env: Record<string, string | undefined>): FleetEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = result.data;
  const embedded = e.FLEET_KUBECONFIG === undefined;
  if (e.FLEET_CONTEXT && embedded) throw new EnvError('Invalid environment:\n  FLEET_CONTEXT: needs FLEET_KUBECONFIG');
  const readonly = e.FLEET_READONLY === '1' || e.FLEET_READONLY === 'true';
  const operator = e.FLEET_OPERATOR ?? (embedded ? 'twin' : 'none');
  return {
    port: e.PORT ?? 3000,
    host: e.HOST,
    kubeconfig: e.FLEET_KUBECONFIG,
    context: e.FLEET_CONTEXT,
    namespace: e.FLEET_NAMESPACE,
    apiPort: e.FLEET_API_PORT ?? 6443,
    dataDir: e.FLEET_DATA_DIR,
    // Read-only means nothing of Fleetscope writes to the cluster: the twin (which does) is off.
    operator: readonly ? 'none' : operator,
    ...(readonly && operator === 'twin' ? { twinOff: 'read-only mode (FLEET_READONLY=1): the twin would write to the cluster' } : {}),
    profile: e.FLEET_PROFILE,
    readonly,
    allowedHosts: e.FLEET_ALLOWED_HOSTS ?? [],
    maxStreams: e.FLEET_MAX_STREAMS ?? 500,
    limitsPreset: e.FLEET_LIMITS,
    limits: limitsFor(e.FLEET_LIMITS, e.BMO_CONCURRENCY),
    embedded,
  };
}
