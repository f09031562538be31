/**
 * The API's limits and defaults, free of zod so that the browser bundle can use them without
 * carrying the schemas (contract.ts validates against them on the server).
 */
import type { Image } from '../bmh/types';

export const MAX_HOSTS_PER_REQUEST = 10_000;

/** The upstream fixture e2e image (BMO test/e2e/config/fixture.yaml): what "provision" writes by default. */
export const DEFAULT_IMAGE = {
  url: 'http://192.168.222.1/cirros-0.6.2-x86_64-disk.img',
  checksum: 'c8fc807773e5354afe61636071771906',
  checksumType: 'md5',
  format: 'qcow2',
} as const satisfies Image;

export const HOST_ACTIONS = [
  'provision',
  'deprovision',
  'power-on',
  'power-off',
  'reboot',
  'inspect',
  'detach',
  'attach',
  'pause',
  'unpause',
  'delete',
] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];

/** The twin's timing profiles (lib/twin/profiles.ts holds their timings). */
export const PROFILE_NAMES = ['bmo-test-mode', 'instant', 'fast', 'realistic'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The stages the simulator may fail on purpose, each with its BMO error type. */
export const FAILURE_STAGES = ['register', 'inspect', 'prepare', 'provision', 'deprovision', 'power'] as const;
export type FailureStage = (typeof FAILURE_STAGES)[number];

/** The twin's limit presets (lib/twin/limits.ts holds their numbers): BMO's defaults, Metal3's tuned run, none. */
export const LIMIT_PRESETS = ['bmo', 'tuned', 'unlimited'] as const;
export type LimitPreset = (typeof LIMIT_PRESETS)[number];

/**
 * Bounds of the twin's limits. A QPS of 1e-300 made every write wait for ever while the limiter
 * re-armed its timer in a tight loop; 0.01 QPS (one write every 100 s) is the slowest rate that
 * still shows anything, and 0 turns the limiter off.
 */
export const MIN_QPS = 0.01;
export const MAX_QPS = 100_000;
export const MAX_CONCURRENCY = 10_000;
