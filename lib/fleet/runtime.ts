import 'server-only';
/**
 * The dashboard's process-wide parts, started once: the embedded cluster (unless a kubeconfig
 * is given), the twin (when asked for), the BareMetalHost watch feeding the fleet model, the
 * event hub, jobs and metrics. Route handlers and instrumentation share it through globalThis.
 */
import type { ClusterInfo } from '../api/contract';
import { idleCollector } from '../config/idle-gc';
import { parseEnv, type FleetEnv } from '../config/env';
import type { EmbeddedCluster, EmbeddedClusterOptions } from '../fake-cluster/cluster';
import type { KubeApi } from '../kube/api';
import { readKubeconfig } from '../kube/lean-kubeconfig';
import { ListWatch, type Watcher } from '../kube/list-watch';
import { RawKubeClient, type Connection } from '../kube/raw-client';
import { METAL3_RESOURCES, type BareMetalHost } from '../bmh/types';
import { Twin } from '../twin/reconciler';
import { settingsFor } from '../twin/settings';
import type { ActionDeps } from './actions';
import { startClusterChild, type ClusterChild } from './cluster-process';
import { localTwinControl, type TwinControl } from '../twin/control';
import { EventHub } from './hub';
import { StreamGate } from './stream-gate';
import { JobRunner } from './jobs';
import { loadJobs, saveJobs, throttledSaver } from './job-store';
import { createMetrics, type Metrics } from './metrics';
import { FleetModel } from './model';

export interface Runtime {
  env: FleetEnv;
  client: KubeApi<BareMetalHost>;
  model: FleetModel;
  hub: EventHub;
  watch: ListWatch<BareMetalHost>;
  jobs: JobRunner;
  metrics: Metrics;
  /** The cap on concurrent SSE streams. */
  streams: StreamGate;
  /** The BMO twin, wherever it runs (unset when a real BMO does the work). */
  twin?: TwinControl;
  /** The embedded cluster's process, when it runs in one of its own (the default). */
  clusterChild?: ClusterChild;
  /** The embedded cluster and twin, when they run in this process (tests). */
  cluster?: EmbeddedCluster;
  localTwin?: Twin;
  actions: ActionDeps;
  clusterInfo(): ClusterInfo;
  /** Aborted when the runtime stops: open event streams end with it, so the server can close. */
  stopping: AbortSignal;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /**
   * Run the embedded cluster and twin in this process rather than in a child (tests, fault
   * injection), started by this function. It is passed in rather than imported so that the
   * dashboard's server bundle never carries the cluster's code, which runs in its own process.
   */
  inProcess?: (options: EmbeddedClusterOptions) => Promise<EmbeddedCluster>;
  cluster?: Partial<EmbeddedClusterOptions>;
}

const KEY = Symbol.for('fleetscope.runtime');
const holder = globalThis as unknown as { [KEY]?: Promise<Runtime> };

/** Where the cluster is: started here (tests), in a child process (the default), or given by a kubeconfig. */
interface ClusterPlace {
  cluster?: EmbeddedCluster;
  clusterChild?: ClusterChild;
  kubeconfigPath: string;
  access: KubeAccess;
}

/** How the dashboard talks to the cluster: which context and server, and the client that lists, watches and writes. */
interface KubeAccess {
  context: string;
  server: string;
  client: KubeApi<BareMetalHost> & Watcher;
  /** Static credentials, when the lean client can use them. */
  connection?: Connection;
}

/**
 * The lean client when the kubeconfig's credentials are static (always for the embedded cluster),
 * so that the dashboard never loads client-node (~90 MB resident); client-node's own client and
 * Watch for exec and auth-provider plugins, which it refreshes.
 */
