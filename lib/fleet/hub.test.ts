import { afterEach, describe, expect, it } from 'vitest';
import { FleetIndex } from '../bmh/fleet-index';
import type { HostView } from '../bmh/host-view';
import { EventHub, type HubMessage } from './hub';
import { openEventStream, parseLastEventId, LastEventIdError } from './stream';
import { testHostView } from '../testing/host-view';
import { decodeSnapshot } from '../stream/snapshot-codec';

const view = (name: string, state = 'available'): HostView => testHostView(name, { state });

const decode = (m: HubMessage) => new TextDecoder().decode(m.bytes);
const dataOf = (text: string) =>
  JSON.parse(
    text
      .split('\n')
      .find((l) => l.startsWith('data: '))!
      .slice(6),
  );

let hub: EventHub | undefined;
afterEach(() => hub?.close());

function setup() {
  const index = new FleetIndex();
  hub = new EventHub(index, { flushMs: 10_000, now: () => 1000, replayMessages: 3 });
  const change = (v: HostView | undefined, key = `ns/${v?.name}`) => {
    if (v) index.upsert(v);
    else index.remove(key);
    hub!.noteChange(key, v);
  };
  return { index, hub, change };
}

describe('the event hub', () => {
  it('coalesces changes per host into one delta', () => {
    const { hub, change } = setup();
    const seen: HubMessage[] = [];
    hub.subscribe((m) => seen.push(m));
    change(view('a', 'registering'));
    change(view('a', 'inspecting'));
    change(view('b'));
    change(undefined, 'ns/b');
    hub.flush();
    expect(seen).toHaveLength(1);
    const delta = dataOf(decode(seen[0]!));
    expect(delta.upserts.map((u: HostView) => `${u.name}:${u.state}`)).toEqual(['a:inspecting']);
    expect(delta.deletes).toEqual([{ namespace: 'ns', name: 'b' }]);
    expect(delta.counts.total).toBe(1);
    expect(delta.seq).toBe(seen[0]!.seq);
  });

  it('sends one host at most every 100 ms, and the others without waiting for it', () => {
    const index = new FleetIndex();
    let now = 1000;
    hub = new EventHub(index, { flushMs: 10_000, now: () => now });
    const seen: HubMessage[] = [];
    hub.subscribe((m) => seen.push(m));
    const change = (v: HostView) => {
      index.upsert(v);
      hub!.noteChange(`ns/${v.name}`, v);
    };
    const names = (m: HubMessage) => {
      const d = dataOf(decode(m));
      return [...d.upserts, ...(d.patches ?? [])].map((h: HostView) => `${h.name}:${h.state}`);
    };
    change(view('a', 'registering'));
    hub.flush(false);
    now += 50;
    change(view('a', 'inspecting'));
    change(view('b'));
    hub.flush(false);
    expect(seen.map(names)).toEqual([['a:registering'], ['b:available']]);
    now += 50;
    change(view('a', 'preparing'));
    hub.flush(false);
    expect(names(seen[2]!)).toEqual(['a:preparing']);
  });

  it("starts sequence numbers from the clock so an old process's ids are never current", () => {
    const { hub } = setup();
    expect(hub.currentSeq).toBe(1_000_000);
    expect(hub.since(999_999_999)).toBeUndefined();
  });

  it('replays what a client missed, or asks for a snapshot when the ring no longer has it', () => {
    const { hub, change } = setup();
    const start = hub.currentSeq;
    for (const name of ['a', 'b', 'c', 'd']) {
      change(view(name));
      hub.flush();
    }
    expect(hub.since(start + 2)?.map((m) => m.seq)).toEqual([start + 3, start + 4]);
    expect(hub.since(start)).toBeUndefined();
    expect(hub.since(hub.currentSeq)).toEqual([]);
  });
});

