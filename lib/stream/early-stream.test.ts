import { afterEach, expect, it, vi } from 'vitest';
import { earlyStreamScript, takeEarlyStream } from './early-stream';
import { STREAM_EVENTS } from './protocol';

afterEach(() => vi.unstubAllGlobals());

it('the layout’s inline script listens to every stream event and hands what it buffered to the hook once', () => {
  const listeners = new Map<string, (e: { data: string }) => void>();
  class FakeEventSource {
    constructor(readonly url: string) {}
    addEventListener(name: string, f: (e: { data: string }) => void) {
      listeners.set(name, f);
    }
    removeEventListener(name: string) {
      listeners.delete(name);
    }
  }
  const window = { EventSource: FakeEventSource } as Record<string, unknown>;
  vi.stubGlobal('window', window);
  vi.stubGlobal('EventSource', FakeEventSource);
  new Function(earlyStreamScript())();
  expect([...listeners.keys()]).toEqual([...STREAM_EVENTS]);
  listeners.get('snapshot')!({ data: '{"seq":1}' });
  const early = takeEarlyStream()!;
  expect((early.source as unknown as FakeEventSource).url).toBe('/api/stream');
  expect(early.buffered).toEqual([['snapshot', '{"seq":1}']]);
  early.detach();
  expect(listeners.size).toBe(0);
  expect(takeEarlyStream()).toBeUndefined();
});