async function kubeAccess(path: string, context: string | undefined): Promise<KubeAccess> {
  const info = readKubeconfig(path, context);
  const { connection } = info;
  if (connection) return { context: info.context, server: info.server, connection, client: new RawKubeClient<BareMetalHost>(connection, METAL3_RESOURCES) };
  const [{ loadKubeconfig }, { KubeClient }, { Watch }] = await Promise.all([
    import('../kube/kubeconfig'),
    import('../kube/client'),
    import('@kubernetes/client-node'),
  ]);
  const kubeconfig = loadKubeconfig(path, context);
  const client = new KubeClient<BareMetalHost>(kubeconfig, METAL3_RESOURCES);
  const watch = new Watch(kubeconfig);
  return { context: info.context, server: info.server, client: Object.assign(client, { watch: watch.watch.bind(watch) }) };
}

async function placeCluster(env: FleetEnv, options: RuntimeOptions): Promise<ClusterPlace> {
  const inProcess = env.embedded ? options.inProcess : undefined;
  const cluster = inProcess ? await inProcess({ port: env.apiPort, dataDir: env.dataDir, ...options.cluster }) : undefined;
  const clusterChild = env.embedded && !inProcess ? await startClusterChild(env) : undefined;
  const kubeconfigPath = cluster?.kubeconfigPath ?? clusterChild?.kubeconfigPath ?? env.kubeconfig!;
  return { cluster, clusterChild, kubeconfigPath, access: await kubeAccess(kubeconfigPath, env.context) };
}

/** The watch → model → hub pipeline, with metrics and jobs. */
interface FleetParts {
  model: FleetModel;
  hub: EventHub;
  watch: ListWatch<BareMetalHost>;
  metrics: Metrics;
  jobs: JobRunner;
  jobSaver: { flush: () => void };
}

/** The parts call each other through callbacks; none is called before all exist (`clusterInfo` neither). */
function wireFleet(env: FleetEnv, client: KubeApi<BareMetalHost> & Watcher, clusterInfo: () => ClusterInfo): FleetParts {
  const idle = idleCollector();
  const model = new FleetModel({
    onChange: (key, view) => {
      idle.active();
      hub.noteChange(key, view);
    },
    onTransition: (from, to) => metrics.transitions.inc({ from, to }),
    onState: () => hub.publish('cluster', () => clusterInfo()),
  });
  const hub = new EventHub(model.index, {
    onFlush: ({ oldestChangeAt }) => metrics.eventLag.observe((Date.now() - oldestChangeAt) / 1000),
  });
  const watch = new ListWatch<BareMetalHost>({
    watcher: client,
    path: client.bmhPath(env.namespace),
    listPage: ({ limit, continueToken }) => client.listBmhPage(env.namespace, limit, continueToken),
    sink: model,
  });
  const metrics = createMetrics({ index: model.index, watch: () => watch.stats, sseClients: () => hub.subscriberCount });
  hub.subscribe((message) => {
    metrics.sseMessages.inc({ event: message.event });
    metrics.sseBytes.inc(message.bytes.length);
  });
  const jobSaver = throttledSaver(() => saveJobs(env.dataDir, jobs.list()));
  const jobs = new JobRunner({
    lookup: (key) => model.index.get(key),
    onChange: jobSaver.changed,
    onProgress: (job) => hub.publish('job', () => job),
    onFinish: (job) => {
      metrics.jobs.inc({ action: job.action, state: job.state });
      metrics.jobHosts.inc({ action: job.action, result: 'ok' }, job.done - job.failed);
      metrics.jobHosts.inc({ action: job.action, result: 'failed' }, job.failed);
    },
  });
  jobs.restore(loadJobs(env.dataDir));
  return { model, hub, watch, metrics, jobs, jobSaver };
}

