import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
for (let i = 0; i < 4; i++) {
  const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
  await p.addInitScript(() => { window.__fleetscopeBench = { shown: [] }; 
    window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true }); });
  await p.goto(process.argv[2] ?? 'http://127.0.0.1:3000/');
  const r = await p.waitForFunction(() => { const f = window.__fleetscopeBench?.firstRender; return f ? { ms: Math.round(f.at - performance.timeOrigin), hosts: f.hosts } : undefined; }, undefined, { timeout: 60000 });
  const v = await r.jsonValue();
  const marks = await p.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const o = { ttfb: Math.round(nav.responseStart), domInteractive: Math.round(nav.domInteractive), dcl: Math.round(nav.domContentLoadedEventEnd) };
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('fleetscope')) o[m.name.replace('fleetscope:', '')] = Math.round(m.startTime);
    const res = performance.getEntriesByType('resource').filter(r => r.name.includes('/api/stream'));
    return { ...o, longtasks: JSON.stringify(window.__lt) };
  });
  console.log(JSON.stringify(v), JSON.stringify(marks));
  await p.close();
}
await b.close();
