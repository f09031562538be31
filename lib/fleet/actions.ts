import 'server-only';
/** Turns validated action requests into jobs of Kubernetes API calls, one task per host. */
import type { FleetIndex } from '../bmh/fleet-index';
import { ANNOTATIONS, type BareMetalHost } from '../bmh/types';
import type { KubeApi } from '../kube/api';
import { errorMessage, statusCode } from '../kube/errors';
import { DEFAULT_IMAGE, type CreateHostsRequest, type HostAction, type HostActionRequest, type JobView } from '../api/contract';
import { ApiError } from './api-error';
import { hostManifest, planHosts, secretManifest, type Taken } from './host-factory';
import { withRetries, type JobRunner, type Task } from './jobs';

export interface ActionDeps {
  client: KubeApi<BareMetalHost>;
  index: FleetIndex;
  jobs: JobRunner;
  /** FLEET_NAMESPACE: the only namespace Fleetscope may touch, when set. */
  namespace?: string;
  /** Names and addresses handed out by earlier jobs that the watch may not have shown yet. */
  reserved: Taken;
  random?: () => number;
}

export const DEFAULT_NAMESPACE = 'metal3';

/** Worth another try: a conflict, throttling, a server fault or no answer at all. */
export function transient(error: unknown): boolean {
  const code = statusCode(error);
  return code === undefined || code === 409 || code === 429 || code >= 500;
}

/** Like `transient`, but an AlreadyExists is final (unless a retry of our own create). */
const transientCreate = (error: unknown) => transient(error) && !(statusCode(error) === 409 && /already exists/.test(errorMessage(error)));

/** Creates; on a retry, "already exists" means our earlier try got through. */
async function createOnce(create: () => Promise<unknown>, attempt: number): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (attempt > 1 && statusCode(error) === 409) return;
    throw error;
  }
}

/** What new hosts in `namespace` must not collide with (also used by scale-test runs). */
export function takenIn(deps: Pick<ActionDeps, 'index' | 'reserved'>, namespace: string): Taken {
  const taken: Taken = { names: new Set(deps.reserved.names), macs: deps.reserved.macs, bmcAddresses: deps.reserved.bmcAddresses };
  for (const host of deps.index.values()) {
    if (host.namespace === namespace) taken.names.add(`${namespace}/${host.name}`);
    if (host.bootMACAddress) taken.macs.add(host.bootMACAddress.toLowerCase());
    if (host.bmcAddress) taken.bmcAddresses.add(host.bmcAddress);
  }
  // planHosts works with bare names within one namespace.
  const names = new Set<string>();
  for (const key of taken.names) if (key.startsWith(`${namespace}/`)) names.add(key.slice(namespace.length + 1));
  return { ...taken, names };
}

function checkNamespace(deps: ActionDeps, namespace: string | undefined): void {
  if (deps.namespace && namespace && namespace !== deps.namespace) {
    throw new ApiError(400, 'namespace_not_watched', `Fleetscope is limited to namespace "${deps.namespace}" (FLEET_NAMESPACE)`, 'namespace');
  }
}

export async function createHosts(deps: ActionDeps, request: CreateHostsRequest): Promise<JobView> {
  checkNamespace(deps, request.namespace);
  const namespace = request.namespace ?? deps.namespace ?? DEFAULT_NAMESPACE;
  const prefix = request.prefix ?? 'worker';
  const online = request.online ?? true;
  const taken = takenIn(deps, namespace);
  const hosts = planHosts(request.count, prefix, taken, deps.random ?? Math.random);
  for (const host of hosts) deps.reserved.names.add(`${namespace}/${host.name}`);
  await deps.client.ensureNamespace(namespace);
  const tasks: Task[] = hosts.map((host) => ({
    host: `${namespace}/${host.name}`,
    run: async () => {
      await withRetries((attempt) => createOnce(() => deps.client.createSecret(namespace, secretManifest(host, namespace) as never), attempt), transientCreate);
      try {
        await withRetries((attempt) => createOnce(() => deps.client.createBmh(namespace, hostManifest(host, namespace, online)), attempt), transientCreate);
      } catch (error) {
        // Never leave a BMC Secret without its host: remove it, or say that it is left.
        const removed = await withRetries(
          () => deps.client.deleteSecret(namespace, host.secretName),
          (e) => transient(e) && statusCode(e) !== 404,
        ).then(
          () => true,
          (e: unknown) => statusCode(e) === 404,
        );
        if (removed) throw error;
        throw new Error(`${errorMessage(error)}; its BMC Secret ${namespace}/${host.secretName} could not be removed`);
      }
    },
  }));
  return deps.jobs.start('create', tasks, errorMessage).job;
}

type Patch = Record<string, unknown>;

const annotate = (key: string, value: string | null): Patch => ({ metadata: { annotations: { [key]: value } } });

/** The spec or annotation change an action writes (runs write the same ones: lib/runs/writes.ts). */
export function patchFor(action: Exclude<HostAction, 'delete'>, request: Pick<HostActionRequest, 'image'>): Patch {
  switch (action) {
    case 'provision':
      return { spec: { online: true, image: request.image ?? DEFAULT_IMAGE } };
    case 'deprovision':
      return { spec: { image: null, customDeploy: null } };
    case 'power-on':
      return { spec: { online: true } };
    case 'power-off':
      return { spec: { online: false } };
    case 'reboot':
      return annotate(ANNOTATIONS.reboot, '');
    case 'inspect':
      return annotate(ANNOTATIONS.inspect, '');
    case 'detach':
      return annotate(ANNOTATIONS.detached, '');
    case 'attach':
      return annotate(ANNOTATIONS.detached, null);
    case 'pause':
      return annotate(ANNOTATIONS.paused, 'fleetscope');
    case 'unpause':
      return annotate(ANNOTATIONS.paused, null);
  }
}

/** The hosts a request names, or those its `where` filter selects from the live fleet. */
export function targetsOf(deps: ActionDeps, request: HostActionRequest): { namespace: string; name: string }[] {
  if (request.hosts) {
    for (const host of request.hosts) checkNamespace(deps, host.namespace);
    return request.hosts;
  }
  const where = request.where ?? {};
  checkNamespace(deps, where.namespace);
  const out: { namespace: string; name: string }[] = [];
  const limit = where.limit ?? 10_000;
  for (const host of deps.index.values()) {
    if (where.state && host.state !== where.state) continue;
    if (where.namespace && host.namespace !== where.namespace) continue;
    out.push({ namespace: host.namespace, name: host.name });
    if (out.length >= limit) break;
  }
  return out;
}

export function runHostAction(deps: ActionDeps, request: HostActionRequest): JobView {
  const targets = targetsOf(deps, request);
  const action = request.action;
  const tasks: Task[] = targets.map(({ namespace, name }) => ({
    host: `${namespace}/${name}`,
    run: async () => {
      if (action === 'delete') {
        try {
          await withRetries(() => deps.client.deleteBmh(namespace, name), transient);
        } catch (error) {
          if (statusCode(error) !== 404) throw error;
        }
        return;
      }
      await withRetries(() => deps.client.patchBmh(namespace, name, patchFor(action, request)), transient);
    },
  }));
  return deps.jobs.start(action, tasks, errorMessage).job;
}
