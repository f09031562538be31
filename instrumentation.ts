/** Starts the embedded cluster, the twin and the watcher once per server process. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { boot } = await import('./lib/fleet/boot');
  await boot();
}
