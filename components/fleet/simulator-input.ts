/**
 * What the simulator panel accepts, checked before anything is sent, with a message that says
 * why a value is refused. The server validates again (lib/twin/settings-schema.ts) and its
 * message is shown when it refuses. The bounds are the API's (lib/api/limits.ts).
 */

import { MAX_CONCURRENCY, MAX_QPS, MIN_QPS } from '@/lib/api/limits';

export type Checked = { ok: true; value: number } | { ok: false; message: string };

const parse = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** A failure rate typed in percent: 0–100, any precision; sent as a fraction. */
export function checkPercent(text: string): Checked {
  const n = parse(text);
  if (n === undefined || !Number.isFinite(n)) return { ok: false, message: `"${text}" is not a number` };
  if (n < 0 || n > 100) return { ok: false, message: `${text} % refused: a rate is between 0 and 100 %` };
  return { ok: true, value: n / 100 };
}

/** A fraction shown in percent as applied: 0.025 → "2.5", never rounded to "3". */
export function formatPercent(rate: number): string {
  return String(Number((rate * 100).toFixed(6)));
}

export type LimitField = 'concurrency' | 'qps' | 'burst';

const LIMIT_RULES: Record<LimitField, { integer: boolean; min: number; max: number; hint: string }> = {
  concurrency: { integer: true, min: 0, max: MAX_CONCURRENCY, hint: `workers: a whole number from 0 (no limit) to ${MAX_CONCURRENCY}` },
  qps: { integer: false, min: MIN_QPS, max: MAX_QPS, hint: `QPS: 0 (no limit) or between ${MIN_QPS} and ${MAX_QPS}` },
  burst: { integer: true, min: 0, max: MAX_QPS, hint: `burst: a whole number from 0 to ${MAX_QPS}` },
};

export function checkLimit(field: LimitField, text: string): Checked {
  const n = parse(text);
  const rule = LIMIT_RULES[field];
  if (n === undefined || !Number.isFinite(n)) return { ok: false, message: `"${text}" is not a number (${rule.hint})` };
  const inRange = n === 0 || (n >= rule.min && n <= rule.max);
  if (!inRange || (rule.integer && !Number.isInteger(n))) return { ok: false, message: `${text} refused: ${rule.hint}` };
  return { ok: true, value: n };
}

export interface LimiterStats {
  queueDepth: number;
  busyWorkers: number;
  limiterQueued: number;
}

/** What the fleet waits for now, when a limit is the bottleneck; undefined when nothing waits. */
export function bottleneck(stats: LimiterStats | undefined, limits: { concurrency: number; qps: number }): string | undefined {
  if (!stats) return undefined;
  const parts: string[] = [];
  if (stats.limiterQueued > 0 && limits.qps > 0)
    parts.push(`waiting on client rate limit (${limits.qps} QPS): ${stats.limiterQueued.toLocaleString('en')} writes queued`);
  if (stats.queueDepth > 0)
    parts.push(`waiting for a worker (${stats.busyWorkers} of ${limits.concurrency || '∞'} busy): ${stats.queueDepth.toLocaleString('en')} hosts queued`);
  return parts.length ? parts.join(' · ') : undefined;
}