/** The twin runs beside the cluster: in the child with it, or here (in-process, or against a kubeconfig cluster). */
async function startTwin(env: FleetEnv, place: ClusterPlace): Promise<{ twin?: TwinControl; localTwin?: Twin }> {
  if (env.operator !== 'twin') return {};
  if (place.clusterChild) return { twin: place.clusterChild.twin };
  // A client of its own: the twin closes it when it stops.
  const { connection } = place.access;
  const api = connection
    ? new RawKubeClient<BareMetalHost>(connection, METAL3_RESOURCES)
    : await (async () => {
        const [{ loadKubeconfig }, { rawClientFor }] = await Promise.all([import('../kube/kubeconfig'), import('../kube/raw-from-kubeconfig')]);
        return rawClientFor<BareMetalHost>(loadKubeconfig(place.kubeconfigPath, env.context), METAL3_RESOURCES);
      })();
  const localTwin = new Twin({ api, settings: settingsFor(env.profile, { limits: env.limits }), namespace: env.namespace });
  localTwin.start();
  return { twin: localTwinControl(localTwin), localTwin };
}

function describeRuntime(env: FleetEnv, place: ClusterPlace, { watch, model }: FleetParts, twin: TwinControl | undefined): ClusterInfo {
  return {
    mode: env.embedded ? 'embedded' : 'kubeconfig',
    context: place.access.context,
    server: place.access.server,
    kubeconfigPath: place.kubeconfigPath,
    namespace: env.namespace,
    connection: watch.stats.state,
    lastError: watch.stats.lastError,
    synced: model.synced,
    lastEventAt: model.lastEventAt,
    resourceVersion: watch.stats.resourceVersion,
    relists: watch.stats.lists,
    watchRestarts: watch.stats.watchRestarts,
    operator: env.operator,
    profile: twin?.profile(),
    readonly: env.readonly,
    ...(env.twinOff ? { twinOff: env.twinOff } : {}),
    warnings: [...(place.cluster?.warnings() ?? []), ...(place.clusterChild?.warnings() ?? [])],
  };
}

/** Counts per second for the charts, sent as `series` messages. */
function startSampler({ model, hub, jobs }: FleetParts): NodeJS.Timeout {
  const sampler = setInterval(() => {
    const point = model.series.sample(Date.now(), model.index.counts);
    hub.publish('series', () => point);
    jobs.track();
  }, 1000);
  sampler.unref();
  return sampler;
}

export async function startRuntime(env: FleetEnv, options: RuntimeOptions = {}): Promise<Runtime> {
  const place = await placeCluster(env, options);
  const { client } = place.access;
  const clusterInfo = (): ClusterInfo => describeRuntime(env, place, fleet, twin);
  const fleet = wireFleet(env, client, clusterInfo);
  const { twin, localTwin } = await startTwin(env, place);
  void fleet.watch.run();
  // Whatever stops the server (Ctrl-C, SIGTERM, an error), the cluster's state is written last.
  const { cluster, clusterChild } = place;
  if (cluster) process.once('exit', () => cluster.saveState());
  const sampler = startSampler(fleet);
  const { model, jobs } = fleet;
  const stopping = new AbortController();
  return {
    env,
    client,
    ...fleet,
    streams: new StreamGate(env.maxStreams),
    twin,
    localTwin,
    cluster,
    clusterChild,
    actions: { client, index: model.index, jobs, namespace: env.namespace, reserved: { names: new Set(), macs: new Set(), bmcAddresses: new Set() } },
    clusterInfo,
    stopping: stopping.signal,
    stop: async () => {
      stopping.abort();
      // First, before any await: a cluster child that exits now (Ctrl-C reaches it too) is not restarted.
      const childStopped = clusterChild?.stop();
      clearInterval(sampler);
      fleet.watch.stop();
      localTwin?.stop();
      fleet.hub.close();
      fleet.jobSaver.flush();
      await cluster?.close();
      await childStopped;
    },
  };
}

/** The runtime of this process, started on first use (normally by instrumentation.ts). */
export function getRuntime(env?: () => FleetEnv, options?: RuntimeOptions): Promise<Runtime> {
  if (!holder[KEY]) {
    if (!env) throw new Error('Fleetscope runtime not started');
    holder[KEY] = startRuntime(env(), options);
  }
  return holder[KEY]!;
}

/** What route handlers call: this process's runtime, configured from the environment. */
export function runtime(): Promise<Runtime> {
  return getRuntime(() => parseEnv(process.env));
}
