/** What a user would otherwise run: `kubectl get bmh -A -w`, timing each line it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { TransitionLog } from '../stats';

export class KubectlWatch {
  readonly log = new TransitionLog();
  lines = 0;
  private child?: ChildProcess;

  constructor(
    private readonly kubeconfig: string,
    private readonly kubectl = process.env.KUBECTL ?? '/usr/bin/kubectl',
  ) {}

  start(): void {
    this.child = spawn(
      this.kubectl,
      [
        '--kubeconfig',
        this.kubeconfig,
        'get',
        'bmh',
        '-A',
        '-w',
        '--output-watch-events',
        '--no-headers',
        // With --output-watch-events, columns address the event: .type and .object.
        '-o',
        'custom-columns=EVENT:.type,NS:.object.metadata.namespace,NAME:.object.metadata.name,STATE:.object.status.provisioning.state',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      const at = Date.now();
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [event, ns, name, ...rest] = line.trim().split(/\s+/);
        const state = rest.join(' ');
        if (!event || !name) continue;
        this.lines++;
        const key = `${ns}/${name}`;
        if (event === 'DELETED') {
          this.log.note(key, 'deleted', at);
          this.log.forget(key);
        } else {
          this.log.note(key, !state || state === '<none>' ? 'none' : state, at);
        }
      }
    });
  }

  stop(): void {
    this.child?.kill('SIGTERM');
  }
}
