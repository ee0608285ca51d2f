/**
 * The README's screenshots of the default scenario at 1280×720 (overview, ladder, compare), taken in
 * headless Chromium from a fresh build: `npm run screenshots` writes docs/ui-*.png. Not a test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBuiltApp } from './built-app.js';

const app = await openBuiltApp('stalepath-shots-');
const { browser } = app;
mkdirSync('docs', { recursive: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const t0 = Date.now();
  await page.goto(app.url);
  await page.waitForSelector('#timeline g.lane', { timeout: 60_000 });
  console.log(`page load to default scenario drawn, no click: ${Date.now() - t0} ms`);
  // The helper noticing node-2's speaker went: the step a trainer stops at first.
  await page.fill('#cursor', '60.0001');
  await page.press('#cursor', 'Enter');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/ui-overview.png' });
  console.log('docs/ui-overview.png');
  await page.click('#tab-ladder');
  await page.waitForSelector('#ladder g.arrow');
  await page.locator('#ladder g.arrow[data-kind="OPEN"][data-from="a"]').last().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/ui-ladder.png' });
  console.log('docs/ui-ladder.png');
  await page.click('#tab-timeline');
  await page.selectOption('#compare-gr', 'helper');
  await page.locator('#headline [data-run-label]').waitFor({ timeout: 60_000 });
  await page.fill('#cursor', '190');
  await page.press('#cursor', 'Enter');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/ui-compare.png' });
  console.log('docs/ui-compare.png');
  if (process.env.STALEPATH_EXTRA_SHOTS) {
    const dir = process.env.STALEPATH_EXTRA_SHOTS;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, 'compare-1920.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.selectOption('#scenario-picker', 'node-crash-bfd');
    await page.click('#run');
    await page.locator('#run-title', { hasText: 'BFD' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, 'crash.png') });
  }
} finally {
  await app.close();
}
