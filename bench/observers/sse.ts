/** The dashboard's stream as a client sees it: every state a delta shows, and the bytes it took. */
import { TransitionLog } from '../stats';

interface View {
  namespace: string;
  name: string;
  state?: string;
}

export class SseWatch {
  readonly log = new TransitionLog();
  deltaBytes = 0;
  deltas = 0;
  private abort = new AbortController();

  constructor(private readonly dashboard: string) {}

  async start(): Promise<void> {
    const response = await fetch(`${this.dashboard}/api/stream`, { signal: this.abort.signal });
    void this.read(response.body!.getReader());
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = Date.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          if (event === 'snapshot') {
            for (const h of (JSON.parse(data) as { hosts: View[] }).hosts) this.log.note(`${h.namespace}/${h.name}`, h.state ?? 'none', at);
          } else if (event === 'delta') {
            this.deltaBytes += block.length + 2;
            this.deltas++;
            const delta = JSON.parse(data) as { upserts: View[]; patches?: View[]; deletes: { namespace: string; name: string }[] };
            for (const h of [...delta.upserts, ...(delta.patches ?? [])]) if (h.state !== undefined) this.log.note(`${h.namespace}/${h.name}`, h.state, at);
            for (const d of delta.deletes) {
              this.log.note(`${d.namespace}/${d.name}`, 'deleted', at);
              this.log.forget(`${d.namespace}/${d.name}`);
            }
          }
        }
      }
    } catch {
      // aborted at the end
    }
  }

  stop(): void {
    this.abort.abort();
  }
}
