/**
 * `npm run cluster`: the embedded cluster and the BMO test-mode twin alone, for kubectl and
 * other clients (or a dashboard started with FLEET_KUBECONFIG pointing at it).
 */
import { EnvError, parseEnv } from '../config/env';
import { idleCollector } from '../config/idle-gc';
import { Twin } from '../twin/reconciler';
import { settingsFor } from '../twin/settings';
import { describeLimits } from '../twin/limits';
import { startEmbeddedCluster } from './cluster';
import { startFirmwareSettings } from './firmware-settings';
import { StoreClient } from './store-client';
import { reportWarningsOverIpc, serveTwinOverIpc } from '../twin/control';

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const cluster = await startEmbeddedCluster({ port: env.apiPort, dataDir: env.dataDir });
  let twin: Twin | undefined;
  if (env.operator === 'twin') {
    // The twin reaches the store in this process directly, through the same admission as a request (store-client.ts).
    twin = new Twin({
      api: new StoreClient(cluster.store),
      settings: settingsFor(env.profile, { limits: env.limits }),
      namespace: env.namespace,
    });
    twin.start();
    // BMO's per-host HostFirmwareSettings (and their FirmwareSchema), as the operator makes them.
    startFirmwareSettings(cluster.store);
  }
  console.log(`Fleetscope embedded cluster at ${cluster.url}`);
  console.log(`  kubeconfig: ${cluster.kubeconfigPath}`);
  console.log(
    `  BMO twin:   ${twin ? `running, profile ${env.profile}, limits ${env.limitsPreset} (${describeLimits(env.limits)})` : 'off (FLEET_OPERATOR=none)'}`,
  );
  console.log(`  try:        kubectl --kubeconfig ${cluster.kubeconfigPath} get bmh -A`);
  const idle = idleCollector();
  cluster.store.subscribe(() => idle.active());
  process.once('exit', () => cluster.saveState());
  // Started by the dashboard: answer its questions about the twin, and go when it goes.
  if (process.send) {
    serveTwinOverIpc(twin);
    reportWarningsOverIpc(() => cluster.warnings());
    process.once('disconnect', () => void stop());
  }
  let stopping = false;
  const stop = async () => {
    // A signal to the process group reaches us twice (directly and through npm/tsx): the second
    // must not kill us halfway through the last save.
    if (stopping) return;
    stopping = true;
    twin?.stop();
    await cluster.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${(error as { port?: number }).port ?? ''} is in use: set FLEET_API_PORT to a free port (0 picks one).`);
  } else console.error(error);
  process.exit(1);
});
