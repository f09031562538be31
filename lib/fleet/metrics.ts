import 'server-only';
/** Prometheus metrics of the dashboard (prom-client), read by `GET /metrics`. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FleetIndex } from '../bmh/fleet-index';
import type { ListWatchStats } from '../kube/list-watch';

export interface MetricsSources {
  index: FleetIndex;
  watch: () => ListWatchStats;
  sseClients: () => number;
}

/** The hosts' counts, read off the fleet index when scraped. */
function registerHostGauges(registry: Registry, sources: MetricsSources) {
  new Gauge({
    name: 'fleetscope_hosts',
    help: 'BareMetalHosts by provisioning state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [state, n] of Object.entries(sources.index.counts.byState)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'fleetscope_hosts_flagged',
    help: 'BareMetalHosts in error, powered off, detached or delayed',
    labelNames: ['flag'],
    registers: [registry],
    collect() {
      const c = sources.index.counts;
      this.set({ flag: 'error' }, c.error);
      this.set({ flag: 'powered_off' }, c.poweredOff);
      this.set({ flag: 'detached' }, c.detached);
      this.set({ flag: 'delayed' }, c.delayed);
    },
  });
}

/** The watch's and the stream's metrics, read off their sources when scraped. */
function registerWatchMetrics(registry: Registry, sources: MetricsSources) {
  new Counter({
    name: 'fleetscope_watch_events_total',
    help: 'Watch events received for BareMetalHosts',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.watch().events);
    },
  });
  new Counter({
    name: 'fleetscope_watch_restarts_total',
    help: 'Times the BareMetalHost watch was restarted',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.watch().watchRestarts);
    },
  });
  new Counter({
    name: 'fleetscope_watch_relists_total',
    help: 'Full lists of BareMetalHosts (start-up and after 410 Gone)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.watch().lists);
    },
  });
  new Gauge({
    name: 'fleetscope_sse_clients',
    help: 'Connected server-sent-event clients',
    registers: [registry],
    collect() {
      this.set(sources.sseClients());
    },
  });
}

export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fleetscope_' });

  registerHostGauges(registry, sources);
  const transitions = new Counter({
    name: 'fleetscope_host_transitions_total',
    help: 'Observed provisioning state transitions',
    labelNames: ['from', 'to'],
    registers: [registry],
  });
  registerWatchMetrics(registry, sources);
  const sseMessages = new Counter({ name: 'fleetscope_sse_messages_total', help: 'SSE messages published', labelNames: ['event'], registers: [registry] });
  const sseBytes = new Counter({ name: 'fleetscope_sse_bytes_total', help: 'SSE bytes published (once per message, before fan-out)', registers: [registry] });
  const resyncs = new Counter({ name: 'fleetscope_sse_resyncs_total', help: 'Clients sent a fresh snapshot because they fell behind', registers: [registry] });
  const eventLag = new Histogram({
    name: 'fleetscope_event_lag_seconds',
    help: 'Time from the first change of a batch arriving from the watch to its SSE message',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2],
    registers: [registry],
  });
  const jobs = new Counter({ name: 'fleetscope_jobs_total', help: 'Jobs finished', labelNames: ['action', 'state'], registers: [registry] });
  const jobHosts = new Counter({ name: 'fleetscope_job_hosts_total', help: 'Hosts handled by jobs', labelNames: ['action', 'result'], registers: [registry] });
  return { registry, transitions, sseMessages, sseBytes, resyncs, eventLag, jobs, jobHosts };
}

export type Metrics = ReturnType<typeof createMetrics>;
