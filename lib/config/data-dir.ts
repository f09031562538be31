/**
 * The embedded cluster keeps its state, certificate and token in FLEET_DATA_DIR. One that cannot
 * be created or written (a file in the way, no permission, a read-only mount) stops the start
 * with a message; before, the server came up and answered 500 to everything.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnvError } from './env';

export function checkDataDir(dir: string): void {
  const path = resolve(dir);
  const probe = join(path, `.write-test-${process.pid}`);
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    writeFileSync(probe, 'ok', { mode: 0o600 });
    rmSync(probe, { force: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new EnvError(
      `Invalid environment:\n  FLEET_DATA_DIR: ${path} cannot be used for the embedded cluster's state (${code ?? message}); choose a writable directory`,
    );
  }
}
