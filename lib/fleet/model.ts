import 'server-only';
/**
 * The server's fleet model: watch events in, HostViews and counts out. It is the sink of the
 * BareMetalHost list-watch; every changed host is passed on (to the event hub) as an upsert or
 * a delete. It also keeps what only the server can observe: each host's transitions with times.
 */
import { FleetIndex } from '../bmh/fleet-index';
import { hostKey, sameView, toHostView, type HostView } from '../bmh/host-view';
import type { BareMetalHost } from '../bmh/types';
import { applyRelist, type ConnectionState, type ListWatchSink } from '../kube/list-watch';
import { CountSeries } from './series';

export interface Transition {
  /** Epoch ms when the watch delivered it. */
  t: number;
  from: string;
  to: string;
}

export interface FleetModelOptions {
  now?: () => number;
  /** A host changed (view) or disappeared (undefined). */
  onChange: (key: string, view: HostView | undefined) => void;
  onTransition?: (from: string, to: string) => void;
  onState?: (state: ConnectionState, detail: { error?: string }) => void;
  transitionsPerHost?: number;
}

/** A host changed (view) or disappeared (undefined), at `t` (epoch ms, when the watch delivered it). */
export type ChangeListener = (key: string, view: HostView | undefined, t: number) => void;

export class FleetModel implements ListWatchSink<BareMetalHost> {
  readonly index = new FleetIndex();
  readonly series = new CountSeries();
  private readonly transitions = new Map<string, Transition[]>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly now: () => number;
  synced = false;
  lastEventAt?: number;

  constructor(private readonly options: FleetModelOptions) {
    this.now = options.now ?? Date.now;
  }

  replace(items: BareMetalHost[]): void {
    const now = this.now();
    const held = this.index.list().map(hostKey);
    applyRelist(items, (bmh) => hostKey(bmh.metadata), held, { upsert: (key, bmh) => this.upsert(key, bmh, now), remove: (key) => this.remove(key) });
    this.synced = true;
    this.lastEventAt = now;
  }

  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', bmh: BareMetalHost): void {
    const now = this.now();
    this.lastEventAt = now;
    const key = hostKey(bmh.metadata);
    if (type === 'DELETED') this.remove(key);
    else this.upsert(key, bmh, now);
  }

  state(state: ConnectionState, detail: { error?: string }): void {
    this.options.onState?.(state, detail);
  }

  /** Every change after it is applied, for observers such as scale-test runs; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Observed transitions of one host, oldest first. */
  transitionsOf(key: string): Transition[] {
    return this.transitions.get(key) ?? [];
  }

  private upsert(key: string, bmh: BareMetalHost, now: number): void {
    const previous = this.index.get(key);
    const view = toHostView(bmh, now, previous);
    if (sameView(previous, view)) return;
    this.index.upsert(view);
    const from = previous && previous.uid === view.uid ? previous.state : undefined;
    if (from === undefined || from !== view.state) this.record(key, { t: now, from: from ?? '', to: view.state }, previous?.uid !== view.uid);
    this.options.onChange(key, view);
    for (const listener of this.listeners) listener(key, view, now);
  }

  private record(key: string, transition: Transition, newHost: boolean): void {
    const log = newHost ? [] : (this.transitions.get(key) ?? []);
    log.push(transition);
    const max = this.options.transitionsPerHost ?? 64;
    if (log.length > max) log.splice(0, log.length - max);
    this.transitions.set(key, log);
    if (transition.from !== '') {
      this.series.noteTransition();
      this.options.onTransition?.(transition.from, transition.to);
    }
  }

  private remove(key: string): void {
    if (!this.index.remove(key)) return;
    this.transitions.delete(key);
    this.options.onChange(key, undefined);
    for (const listener of this.listeners) listener(key, undefined, this.now());
  }
}
