/**
 * UI performance figures in headless Chromium (not a test: figures are printed, never asserted):
 * time from page load to the default scenario drawn, and frames per second while scrubbing.
 * Run: `npx tsx web/ui-perf.ts` (builds the app first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serveStatic } from './static-server.js';

const out = mkdtempSync(join(tmpdir(), 'stalepath-perf-'));
execFileSync(process.execPath, [
  'node_modules/vite/bin/vite.js',
  'build',
  '--outDir',
  out,
  '--emptyOutDir',
  '--logLevel',
  'error',
]);
const server = await serveStatic(out);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** In-page code as text: tsx would otherwise wrap functions in a helper the page does not have. */
const SCRUB = `new Promise((resolve) => {
  const scrub = document.getElementById('scrub');
  let i = 0;
  const t0 = performance.now();
  const step = () => {
    scrub.value = String((i * 37) % 1000);
    scrub.dispatchEvent(new Event('input'));
    if (++i < FRAMES) requestAnimationFrame(step);
    else requestAnimationFrame(() => resolve((FRAMES * 1000) / (performance.now() - t0)));
  };
  requestAnimationFrame(step);
})`;

async function scrubFps(page: Page, frames: number): Promise<number> {
  return (await page.evaluate(SCRUB.replaceAll('FRAMES', String(frames)))) as number;
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const t0 = Date.now();
  await page.goto(server.url);
  await page.click('#run');
  await page.waitForSelector('#timeline g.lane', { timeout: 60_000 });
  console.log(`page load to default scenario drawn: ${Date.now() - t0} ms`);
  console.log(`scrub metallb-speaker-restart: ${(await scrubFps(page, 120)).toFixed(1)} fps`);
  for (const name of ['llgr-long-outage-alternate', 'ixp-route-server-helper-only']) {
    await page.selectOption('#scenario-picker', name);
    const t1 = Date.now();
    await page.click('#run');
    await page.locator('#summary p', { hasText: name }).waitFor({ timeout: 120_000 });
    const info = await page.locator('#summary p').textContent();
    console.log(`run and draw ${name}: ${Date.now() - t1} ms (${info?.split('·')[2]?.trim()})`);
    console.log(`scrub ${name}: ${(await scrubFps(page, 120)).toFixed(1)} fps`);
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}
