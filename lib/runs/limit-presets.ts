/**
 * The twin's worker and client-rate limits a scenario may ask for by name. `bmo` is BMO's own
 * defaults: --kube-api-qps 20 and --kube-api-burst 30 (baremetal-operator main.go:219-222) and
 * min(NumCPU, 8) reconcile workers, at least 2 (main.go:658-661), i.e. 8 on a build machine.
 * `tuned` is what Metal3's 1,000-cluster run raised them to (BMO_CONCURRENCY=100, 200 QPS).
 */
export const LIMIT_PRESETS = {
  bmo: { concurrency: 8, qps: 20, burst: 30 },
  tuned: { concurrency: 100, qps: 200, burst: 300 },
  unlimited: { concurrency: 0, qps: 0, burst: 0 },
} as const;

export const LIMIT_PRESET_NAMES = ['bmo', 'tuned', 'unlimited'] as const;
export type LimitPresetName = (typeof LIMIT_PRESET_NAMES)[number];

export interface LimitValues {
  concurrency: number;
  qps: number;
  burst: number;
}

export function limitsOf(value: LimitPresetName | LimitValues): LimitValues {
  return typeof value === 'string' ? { ...LIMIT_PRESETS[value] } : value;
}
