/**
 * A scale-test scenario: a name, a namespace, ordered steps and thresholds. Parsed from JSON or
 * YAML; bad input gives one error that names the field (`steps[2].create.count`). Pure.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ImageSchema } from '../api/contract';
import { PROVISIONING_STATES } from '../bmh/states';
import { PROFILE_NAMES } from '../twin/profiles';
import { LIMIT_PRESET_NAMES } from './limit-presets';
import { derivePhases, PHASE_METRICS, RUN_METRICS } from './phases';

export const MAX_RUN_HOSTS = 100_000;
const MAX_SECONDS = 7 * 24 * 3600;

const count = z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_RUN_HOSTS, `must be at most ${MAX_RUN_HOSTS}`);
const seconds = z.number().min(0, 'must be at least 0').max(MAX_SECONDS, `must be at most ${MAX_SECONDS}`);
const positiveSeconds = z.number().gt(0, 'must be more than 0').max(MAX_SECONDS, `must be at most ${MAX_SECONDS}`);
const dnsLabel = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase RFC 1123 label (letters, digits and '-')");

/** How many hosts, in batches of `batch` every `everySeconds` (both optional: all at once). */
const batching = { batch: count.optional(), everySeconds: seconds.optional() };

const CreateStep = z.object({ count, ...batching, online: z.boolean().optional() }).strict();
const ActionStep = z.object({ count: count.optional(), ...batching }).strict();
const ProvisionStep = z.object({ count: count.optional(), ...batching, image: ImageSchema.optional() }).strict();
const WaitForStep = z
  .object({
    state: z.enum(PROVISIONING_STATES).optional(),
    poweredOn: z.boolean().optional(),
    gone: z.literal(true).optional(),
    timeoutSeconds: positiveSeconds.optional(),
  })
  .strict()
  .refine((w) => [w.state, w.poweredOn, w.gone].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of state, poweredOn, gone',
    path: ['state'],
  });
const PauseStep = z.object({ seconds }).strict();

export const STEP_SCHEMAS = {
  create: CreateStep,
  provision: ProvisionStep,
  deprovision: ActionStep,
  powerOff: ActionStep,
  powerOn: ActionStep,
  delete: ActionStep,
  waitFor: WaitForStep,
  pause: PauseStep,
} as const;

export type StepKind = keyof typeof STEP_SCHEMAS;
export const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[];
export type Step = { [K in StepKind]: { [P in K]: z.infer<(typeof STEP_SCHEMAS)[K]> } }[StepKind];

const LimitsSchema = z
  .object({
    concurrency: z.number().int().min(0).max(10_000),
    qps: z.number().min(0).max(100_000),
    burst: z.number().int().min(0).max(100_000),
  })
  .strict();

const ThresholdSchema = z
  .object({ metric: z.string().min(1).max(100), min: z.number().optional(), max: z.number().optional() })
  .strict()
  .refine((t) => t.min !== undefined || t.max !== undefined, { message: 'give min or max', path: ['max'] });

const BaseSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(120),
    description: z.string().max(2000).optional(),
    namespace: dnsLabel.optional(),
    prefix: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be lowercase letters, digits and '-'")
      .optional(),
    stuckAfterSeconds: positiveSeconds.optional(),
    twin: z
      .object({ limits: z.union([z.enum(LIMIT_PRESET_NAMES), LimitsSchema]).optional(), profile: z.enum(PROFILE_NAMES).optional() })
      .strict()
      .optional(),
    steps: z.array(z.unknown()).min(1, 'needs at least one step').max(500),
    thresholds: z.array(ThresholdSchema).max(200).optional(),
  })
  .strict();

export type Threshold = z.infer<typeof ThresholdSchema>;
export type Scenario = Omit<z.infer<typeof BaseSchema>, 'steps'> & { steps: Step[] };

export const DEFAULT_NAMESPACE = 'scale-test';
export const DEFAULT_STUCK_SECONDS = 300;

export class ScenarioError extends Error {
  constructor(
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(field ? `${field}: ${detail}` : detail);
  }
}

/** `['steps', 2, 'create', 'count']` → `steps[2].create.count`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

function fail(result: z.ZodSafeParseError<unknown>, prefix: readonly PropertyKey[]): never {
  const issue = result.error.issues[0]!;
  const path = [...prefix, ...issue.path];
  throw new ScenarioError(path.length ? fieldPath(path) : undefined, issue.message);
}

function parseStep(raw: unknown, index: number): Step {
  const at = ['steps', index] as const;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ScenarioError(fieldPath(at), `must be an object with one of ${STEP_KINDS.join(', ')}`);
  const keys = Object.keys(raw);
  if (keys.length !== 1) throw new ScenarioError(fieldPath(at), `must have exactly one key, one of ${STEP_KINDS.join(', ')}`);
  const kind = keys[0]!;
  if (!Object.hasOwn(STEP_SCHEMAS, kind)) throw new ScenarioError(fieldPath([...at, kind]), `unknown step; use one of ${STEP_KINDS.join(', ')}`);
  const result = STEP_SCHEMAS[kind as StepKind].safeParse((raw as Record<string, unknown>)[kind]);
  if (!result.success) fail(result, [...at, kind]);
  return { [kind]: result.data } as Step;
}

/** Validates a parsed document; throws ScenarioError naming the first bad field. */
export function validateScenario(input: unknown): Scenario {
  const base = BaseSchema.safeParse(input);
  if (!base.success) fail(base, []);
  const steps = base.data.steps.map(parseStep);
  const scenario: Scenario = { ...base.data, steps };
  const phases = derivePhases(scenario.steps).map((p) => p.name);
  (scenario.thresholds ?? []).forEach((t, i) => {
    const problem = metricProblem(t.metric, phases);
    if (problem) throw new ScenarioError(`thresholds[${i}].metric`, problem);
  });
  if (!steps.some((s) => 'create' in s)) throw new ScenarioError('steps', 'needs a create step (a run only touches the hosts it creates)');
  const first = steps.findIndex((s) => 'create' in s);
  const before = steps.slice(0, first).findIndex((s) => !('pause' in s));
  if (before >= 0) throw new ScenarioError(`steps[${before}]`, 'comes before any create step: there are no hosts of this run yet');
  return scenario;
}

/** Why a threshold's metric name is unknown, or undefined when it is fine. */
export function metricProblem(metric: string, phases: string[]): string | undefined {
  if ((RUN_METRICS as readonly string[]).includes(metric)) return undefined;
  const dot = metric.lastIndexOf('.');
  const phase = dot > 0 ? metric.slice(0, dot) : '';
  const name = metric.slice(dot + 1);
  if (!phases.includes(phase)) {
    return `unknown metric "${metric}": use ${RUN_METRICS.join(', ')} or <phase>.<metric> with a phase of this scenario (${phases.join(', ') || 'none'})`;
  }
  if (!(PHASE_METRICS as readonly string[]).includes(name)) return `unknown metric "${name}" of ${phase}: use one of ${PHASE_METRICS.join(', ')}`;
  return undefined;
}

/** Reads a scenario from JSON or YAML text (YAML is a superset of JSON). */
export function parseScenarioText(text: string): Scenario {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new ScenarioError(undefined, `not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return validateScenario(doc);
}