describe('a stream connection', () => {
  async function read(stream: ReadableStream<Uint8Array>, events: number): Promise<string[]> {
    const reader = stream.getReader();
    const out: string[] = [];
    let buffer = '';
    while (out.length < events) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      const parts = buffer.split('\n\n');
      buffer = parts.pop()!;
      out.push(...parts.filter((p) => p.includes('event: ')));
    }
    reader.releaseLock();
    return out;
  }

  it('starts with a snapshot, then sends deltas', async () => {
    const { hub, change } = setup();
    change(view('a'));
    hub.flush();
    const stream = openEventStream(hub, undefined, new AbortController().signal);
    change(view('b'));
    hub.flush();
    const [snapshot, delta] = await read(stream, 2);
    expect(snapshot).toContain('event: snapshot');
    expect(decodeSnapshot(dataOf(snapshot!)).hosts.map((h: HostView) => h.name)).toEqual(['a']);
    expect(delta).toContain('event: delta');
    expect(dataOf(delta!).upserts.map((h: HostView) => h.name)).toEqual(['b']);
  });

  it('resumes from Last-Event-ID with only the missed deltas', async () => {
    const { hub, change } = setup();
    change(view('a'));
    hub.flush();
    const seen = hub.currentSeq;
    change(view('b'));
    hub.flush();
    const [first] = await read(openEventStream(hub, seen, new AbortController().signal), 1);
    expect(first).toContain('event: delta');
    expect(dataOf(first!).upserts.map((h: HostView) => h.name)).toEqual(['b']);
  });

  it('stops when the client goes away', () => {
    const { hub } = setup();
    const abort = new AbortController();
    openEventStream(hub, undefined, abort.signal);
    expect(hub.subscriberCount).toBe(1);
    abort.abort();
    expect(hub.subscriberCount).toBe(0);
  });

  it('validates Last-Event-ID', () => {
    expect(parseLastEventId(null)).toBeUndefined();
    expect(parseLastEventId('123')).toBe(123);
    for (const bad of ['abc', '-1', '1.5', '1'.repeat(20), '12; DROP']) expect(() => parseLastEventId(bad)).toThrow(LastEventIdError);
  });
});

describe('every way a stream ends releases its subscription and its queued snapshot', () => {
  function bigHub() {
    const { hub, change } = setup();
    for (let i = 0; i < 2000; i++) change(view(`h${i}`));
    hub.flush();
    return hub;
  }

  it('aborted before the first byte (the client left while the route awaited)', () => {
    const hub = bigHub();
    const abort = new AbortController();
    abort.abort();
    const stream = openEventStream(hub, undefined, abort.signal);
    expect(hub.subscriberCount).toBe(0);
    expect(stream.locked).toBe(false);
  });

  it('client gone right after the snapshot was queued: the queue is dropped, not kept for a reader that never comes', async () => {
    const hub = bigHub();
    const abort = new AbortController();
    const stream = openEventStream(hub, undefined, abort.signal);
    expect(hub.subscriberCount).toBe(1);
    abort.abort();
    expect(hub.subscriberCount).toBe(0);
    // close() would keep the snapshot queued; an errored stream has dropped it.
    await expect(stream.getReader().read()).rejects.toThrow(/ended/);
  });

  it('the reader cancels (Next does so when the socket closes)', async () => {
    const hub = bigHub();
    const stream = openEventStream(hub, undefined, new AbortController().signal);
    await stream.cancel();
    expect(hub.subscriberCount).toBe(0);
  });

  it('server shutdown: hub.close() ends every open stream', async () => {
    const hub = bigHub();
    const streams = Array.from({ length: 5 }, () => openEventStream(hub, undefined, new AbortController().signal, { heartbeatMs: 10 }));
    expect(hub.subscriberCount).toBe(5);
    hub.close();
    expect(hub.subscriberCount).toBe(0);
    for (const stream of streams) await expect(stream.getReader().read()).rejects.toThrow(/ended/);
  });
});
