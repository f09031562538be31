/** The kubeconfig that points kubectl and client-node at the embedded cluster. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const CONTEXT_NAME = 'fleetscope';
/** The context's namespace: where the dashboard creates hosts, and where `kubectl apply` puts them. */
export const KUBECONFIG_NAMESPACE = 'metal3';

export function kubeconfigYaml(server: string, caPem: string, token: string, namespace = KUBECONFIG_NAMESPACE): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: CONTEXT_NAME, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: CONTEXT_NAME, user: { token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME, namespace } }],
    'current-context': CONTEXT_NAME,
  });
}

/** Writes atomically (temp file, then rename) and readable by the owner only: it holds a token. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode: 0o600 });
  await rename(tmp, path);
}
