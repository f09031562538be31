/**
 * BMO's throughput limits, as presets. Pure: usable by the config parser, the settings schema
 * and the simulator route alike.
 *
 * - `bmo`: what BMO runs with when nobody tunes it. Reconcile workers are
 *   `min(runtime.NumCPU(), 8)`, at least 2, unless `BMO_CONCURRENCY` (a positive integer) says
 *   otherwise (baremetal-operator main.go:648-676); the controller's client has `--kube-api-qps`
 *   20 and `--kube-api-burst` 30 (main.go:219-222). The twin emulates NumCPU = 8: a kind node is a
 *   container without a cpuset, so Go sees every CPU of the machine, and Metal3's scale-test
 *   machines (20–32 cores) and any current developer laptop have 8 or more. A fixed number keeps
 *   runs comparable between machines; `BMO_CONCURRENCY` changes it as it does upstream.
 * - `tuned`: the limits of Metal3's 1,000-cluster run (Nordix metal3-clusterapi-docs,
 *   metal3-scaling-experiments: controller concurrency 100, 200 QPS, burst 300).
 * - `unlimited`: no rate limiter, for benchmarks and tests that need speed. Workers stay at 64
 *   (the twin's default before BMO's limits): more only opens more connections to the API server
 *   at once (thousands at once time out on a loaded machine) and moves nothing faster.
 */
import type { LimitPresetSummary } from '../api/contract';
import type { LimitPreset } from '../api/limits';
import type { Limits } from './profiles';

export { LIMIT_PRESETS, MAX_QPS, MIN_QPS, type LimitPreset } from '../api/limits';

/** Workers of the `unlimited` preset (see above). */
const UNLIMITED_WORKERS = 64;

/** The CPU count BMO's default concurrency is computed from (see above). */
export const EMULATED_NUM_CPU = 8;

/** BMO's getMaxConcurrentReconciles (main.go:648-676) for `--controller-concurrency` 0. */
export function bmoConcurrency(env: string | undefined, numCpu = EMULATED_NUM_CPU): number {
  const fallback = Math.max(Math.min(numCpu, 8), 2);
  if (env === undefined) return fallback;
  const value = parseGoInt(env);
  if (value === undefined) throw new Error(`BMO_CONCURRENCY value: ${env} is invalid`);
  // Upstream logs "invalid BMO_CONCURRENCY value, using default" for 0 and negatives.
  return value > 0 ? value : fallback;
}

/** strconv.Atoi: optional sign, decimal digits, within 64 bits. */
function parseGoInt(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function limitsFor(preset: LimitPreset, concurrencyEnv?: string): Limits {
  if (preset === 'tuned') return { concurrency: 100, qps: 200, burst: 300 };
  if (preset === 'unlimited') return { concurrency: UNLIMITED_WORKERS, qps: 0, burst: 0 };
  return { concurrency: bmoConcurrency(concurrencyEnv), qps: 20, burst: 30 };
}

export function describeLimits(l: Limits): string {
  return `${l.concurrency || 'unlimited'} workers, ${l.qps ? `${l.qps} QPS, burst ${l.burst}` : 'no rate limit'}`;
}

/** The presets as the simulator panel offers them, with their numbers. */
export function limitPresetSummaries(concurrencyEnv = process.env.BMO_CONCURRENCY): LimitPresetSummary[] {
  const bmo = limitsFor('bmo', concurrencyEnv);
  const cpu = concurrencyEnv === undefined ? `min(NumCPU, 8) with NumCPU ${EMULATED_NUM_CPU}` : `BMO_CONCURRENCY`;
  return [
    { name: 'bmo', label: "BMO's defaults", description: `${bmo.concurrency} workers (${cpu}), 20 QPS, burst 30`, limits: bmo },
    { name: 'tuned', label: 'Metal3 1,000-cluster run', description: '100 workers, 200 QPS, burst 300', limits: limitsFor('tuned') },
    { name: 'unlimited', label: 'Unlimited', description: `no rate limit, ${UNLIMITED_WORKERS} workers: faster than any BMO`, limits: limitsFor('unlimited') },
  ];
}
