import 'server-only';
/**
 * Counts over time at one-second resolution: hosts per state and transitions in that second,
 * kept for an hour in a ring. Pure: the caller passes the clock's reading.
 */
import type { SeriesPoint } from '../api/contract';
import type { FleetCounts } from '../bmh/counts';

export class CountSeries {
  private readonly points: SeriesPoint[] = [];
  private transitions = 0;

  constructor(private readonly capacity = 3600) {}

  noteTransition(): void {
    this.transitions++;
  }

  /** Closes the current second with the counts as they are now. */
  sample(now: number, counts: FleetCounts): SeriesPoint {
    const point: SeriesPoint = { t: now, total: counts.total, byState: { ...counts.byState }, error: counts.error, transitions: this.transitions };
    this.transitions = 0;
    this.points.push(point);
    if (this.points.length > this.capacity) this.points.shift();
    return point;
  }

  since(t: number): SeriesPoint[] {
    return this.points.filter((p) => p.t > t);
  }

  all(): SeriesPoint[] {
    return [...this.points];
  }
}
