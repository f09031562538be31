import 'server-only';
/** Start-up from instrumentation.ts: validate the environment, start the runtime, say where things are. */
import { checkDataDir } from '../config/data-dir';
import { EnvError, parseEnv } from '../config/env';
import { KubeconfigError } from '../kube/lean-kubeconfig';
import { ClusterStartError } from './cluster-process';
import { installMethodGuard } from './method-guard';
import { getRuntime } from './runtime';
import { stopOnSignals } from './shutdown';
import { runs } from '../runs/service';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function boot(): Promise<void> {
  installMethodGuard();
  let env;
  try {
    env = parseEnv(process.env);
    if (env.embedded) checkDataDir(env.dataDir);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`Fleetscope cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  try {
    const rt = await getRuntime(() => env);
    stopOnSignals(rt);
    // Scale-test runs an earlier process left going on are marked errored now, not when first listed.
    void runs().catch((error: unknown) => console.error('[fleetscope] scale-test runs could not be restored', error));
    const info = rt.clusterInfo();
    console.log(`Fleetscope dashboard: http://${env.host.includes(':') ? `[${env.host}]` : env.host}:${env.port}`);
    const embedded = rt.clusterChild ?? rt.cluster;
    if (embedded) {
      console.log(`  cluster:    embedded, ${embedded.url}${rt.twin ? ` with the BMO twin (profile ${env.profile}, limits ${env.limitsPreset})` : ''}`);
      console.log(`  kubeconfig: ${embedded.kubeconfigPath}`);
      console.log(`  try:        kubectl --kubeconfig ${embedded.kubeconfigPath} get bmh -A`);
    } else {
      console.log(`  cluster:    ${info.context} (${info.server}) from ${env.kubeconfig}${rt.twin ? ', with the BMO twin' : ''}`);
    }
    if (env.namespace) console.log(`  namespace:  ${env.namespace} only`);
    if (env.readonly) console.log(`  read-only:  every change is refused (FLEET_READONLY=1)${env.twinOff ? '; the BMO twin is off' : ''}`);
    if (!LOOPBACK.has(env.host)) console.warn(`  WARNING: listening on ${env.host}, not loopback: anyone who can reach it can change the fleet.`);
  } catch (error) {
    if (error instanceof KubeconfigError || error instanceof ClusterStartError) {
      console.error(`Fleetscope cannot start: ${error.message}`);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Fleetscope cannot start: port ${env.apiPort} for the embedded cluster is in use. Set FLEET_API_PORT to a free port (0 picks one).`);
      process.exit(1);
    }
    throw error;
  }
}
