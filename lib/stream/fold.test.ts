import { describe, expect, it } from 'vitest';
import type { JobView, SeriesPoint } from '../api/contract';
import { FleetIndex } from '../bmh/fleet-index';
import type { HostView } from '../bmh/host-view';
import { EventHub } from '../fleet/hub';
import { foldMessage, initialStreamState, MAX_JOBS, MAX_SERIES, type StreamState } from './fold';
import { decodeMessage, STREAM_EVENTS } from './protocol';
import { parseSseBlock } from './sse';
import { testHostView } from '../testing/host-view';

const view = (name: string, state = 'available'): HostView => testHostView(name, { state });
const job = (id: string, done = 0): JobView => ({
  id,
  action: 'provision',
  total: 2,
  done,
  failed: 0,
  errors: [],
  state: 'running',
  startedAt: 0,
  written: done,
  reached: 0,
  superseded: 0,
  updatedAt: 0,
});
const point = (t: number): SeriesPoint => ({ t, total: 0, byState: {}, error: 0, transitions: 0 });

/** What a client receives: the hub's bytes, parsed and decoded as every client does. */
function received(bytes: Uint8Array) {
  const block = new TextDecoder().decode(bytes).slice(0, -2);
  const sse = parseSseBlock(block);
  return decodeMessage(sse.event, sse.data)!;
}

describe('the stream fold', () => {
  it('holds what the server holds after a snapshot and the hub’s deltas (upserts, patches, deletes)', () => {
    const index = new FleetIndex();
    const hub = new EventHub(index, { flushMs: 10_000, hostIntervalMs: 0, now: () => 1000 });
    const change = (v: HostView | undefined, key = `ns/${v?.name}`) => {
      if (v) index.upsert(v);
      else index.remove(key);
      hub.noteChange(key, v);
    };
    change(view('a', 'registering'));
    change(view('b'));
    hub.flush();
    let state = foldMessage(initialStreamState(), received(hub.snapshot().bytes));
    const messages: Uint8Array[] = [];
    hub.subscribe((m) => messages.push(m.bytes));
    change(view('a', 'inspecting')); // a patch
    change(undefined, 'ns/b'); // a delete
    change(view('c', 'provisioned')); // an upsert
    hub.flush();
    for (const bytes of messages) state = foldMessage(state, received(bytes));
    expect(state.index.list()).toEqual(index.list());
    expect(state.index.counts).toEqual(index.counts);
    expect(state.seq).toBe(hub.currentSeq);
    hub.close();
  });

  it('keeps the latest version of each job, newest first, at most MAX_JOBS', () => {
    let state: StreamState = initialStreamState();
    for (let i = 0; i < MAX_JOBS + 5; i++) state = foldMessage(state, { event: 'job', data: job(`j${i}`) });
    state = foldMessage(state, { event: 'job', data: job('j10', 2) });
    expect(state.jobs).toHaveLength(MAX_JOBS);
    expect(state.jobs[0]).toEqual(job('j10', 2));
    expect(state.jobs.filter((j) => j.id === 'j10')).toHaveLength(1);
  });

  it('keeps an hour of series points and replaces only the parts a message changes', () => {
    let state: StreamState = initialStreamState();
    for (let t = 1; t <= MAX_SERIES + 3; t++) state = foldMessage(state, { event: 'series', data: point(t) });
    expect(state.series).toHaveLength(MAX_SERIES);
    expect(state.series[0]!.t).toBe(4);
    const before = state;
    state = foldMessage(state, { event: 'cluster', data: { connection: 'live' } as never });
    expect(state.cluster).toEqual({ connection: 'live' });
    expect(state.series).toBe(before.series);
    expect(state.jobs).toBe(before.jobs);
  });

  it('ignores events it does not know (a newer server)', () => {
    expect(decodeMessage('gossip', '{}')).toBeUndefined();
    expect(STREAM_EVENTS).toContain('delta');
  });
});
