/** A client-side rate limiter like client-go's: `qps` tokens a second, `burst` at most saved up. 0 = unlimited. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private qps: number,
    private burst: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.tokens = Math.max(burst, 1);
    this.last = now();
  }

  configure(qps: number, burst: number): void {
    this.qps = qps;
    this.burst = burst;
  }

  /** Resolves when a token is available; callers are served in order. */
  take(): Promise<void> {
    if (this.qps <= 0) return Promise.resolve();
    const turn = this.queue.then(() => this.wait());
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = this.now();
      const capacity = Math.max(this.burst, 1);
      this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(((1 - this.tokens) / this.qps) * 1000);
    }
  }
}
