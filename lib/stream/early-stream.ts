/**
 * The layout's inline script opens the stream while the page's scripts still load (so the first
 * snapshot is on its way during boot) and keeps what arrives; the stream hook adopts it once.
 * Both halves are here so that the script's event list is STREAM_EVENTS.
 */
import { STREAM_EVENTS, type StreamEventName } from './protocol';

const KEY = '__fleetscopeEarlyStream';

export interface EarlyStream {
  source: EventSource;
  buffered: [StreamEventName, string][];
  detach: () => void;
}

/** The inline script (plain ES5, no imports: it runs before any bundle). */
export function earlyStreamScript(url = '/api/stream'): string {
  return `try{if(window.EventSource){var s=new EventSource(${JSON.stringify(url)}),b=[],l=[];${JSON.stringify(STREAM_EVENTS)}.forEach(function(n){var f=function(e){b.push([n,e.data])};s.addEventListener(n,f);l.push([n,f])});window.${KEY}={source:s,buffered:b,detach:function(){l.forEach(function(x){s.removeEventListener(x[0],x[1])})}};performance.mark('fleetscope:stream-open')}}catch(e){}`;
}

/** The stream the script opened, once (later calls get undefined). */
export function takeEarlyStream(): EarlyStream | undefined {
  if (typeof window === 'undefined') return undefined;
  const holder = window as unknown as { [KEY]?: EarlyStream };
  const early = holder[KEY];
  delete holder[KEY];
  return early;
}
