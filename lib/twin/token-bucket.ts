/**
 * A client-side rate limiter like client-go's (flowcontrol.NewTokenBucketRateLimiter): `qps`
 * tokens a second, at most `burst` saved up, callers served in order. 0 = unlimited.
 * It counts what the simulator shows: writes waiting now and the milliseconds they waited.
 */
import type { Clock } from './clock';

/** setTimeout refuses longer delays (it fires at once instead, which made the twin spin). */
const MAX_TIMER_MS = 2_147_483_647;

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  private wake?: () => void;
  /** Writes waiting for a token now. */
  waiting = 0;
  /** Milliseconds writes have waited for a token, in all. */
  waitedMs = 0;

  constructor(
    private qps: number,
    private burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = Math.max(burst, 1);
    this.last = clock.now();
  }

  get limited(): boolean {
    return this.qps > 0;
  }

  get rate(): { qps: number; burst: number } {
    return { qps: this.qps, burst: this.burst };
  }

  /** New limits apply to writes already waiting too (their sleep is recomputed). */
  configure(qps: number, burst: number): void {
    this.refill();
    this.qps = qps;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, Math.max(burst, 1));
    this.wake?.();
  }

  /** Resolves when a token is available; callers are served in order. */
  take(): Promise<void> {
    if (this.qps <= 0 && this.waiting === 0) return Promise.resolve();
    const asked = this.clock.now();
    this.waiting++;
    const turn = this.queue
      .then(() => this.wait())
      .finally(() => {
        this.waiting--;
        this.waitedMs += this.clock.now() - asked;
      });
    this.queue = turn.catch(() => {});
    return turn;
  }

  private refill(): void {
    const now = this.clock.now();
    if (this.qps > 0) this.tokens = Math.min(Math.max(this.burst, 1), this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }

  private async wait(): Promise<void> {
    for (;;) {
      if (this.qps <= 0) return;
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const ms = Math.min(Math.ceil(((1 - this.tokens) / this.qps) * 1000), MAX_TIMER_MS);
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimeout(() => {
          this.wake = undefined;
          resolve();
        }, ms);
        this.wake = () => {
          this.clock.clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }
}
