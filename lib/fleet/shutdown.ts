/**
 * The dashboard's side of stopping (SIGINT from Ctrl-C, SIGTERM from `npm start`'s script or a
 * supervisor). Next's own handler closes the HTTP server and waits for every response to end,
 * and an event stream never ends by itself: so the runtime stops first (its streams end, the
 * embedded cluster saves and exits, and is not restarted), and if Next has still not exited
 * shortly after, the process exits anyway.
 */
import type { Runtime } from './runtime';

export interface ShutdownOptions {
  /** How long Next gets to finish once the runtime has stopped. */
  graceMs?: number;
  exit?: (code: number) => void;
  log?: (line: string) => void;
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function stopOnSignals(rt: Pick<Runtime, 'stop'>, options: ShutdownOptions = {}): (signal: keyof typeof EXIT_CODES) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started: Promise<void> | undefined;
  const onSignal = (signal: keyof typeof EXIT_CODES) => {
    started ??= (async () => {
      (options.log ?? console.log)(`[fleetscope] ${signal}: stopping (closing streams, saving the fleet)`);
      await rt.stop().catch((error: unknown) => console.error(error));
      setTimeout(() => exit(EXIT_CODES[signal]), options.graceMs ?? 1500).unref();
    })();
    return started;
  };
  process.on('SIGINT', () => void onSignal('SIGINT'));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  return onSignal;
}
