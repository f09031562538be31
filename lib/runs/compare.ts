/**
 * Run-to-run comparison: every phase metric side by side with its change against the first run
 * and a verdict by the usual bands (|change| < 5 % noise, 5–15 % minor, > 15 % notable), with a
 * direction (faster/slower for times and throughput, better/worse for errors). Pure.
 */
import type { PhaseReport } from './metrics';

export type Band = 'noise' | 'minor' | 'notable' | 'same' | 'n/a';
export type Direction = 'faster' | 'slower' | 'better' | 'worse' | '';

export interface Verdict {
  changePercent: number | null;
  band: Band;
  direction: Direction;
}

export interface ComparedRun {
  id: string;
  name: string;
  phases: PhaseReport[];
  settings: unknown;
}

export interface MetricRow {
  phase: string;
  metric: string;
  values: (number | null)[];
  /** One per run after the first, against the first. */
  verdicts: Verdict[];
}

type Better = 'lower-time' | 'higher-rate' | 'lower-count' | 'neutral';

export const COMPARED_METRICS: [keyof PhaseReport, Better][] = [
  ['numHosts', 'neutral'],
  ['durationSeconds', 'lower-time'],
  ['throughputHostsPerMin', 'higher-rate'],
  ['t50Seconds', 'lower-time'],
  ['t90Seconds', 'lower-time'],
  ['t99Seconds', 'lower-time'],
  ['t100Seconds', 'lower-time'],
  ['p50Seconds', 'lower-time'],
  ['p95Seconds', 'lower-time'],
  ['p99Seconds', 'lower-time'],
  ['maxSeconds', 'lower-time'],
  ['errors', 'lower-count'],
  ['stuckHosts', 'lower-count'],
];

export function band(changePercent: number): Band {
  const size = Math.abs(changePercent);
  return size < 5 ? 'noise' : size <= 15 ? 'minor' : 'notable';
}

export function verdict(base: number | null, value: number | null, better: Better): Verdict {
  if (base === null || value === null) return { changePercent: null, band: 'n/a', direction: '' };
  if (base === value) return { changePercent: 0, band: 'same', direction: '' };
  if (base === 0)
    return {
      changePercent: null,
      band: 'notable',
      direction: better === 'neutral' ? '' : better === 'higher-rate' ? 'faster' : better === 'lower-time' ? 'slower' : 'worse',
    };
  const changePercent = Math.round(((value - base) / Math.abs(base)) * 1000) / 10;
  const b = band(changePercent);
  if (b === 'noise' || better === 'neutral') return { changePercent, band: b, direction: '' };
  const up = value > base;
  const direction: Direction =
    better === 'lower-time' ? (up ? 'slower' : 'faster') : better === 'higher-rate' ? (up ? 'faster' : 'slower') : up ? 'worse' : 'better';
  return { changePercent, band: b, direction };
}

export function compareMetrics(runs: readonly ComparedRun[]): MetricRow[] {
  const phases: string[] = [];
  for (const run of runs) for (const p of run.phases) if (!phases.includes(p.name)) phases.push(p.name);
  const rows: MetricRow[] = [];
  for (const phase of phases) {
    for (const [metric, better] of COMPARED_METRICS) {
      const values = runs.map((run) => {
        const v = run.phases.find((p) => p.name === phase)?.[metric];
        return typeof v === 'number' ? v : null;
      });
      rows.push({ phase, metric, values, verdicts: values.slice(1).map((v) => verdict(values[0]!, v, better)) });
    }
  }
  return rows;
}

/** Flattens nested settings to `a.b.c` → value (arrays as JSON). */
export function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/** The settings that differ between runs: key → each run's value ('—' when absent). */
export function settingsDiff(runs: readonly ComparedRun[]): { key: string; values: string[] }[] {
  const flat = runs.map((r) => flatten(r.settings));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  return keys.map((key) => ({ key, values: flat.map((f) => f[key] ?? '—') })).filter((row) => new Set(row.values).size > 1);
}
