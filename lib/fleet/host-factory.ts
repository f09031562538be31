import 'server-only';
/**
 * Fake hosts the way the Metal3 scaling post's script makes them: a BMC Secret and a
 * BareMetalHost per host, with unique names, boot MACs and BMC addresses. Pure: the caller
 * says what is taken and passes the randomness.
 */
import { BMH_API_VERSION } from '../bmh/types';

export interface Taken {
  names: Set<string>;
  macs: Set<string>;
  bmcAddresses: Set<string>;
}

export interface NewHost {
  name: string;
  secretName: string;
  bootMACAddress: string;
  bmcAddress: string;
  username: string;
  password: string;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** MACs in the 00:60:2f prefix the scaling post uses, from a 24-bit counter. */
export function macFor(n: number): string {
  return `00:60:2f:${hex2((n >> 16) & 0xff)}:${hex2((n >> 8) & 0xff)}:${hex2(n & 0xff)}`;
}

/** IPMI addresses in 10.0.0.0/8, from a 24-bit counter (skipping .0 and .255). */
export function bmcAddressFor(n: number): string {
  const host = n % 254;
  const rest = Math.floor(n / 254);
  return `ipmi://10.${(rest >> 8) & 0xff}.${rest & 0xff}.${host + 1}:623`;
}

function password(random: () => number): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** The highest N of `<prefix>-N` among the taken names, or -1. */
export function highestIndex(prefix: string, names: Iterable<string>): number {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
  let highest = -1;
  for (const name of names) {
    const m = pattern.exec(name);
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return highest;
}

/** Picks `count` new hosts that collide with nothing taken; marks what it picks as taken. */
export function planHosts(count: number, prefix: string, taken: Taken, random: () => number): NewHost[] {
  const hosts: NewHost[] = [];
  let index = highestIndex(prefix, taken.names) + 1;
  let counter = Math.floor(random() * 0xffffff);
  const nextFree = (set: Set<string>, make: (n: number) => string) => {
    for (let tries = 0; tries < 0x1000000; tries++) {
      const value = make(counter);
      counter = (counter + 1) % 0xffffff;
      if (!set.has(value)) {
        set.add(value);
        return value;
      }
    }
    throw new Error('no free address left');
  };
  while (hosts.length < count) {
    const name = `${prefix}-${index++}`;
    if (taken.names.has(name)) continue;
    taken.names.add(name);
    hosts.push({
      name,
      secretName: `${name}-bmc-secret`,
      bootMACAddress: nextFree(taken.macs, macFor),
      bmcAddress: nextFree(taken.bmcAddresses, bmcAddressFor),
      username: 'admin',
      password: password(random),
    });
  }
  return hosts;
}

export function secretManifest(host: NewHost, namespace: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: host.secretName, namespace, labels: { 'app.kubernetes.io/created-by': 'fleetscope' } },
    type: 'Opaque',
    data: {
      username: Buffer.from(host.username).toString('base64'),
      password: Buffer.from(host.password).toString('base64'),
    },
  };
}

export function hostManifest(host: NewHost, namespace: string, online: boolean) {
  return {
    apiVersion: BMH_API_VERSION,
    kind: 'BareMetalHost',
    metadata: { name: host.name, namespace, labels: { 'app.kubernetes.io/created-by': 'fleetscope' } },
    spec: {
      online,
      bootMACAddress: host.bootMACAddress,
      bmc: { address: host.bmcAddress, credentialsName: host.secretName },
    },
  };
}
