/** Pure helpers for the run charts: colours, curve rows, throughput buckets, number formats. */
export const PHASE_COLORS = ['#0284c7', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4f46e5', '#65a30d'];
export const RUN_DASHES = ['', '6 3', '2 2', '10 4 2 4', '1 3', '12 6'];

export const colorOf = (i: number) => PHASE_COLORS[i % PHASE_COLORS.length]!;

export interface CurvePoint {
  s: number;
  n: number;
}

/** Time-to-N points, starting at (0, 0) so a line begins at the phase's first write. */
export function curvePoints(curve: readonly [number, number][]): CurvePoint[] {
  return [{ s: 0, n: 0 }, ...curve.map(([s, n]) => ({ s, n }))];
}

/** Hosts per minute reaching the target, in buckets of `bucketSeconds` since the phase began. */
export function throughputPoints(curve: readonly [number, number][], bucketSeconds: number): { s: number; rate: number }[] {
  if (curve.length === 0 || bucketSeconds <= 0) return [];
  const last = curve[curve.length - 1]![0];
  const buckets = new Array<number>(Math.floor(last / bucketSeconds) + 1).fill(0);
  let previous = 0;
  for (const [s, n] of curve) {
    buckets[Math.floor(s / bucketSeconds)]! += n - previous;
    previous = n;
  }
  return buckets.map((count, i) => ({ s: i * bucketSeconds, rate: Math.round((count / bucketSeconds) * 60 * 10) / 10 }));
}

/** A bucket size giving about 30 bars over the longest curve (at least 1 s). */
export function bucketFor(longestSeconds: number): number {
  const raw = Math.max(1, longestSeconds / 30);
  const nice = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];
  return nice.find((n) => n >= raw) ?? 600;
}

export function fmtSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value < 60) return `${value.toFixed(value < 10 ? 2 : 1)} s`;
  const total = Math.round(value);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}

export function fmtNumber(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '–' : value.toLocaleString('en', { maximumFractionDigits: digits });
}

export function fmtShare(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)} %`;
}
