import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
const cdp = await p.context().newCDPSession(p);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start');
await p.addInitScript(() => { window.__fleetscopeBench = { shown: [] }; });
await p.goto('http://127.0.0.1:3000/');
const r = await p.waitForFunction(() => { const f = window.__fleetscopeBench?.firstRender; return f ? Math.round(f.at - performance.timeOrigin) : undefined; }, undefined, { timeout: 60000 });
const { profile } = await cdp.send('Profiler.stop');
console.log('firstRender', await r.jsonValue());
// self time per function and per url
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const self = new Map(); const dt = profile.timeDeltas; 
for (let i = 0; i < profile.samples.length; i++) { const n = byId.get(profile.samples[i]); const k = n.callFrame.functionName || '(anon)'; const key = `${k} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000); }
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [k, v] of top) console.log(Math.round(v), k.slice(0, 120));
// totals by url
const byUrl = new Map();
for (let i = 0; i < profile.samples.length; i++) { const n = byId.get(profile.samples[i]); const u = n.callFrame.url.split('/').pop() || n.callFrame.functionName; byUrl.set(u, (byUrl.get(u) ?? 0) + (dt[i] ?? 0) / 1000); }
console.log('--- by script'); for (const [k, v] of [...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(Math.round(v), k);
await b.close();
