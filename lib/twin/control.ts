/**
 * The dashboard's handle on the BMO twin, wherever it runs: in this process, or in the embedded
 * cluster's own process (reached over the IPC channel Node opens to a child).
 */
import type { SettingsPatch, TwinState } from '../api/contract';
import type { Twin } from './reconciler';
import { applySettingsPatch } from './settings-schema';

export interface TwinControl {
  state(): Promise<TwinState>;
  update(patch: SettingsPatch): Promise<TwinState>;
  /** The profile, as last known (for `GET /api/cluster`, which must not wait). */
  profile(): string | undefined;
}

export function localTwinControl(twin: Twin): TwinControl {
  const state = (): TwinState => ({ settings: twin.settings, pending: twin.pending(), stats: { ...twin.stats } });
  return {
    state: async () => state(),
    update: async (patch) => {
      twin.updateSettings(applySettingsPatch(twin.settings, patch));
      // Writes released by new limits leave the queue on the next turn; answer with that state.
      await new Promise((resolve) => setImmediate(resolve));
      return state();
    },
    profile: () => twin.settings.profile,
  };
}

/** Messages on the IPC channel between the dashboard and the cluster process. */
export type TwinRequest = { id: number; kind: 'twin-state' } | { id: number; kind: 'twin-update'; patch: SettingsPatch };
export type TwinReply = { id: number; kind: 'twin-reply'; state?: TwinState; error?: string };
/** Sent by the cluster process whenever its warnings change (shown on the page). */
export type ClusterWarnings = { kind: 'cluster-warnings'; warnings: string[] };

/** The child side: tells the parent the cluster's warnings now and whenever they change. */
export function reportWarningsOverIpc(warnings: () => string[], everyMs = 1000): void {
  if (!process.send) return;
  let last = '';
  const report = () => {
    const now = warnings();
    const key = JSON.stringify(now);
    if (key === last || !process.connected) return;
    last = key;
    process.send?.({ kind: 'cluster-warnings', warnings: now } satisfies ClusterWarnings);
  };
  report();
  setInterval(report, everyMs).unref();
}

/** The child side: answers the parent's requests about the twin running in this process. */
export function serveTwinOverIpc(twin: Twin | undefined): void {
  if (!process.send) return;
  const local = twin ? localTwinControl(twin) : undefined;
  process.on('message', (message: TwinRequest) => {
    if (message?.kind !== 'twin-state' && message?.kind !== 'twin-update') return;
    const reply = (body: Omit<TwinReply, 'id' | 'kind'>) => process.send?.({ id: message.id, kind: 'twin-reply', ...body } satisfies TwinReply);
    if (!local) return reply({ error: 'no twin runs in the cluster process' });
    const result = message.kind === 'twin-update' ? local.update(message.patch) : local.state();
    result.then(
      (state) => reply({ state }),
      (error: unknown) => reply({ error: (error as Error).message }),
    );
  });
}
