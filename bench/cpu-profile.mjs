// Preloaded (NODE_OPTIONS=--import) into the dashboard and its cluster process by `npm run bench
// -- --cpu-prof DIR`: node refuses --cpu-prof in NODE_OPTIONS, so this starts V8's profiler through
// the inspector and writes DIR/<name>-<pid>.cpuprofile when the process exits.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.once('exit', () => {
    // An in-process session answers synchronously, so this completes inside the exit handler.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      const name = process.argv[1]?.includes('cluster') ? 'cluster' : 'dashboard';
      writeFileSync(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
