import 'server-only';
/**
 * The process's RunManager, wired to the dashboard's runtime: its Kubernetes client, its fleet
 * model (runs observe their hosts through it), the twin, and the live stream (`run` events).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { takenIn } from '../fleet/actions';
import { runtime, type Runtime } from '../fleet/runtime';
import { RunManager } from './manager';
import { RunStore } from './store';

const KEY = Symbol.for('fleetscope.runs');
const holder = globalThis as unknown as { [KEY]?: Promise<RunManager> };

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function managerFor(rt: Runtime): RunManager {
  return new RunManager({
    store: new RunStore(join(rt.env.dataDir, 'runs')),
    run: {
      client: rt.client,
      index: rt.model.index,
      subscribe: (listener) => rt.model.subscribe(listener),
      taken: (namespace) => takenIn(rt.actions, namespace),
    },
    twin: rt.twin,
    cluster: () => {
      const info = rt.clusterInfo();
      return { mode: info.mode, server: info.server, context: info.context, ...(info.namespace ? { namespace: info.namespace } : {}) };
    },
    version: version(),
    operator: rt.env.operator,
    namespace: rt.env.namespace,
    publish: (view) => rt.hub.publish('run', () => view),
  });
}

/** This process's runs (restored from disk on first use). */
export function runs(): Promise<RunManager> {
  holder[KEY] ??= runtime().then(async (rt) => {
    const manager = managerFor(rt);
    await manager.restore();
    return manager;
  });
  return holder[KEY]!;
}
