import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.type(), m.text()); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(process.argv[2] ?? 'http://127.0.0.1:3000/');
await page.waitForTimeout(Number(process.argv[4] ?? 2500));
await page.screenshot({ path: process.argv[3] ?? '/tmp/shot.png', fullPage: true });
await browser.close();
