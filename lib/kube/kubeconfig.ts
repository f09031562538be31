/** Loads a kubeconfig file as kubectl would, with errors a person can act on. */
import { existsSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError } from './lean-kubeconfig';
import { PooledKubeConfig } from './pooled-kubeconfig';

export { KubeconfigError };

export function loadKubeconfig(path: string, context?: string): KubeConfig {
  if (!existsSync(path)) throw new KubeconfigError(`kubeconfig ${path} does not exist`);
  const kc = new PooledKubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (error) {
    throw new KubeconfigError(`kubeconfig ${path} cannot be read: ${(error as Error).message}`);
  }
  if (context) {
    if (!kc.getContexts().some((c) => c.name === context)) {
      throw new KubeconfigError(
        `kubeconfig ${path} has no context "${context}" (it has: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      );
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) throw new KubeconfigError(`kubeconfig ${path} has no current cluster (set current-context or FLEET_CONTEXT)`);
  return kc;
}

/** What the dashboard shows as "which cluster". */
export function describeCluster(kc: KubeConfig): { context: string; server: string } {
  return { context: kc.getCurrentContext(), server: kc.getCurrentCluster()?.server ?? '' };
}
