/** What a run ran under, captured at its start so that two runs compare honestly. Pure. */
import type { LimitValues } from './limit-presets';

export interface TwinSettingsSnapshot {
  profile: string;
  limits: LimitValues;
  failureRates: Record<string, number>;
  sharedFixture?: boolean;
}

export interface RunSettings {
  cluster: { mode: 'embedded' | 'kubeconfig'; server: string; context: string; namespace?: string };
  fleetscopeVersion: string;
  /** 'unknown' when a real BMO drives the hosts and nothing of it can be read. */
  twin: TwinSettingsSnapshot | 'unknown';
  operator: 'twin' | 'none';
}
