/** The dashboard's stream as a client sees it: every state a delta shows, and the bytes it took. */
import { hostKey } from '../../lib/bmh/host-view';
import { foldMessage, initialStreamState } from '../../lib/stream/fold';
import { decodeMessage } from '../../lib/stream/protocol';
import { readSse } from '../../lib/stream/sse';
import { TransitionLog } from '../stats';

export class SseWatch {
  readonly log = new TransitionLog();
  deltaBytes = 0;
  deltas = 0;
  private state = initialStreamState();
  private abort = new AbortController();

  constructor(private readonly dashboard: string) {}

  async start(): Promise<void> {
    const response = await fetch(`${this.dashboard}/api/stream`, { signal: this.abort.signal });
    void this.read(response.body!.getReader());
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      for await (const batch of readSse(reader)) {
        const at = Date.now();
        for (const received of batch) {
          const message = decodeMessage(received.event, received.data);
          if (!message) continue;
          this.state = foldMessage(this.state, message);
          const { index } = this.state;
          if (message.event === 'snapshot') {
            for (const h of index.values()) this.log.note(hostKey(h), h.state, at);
          } else if (message.event === 'delta') {
            this.deltaBytes += received.bytes;
            this.deltas++;
            // Only what this delta shows: whole hosts, and patches that carry a state.
            for (const h of [...message.data.upserts, ...(message.data.patches ?? [])])
              if (h.state !== undefined) this.log.note(hostKey(h), index.get(hostKey(h))?.state ?? h.state, at);
            for (const d of message.data.deletes) {
              this.log.note(hostKey(d), 'deleted', at);
              this.log.forget(hostKey(d));
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
