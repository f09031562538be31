import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const p = await b.newPage();
await p.goto('http://127.0.0.1:3000/api/healthz');
for (let i = 0; i < 3; i++) {
  const r = await p.evaluate(async () => {
    const out = {};
    let t = performance.now();
    const j = await (await fetch('/api/hosts')).json();
    out.fetchJson = Math.round(performance.now() - t); out.n = j.hosts.length;
    t = performance.now();
    const txt = await (await fetch('/api/hosts')).text();
    out.fetchText = Math.round(performance.now() - t);
    t = performance.now(); JSON.parse(txt); out.parse = Math.round(performance.now() - t);
    t = performance.now();
    out.es = await new Promise((res) => { const es = new EventSource('/api/stream'); es.addEventListener('snapshot', (e) => { const d = performance.now() - t; es.close(); res(Math.round(d)); }); });
    return out;
  });
  console.log(JSON.stringify(r));
}
await b.close();
