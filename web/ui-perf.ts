/**
 * UI performance figures in headless Chromium (not a test: figures are printed, never asserted):
 * page load to the default scenario drawn (it runs on load, no click), the largest bundled
 * scenario's run → drawn, and frames per second while scrubbing it.
 * Run: `npm run perf:ui` (builds the app first). `PERF_SCENARIOS=a,b` picks other scenarios.
 */
import type { Page } from 'playwright-core';
import { openBuiltApp } from './built-app.js';

/** The largest bundled scenario (723 k events, 2 h) and the one whose ECMP grid changes most. */
const SCENARIOS = (process.env.PERF_SCENARIOS ?? 'llgr-long-outage-no-alternate,ecmp-resilient-node-loss').split(',');

const app = await openBuiltApp('stalepath-perf-');
const { browser } = app;

/**
 * In-page code as text (tsx would otherwise wrap functions in a helper the page does not have):
 * moves the slider once per animation frame, 0 → end, and times every frame.
 */
const SCRUB = `new Promise((resolve) => {
  const scrub = document.getElementById('scrub');
  let i = 0;
  const gaps = [];
  let last = 0;
  const step = (now) => {
    if (last) gaps.push(now - last);
    last = now;
    if (i < FRAMES) {
      scrub.value = String(Math.round((i * 1000) / FRAMES));
      scrub.dispatchEvent(new Event('input'));
      i++;
      requestAnimationFrame(step);
    } else {
      const total = gaps.reduce((a, b) => a + b, 0);
      resolve({ fps: (gaps.length * 1000) / total, worst: Math.max(...gaps) });
    }
  };
  requestAnimationFrame(step);
})`;

async function scrub(page: Page, label: string, frames: number): Promise<void> {
  // Let the background replay fold settle first: scrubbing is what a user does after looking.
  await page.waitForTimeout(1500);
  const r = (await page.evaluate(SCRUB.replaceAll('FRAMES', String(frames)))) as { fps: number; worst: number };
  console.log(`scrub ${label} (${frames} frames): ${r.fps.toFixed(1)} fps, slowest frame ${r.worst.toFixed(0)} ms`);
}

const drawnAfterRun = `(() => {
  const m = performance.getEntriesByName('run-drawn').at(-1).startTime - performance.getEntriesByName('run-done').at(-1).startTime;
  return m;
})()`;

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const t0 = Date.now();
  await page.goto(app.url);
  await page.waitForSelector('body[data-drawn-run="1"] #timeline g.lane', { timeout: 60_000 });
  console.log(`page load to default scenario drawn (no click): ${Date.now() - t0} ms`);
  await scrub(page, 'metallb-speaker-restart', 120);
  let id = 1;
  for (const name of SCENARIOS) {
    await page.selectOption('#scenario-picker', name);
    const t1 = Date.now();
    await page.click('#run');
    id++;
    await page.waitForSelector(`body[data-drawn-run="${id}"]`, { timeout: 120_000 });
    const wall = Date.now() - t1;
    const drawn = (await page.evaluate(drawnAfterRun)) as number;
    const info = await page.locator('#summary p').first().textContent();
    console.log(`${name}: Run click → drawn ${wall} ms; run done → drawn ${drawn.toFixed(0)} ms (${info?.trim()})`);
    await scrub(page, name, 240);
  }
} finally {
  await app.close();
}
