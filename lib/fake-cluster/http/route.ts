/** Maps a Kubernetes API path to the resource, namespace, name and subresource it addresses. */
import type { ResourceDef } from '../resources';

export interface ResourceRoute {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: 'status' | 'finalize';
}

export type RouteResult = { kind: 'resource'; route: ResourceRoute } | { kind: 'unknown' };

function splitPath(pathname: string): string[] | undefined {
  try {
    return pathname
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/**
 * Accepts `/api/v1/...` and `/apis/{group}/{version}/...` followed by
 * `[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]`. Anything else is unknown (404).
 */
export function matchResourcePath(pathname: string, resources: readonly ResourceDef[]): RouteResult {
  const parts = splitPath(pathname);
  if (!parts) return { kind: 'unknown' };
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { kind: 'unknown' };
  }
  const inVersion = resources.filter((d) => d.group === group && d.version === version);
  const find = (plural: string | undefined) => inVersion.find((d) => d.plural === plural);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && find(rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const def = find(rest[0]);
  if (!def || rest.length > 3) return { kind: 'unknown' };
  const [, name, sub] = rest;
  if (sub !== undefined && !((sub === 'status' && def.hasStatus) || (sub === 'finalize' && def.plural === 'namespaces'))) {
    return { kind: 'unknown' };
  }
  if (name !== undefined && def.namespaced && namespace === undefined) return { kind: 'unknown' };
  return {
    kind: 'resource',
    route: { def, namespace, name, subresource: sub as ResourceRoute['subresource'] },
  };
}
