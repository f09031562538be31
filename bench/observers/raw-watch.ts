/** The floor: a bare watch on every BareMetalHost, timing each event as it arrives. */
import { Agent, request } from 'undici';
import type { ClusterAccess } from '../kubeconfig';
import { TransitionLog } from '../stats';

export class RawWatch {
  readonly log = new TransitionLog();
  bytes = 0;
  events = 0;
  private stopped = false;
  private readonly agent: Agent;

  constructor(private readonly access: ClusterAccess) {
    this.agent = new Agent({ connect: { ca: access.ca } });
  }

  private headers() {
    return this.access.token ? { authorization: `Bearer ${this.access.token}` } : {};
  }

  async start(): Promise<void> {
    void this.loop(String(await this.resourceVersion()));
  }

  /** The cluster's resourceVersion now: it counts every write the cluster has taken, of any kind. */
  async resourceVersion(): Promise<number> {
    const list = await request(`${this.access.server}/apis/metal3.io/v1alpha1/baremetalhosts?limit=1`, { dispatcher: this.agent, headers: this.headers() });
    return Number(((await list.body.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
  }

  private async loop(startRv: string): Promise<void> {
    let rv = startRv;
    while (!this.stopped) {
      try {
        const res = await request(`${this.access.server}/apis/metal3.io/v1alpha1/baremetalhosts?watch=true&allowWatchBookmarks=true&resourceVersion=${rv}`, {
          dispatcher: this.agent,
          headers: this.headers(),
          bodyTimeout: 0,
        });
        let buffer = '';
        for await (const chunk of res.body) {
          const at = Date.now();
          buffer += chunk.toString();
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (!line) continue;
            const event = JSON.parse(line) as {
              type: string;
              object: { metadata: { namespace: string; name: string; resourceVersion: string }; status?: { provisioning?: { state?: string } } };
            };
            rv = event.object.metadata.resourceVersion ?? rv;
            if (event.type === 'BOOKMARK' || event.type === 'ERROR') continue;
            this.bytes += line.length + 1;
            this.events++;
            const key = `${event.object.metadata.namespace}/${event.object.metadata.name}`;
            if (event.type === 'DELETED') {
              this.log.note(key, 'deleted', at);
              this.log.forget(key);
            } else {
              this.log.note(key, event.object.status?.provisioning?.state || 'none', at);
            }
          }
          if (this.stopped) break;
        }
      } catch (error) {
        if (!this.stopped) console.error('[bench] raw watch:', (error as Error).message);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    void this.agent.destroy();
  }
}
