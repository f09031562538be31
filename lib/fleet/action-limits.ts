/**
 * The actions API's limits and defaults, free of zod so the browser bundle can use them
 * (action-schemas.ts validates against them on the server).
 */

export const MAX_HOSTS_PER_REQUEST = 10_000;

/** The upstream fixture e2e image (BMO test/e2e/config/fixture.yaml): what "provision" writes by default. */
export const DEFAULT_IMAGE = {
  url: 'http://192.168.222.1/cirros-0.6.2-x86_64-disk.img',
  checksum: 'c8fc807773e5354afe61636071771906',
  checksumType: 'md5',
  format: 'qcow2',
} as const;

export const HOST_ACTIONS = ['provision', 'deprovision', 'power-on', 'power-off', 'reboot', 'inspect', 'detach', 'attach', 'pause', 'unpause', 'delete'] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];

export interface Image {
  url: string;
  checksum?: string;
  checksumType?: 'md5' | 'sha256' | 'sha512' | 'auto';
  format?: 'raw' | 'qcow2' | 'vdi' | 'vmdk' | 'live-iso';
}
