import 'server-only';
/**
 * A cap on concurrent SSE streams. Each stream costs a socket, a subscription and, while it
 * connects, a snapshot write; 2,000 of them pushed /api/healthz from milliseconds to > 20 s.
 * Past the cap a client is told to come back later (503 + Retry-After; EventSource retries).
 */
export class StreamGate {
  private open = 0;

  constructor(readonly max: number) {}

  get count(): number {
    return this.open;
  }

  /** Takes a slot, or returns undefined when all are taken; the release function is idempotent. */
  acquire(): (() => void) | undefined {
    if (this.open >= this.max) return undefined;
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
    };
  }
}
