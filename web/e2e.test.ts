import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTimeline,
  explainLine,
  isNotableRecord,
  loadScenarioText,
  PROFILE_NAMES,
  type RunResult,
  runScenario,
  trafficSeries,
  VERSION,
} from '../sim/index.js';
import { needs } from '../tools/requirements.js';
import { type BuiltApp, CHROMIUM, openBuiltApp } from './built-app.js';
import { CSV_HEADER } from './export.js';
import type { StaticServer } from './static-server.js';
import { readoutRows } from './views/readout.js';

const shots = process.env.STALEPATH_SCREENSHOTS;

/** Runs a bundled scenario (by name) or scenario text in Node, as the CLI does. */
function cliRun(nameOrText: string): RunResult {
  const text = nameOrText.startsWith('{') ? nameOrText : readFileSync(`scenarios/${nameOrText}.json`, 'utf8');
  const r = loadScenarioText(text, 'scenario', { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return runScenario(r.scenario, { keepTrace: true });
}

const browserTests = needs({
  group: 'browser tests (web/e2e.test.ts)',
  missing: existsSync(CHROMIUM) ? null : `Chromium missing at ${CHROMIUM}`,
  enable: 'apt-get install chromium (or set STALEPATH_CHROMIUM to a Chromium binary)',
});

describe.runIf(browserTests)('the app in Chromium', () => {
  let app: BuiltApp | undefined;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const requestsAfterRun: string[] = [];
  let afterRun = false;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The same build as `npm run build`, into a private directory, served on loopback.
    app = await openBuiltApp('stalepath-e2e-');
    server = app.server;
    browser = app.browser;
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      if (afterRun) requestsAfterRun.push(r.url());
    });
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('runs the default scenario on load and draws a lane for every session, without a click', async () => {
    expect(await page.locator('#scenario-picker').inputValue()).toBe('metallb-speaker-restart');
    await page.waitForSelector('#timeline g.lane', { timeout: 30_000 });
    afterRun = true;
    const cli = cliRun('metallb-speaker-restart');
    const sessions = new Set<string>();
    for (const r of cli.world.sim.trace.records) {
      if (r.type === 'bgp-state') sessions.add(`bgp ${r.subject}`);
      if (r.type === 'bfd-state') sessions.add(`bfd ${r.subject}`);
    }
    const lanes = await page
      .locator('#timeline g.lane')
      .evaluateAll((ls) => ls.map((l) => l.getAttribute('data-lane')));
    expect(new Set(lanes)).toEqual(sessions);
    expect(lanes.length).toBe(12);
    // Both routers helped node-2 through its restart: a stale phase on each of their sessions to it.
    await expect.poll(() => page.locator('#timeline [data-gr="stale"]').count()).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it('shows the answer in a headline card and the timeline and step text inside the 1280×720 viewport', async () => {
    const m = cliRun('metallb-speaker-restart').metrics;
    const inView = async (sel: string) => {
      const b = (await page.locator(sel).first().boundingBox())!;
      return b.y >= 0 && b.y + b.height <= 720 && b.x >= 0 && b.x + b.width <= 1280;
    };
    const figure = (k: string) => page.locator(`#headline [data-headline="${k}"] .value`).textContent();
    // Polled: on a loaded machine the card and the layout settle a few frames after the lanes.
    await expect.poll(() => figure('resets')).toBe(m.connections.reset.toLocaleString('en'));
    await expect.poll(() => figure('lost')).toBe(m.packets.lost.toLocaleString('en'));
    await expect.poll(() => figure('blackhole')).toBe(`${m.blackholeSeconds} s`);
    await expect.poll(() => figure('noRoute')).toBe(`${m.noRouteSeconds} s`);
    await expect.poll(() => page.locator('#headline [data-headline="stall"]').count()).toBe(1);
    for (const k of ['resets', 'lost', 'blackhole', 'noRoute', 'stall'])
      await expect.poll(() => inView(`#headline [data-headline="${k}"]`)).toBe(true);
    // The settings are folded away; the timeline's lanes and the step explanation share the screen.
    await expect.poll(() => page.locator('#scenario-form').isVisible()).toBe(false);
    await page.fill('#cursor', '60');
    await page.press('#cursor', 'Enter');
    await page.click('#next');
    await expect.poll(() => page.locator('#explain li').count()).toBeGreaterThan(0);
    await expect.poll(() => inView('#explain h3')).toBe(true);
    await expect.poll(() => inView('#explain li')).toBe(true);
    await expect.poll(() => inView('#timeline g.lane[data-lane="bgp tor-1>node-2"]')).toBe(true);
    await expect.poll(() => inView('#timeline g.lane[data-lane="bgp node-2>tor-1"]')).toBe(true);
    // Axis ticks at round time units: a 600 s run in minutes.
    expect(await page.locator('#timeline g.axis').textContent()).toMatch(/2 min.*4 min/);
    // Text scales up on a 1920×1080 projector.
    const size = () =>
      page
        .locator('#timeline text.lane-label')
        .first()
        .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    const small = await size();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(size).toBeGreaterThan(small);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('draws the speaker’s restart as a ladder: OPEN with R and the restart time, End-of-RIB both ways, the restart timer', async () => {
    await page.click('#tab-ladder');
    expect(await page.locator('#ladder-node').inputValue()).toBe('node-2');
    expect(await page.locator('#ladder-router').inputValue()).toBe('tor-1');
    const open = page.locator('#ladder g.arrow[data-kind="OPEN"][data-from="a"]');
    await expect.poll(() => open.count()).toBe(1);
    expect(await open.locator('text.arrow-label').textContent()).toBe('OPEN R=1 N=0 F=1 restart 120 s');
    expect(await open.locator('text.arrow-clause').textContent()).toMatch(/RFC 4724 §3/);
    expect(await page.locator('#ladder g.arrow[data-kind="OPEN"][data-from="b"]').count()).toBe(1);
    expect(await page.locator('#ladder g.arrow[data-kind="End-of-RIB"]').count()).toBe(2);
    expect(await page.locator('#ladder g.arrow[data-kind="KEEPALIVE"]').count()).toBe(0);
    expect(await page.locator('#ladder rect.timer[data-timer="restart"][data-column="b"]').count()).toBe(1);
    expect(await page.locator('#ladder g.point[data-kind="process"]').count()).toBe(2);
    // Clicking an arrow explains that message with its clause.
    await open.click();
    const rec = await open.getAttribute('data-record');
    await expect
      .poll(() => page.locator(`#explain li[data-record="${rec}"]`).textContent())
      .toMatch(/sent OPEN.*RFC 4724 §3/);
    await page.check('#ladder-keepalives');
    await expect.poll(() => page.locator('#ladder g.arrow[data-kind="KEEPALIVE"]').count()).toBeGreaterThan(0);
    await page.uncheck('#ladder-keepalives');
    expect(await page.locator('#ladder-legend [data-legend="restart"]').count()).toBe(1);
    if (shots) await page.screenshot({ path: join(shots, 'ladder.png') });
    await page.click('#tab-timeline');
  });

  it('shows the same totals and trace hash as the CLI run of the same scenario and seed', async () => {
    const cli = cliRun('metallb-speaker-restart');
    const m = cli.metrics;
    // The hash covers the traffic too (the totals record's per-connection digest).
    expect(await page.getByText(`trace ${cli.traceHash}`).count()).toBe(1);
    const totals = page.locator('#traffic text.totals');
    expect(Number(await totals.getAttribute('data-delivered'))).toBe(m.packets.delivered);
    expect(Number(await totals.getAttribute('data-lost'))).toBe(m.packets.lost);
    expect(Number(await totals.getAttribute('data-resets'))).toBe(m.connections.reset);
    const shown = async (k: string) =>
      Number(await page.locator(`#metrics [data-metric="${k}"]`).getAttribute('data-value'));
    expect(await shown('packets.delivered')).toBe(m.packets.delivered);
    expect(await shown('connections.started')).toBe(m.connections.started);
  });

  it('shows node-2’s path stale at tor-1 at t = 70 s, still in the ECMP set', async () => {
    await page.fill('#cursor', '70');
    await page.press('#cursor', 'Enter');
    const row = page.locator('#routes tr[data-router="tor-1"][data-node="node-2"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('stale');
    expect(await row.getAttribute('data-ecmp')).not.toBeNull();
    // tor-1's restart timer for node-2 (Restart Time 120 s from node-2's OPEN) has 110 s left at 70 s.
    await expect
      .poll(() => page.locator('#timers [data-timer="tor-1>node-2"]').textContent())
      .toMatch(/restart timer: 110\.0001 s left/);
    expect(await page.locator('#routes tr[data-router="tor-1"][data-node="node-1"]').getAttribute('data-state')).toBe(
      'fresh',
    );
    await page.fill('#cursor', '120');
    await page.press('#cursor', 'Enter');
    await expect.poll(() => row.getAttribute('data-state')).toBe('fresh');
  });

  it('steps to the next event and explains it with its RFC clause', async () => {
    await page.fill('#cursor', '59');
    await page.press('#cursor', 'Enter');
    await page.click('#next');
    await expect.poll(() => page.locator('#cursor').inputValue()).toBe('60');
    await page.click('#next');
    await expect.poll(() => page.locator('#explain').textContent()).toContain('RFC 4724 §4.2');
    // Each step reads as the line `stalepath explain` prints for the same record (one narrator).
    const records = cliRun('metallb-speaker-restart').world.sim.trace.records;
    const steps = await page
      .locator('#explain li[data-record]')
      .evaluateAll((ls) => ls.map((l) => [Number(l.getAttribute('data-record')), l.textContent ?? ''] as const));
    expect(steps.length).toBeGreaterThan(0);
    for (const [i, text] of steps) {
      const line = explainLine(records[i]!)!;
      expect(text).toBe(line.replace(/^ *\d+\.\d{6} s {2}/, '').replace(/^(\S+) +/, '$1 '));
    }
    // Keyboard zoom around the cursor narrows the axis to the event (ticks in ms at ±1 s).
    await page.locator('#timeline').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 8; i++) await page.keyboard.press('+');
    await expect.poll(() => page.locator('#timeline g.axis').textContent()).toMatch(/ms|\d\.\d+ s/);
    await page.keyboard.press('0');
    await expect.poll(() => page.locator('#timeline g.axis').textContent()).toContain('10 min');
    if (shots) await page.screenshot({ path: join(shots, 'main.png'), fullPage: true });
  });

  it('puts a restart time beyond the 12-bit field next to that field and blocks the run', async () => {
    await page.click('#toggle-form');
    expect(await page.locator('#scenario-form').isVisible()).toBe(true);
    const field = page.locator('[data-field="speaker.gracefulRestart.restartTime"]');
    await field.locator('input').fill('5000');
    await expect.poll(() => field.locator('.field-error').textContent()).toMatch(/5000 exceeds .*4095/);
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await field.locator('input').fill('120');
    await expect.poll(() => field.locator('.field-error').textContent()).toBe('');
    expect(await page.locator('#run').isDisabled()).toBe(false);
  });

  it('compares GR restart with the speaker as helper only, names both runs by that and colours the resets as worse', async () => {
    const before = requestsAfterRun.length;
    expect(
      await page.locator('#compare-gr option').evaluateAll((os) => os.map((o) => o.getAttribute('value'))),
    ).toEqual(['', 'restart', 'helper', 'disable']);
    await page.selectOption('#compare-gr', 'helper');
    const resets = page.locator('#compare tr[data-compare="resets"]');
    await resets.waitFor({ timeout: 30_000 });
    const json = JSON.parse(readFileSync('scenarios/metallb-speaker-restart.json', 'utf8'));
    json.speaker.gracefulRestart.mode = 'helper';
    const cli = cliRun(JSON.stringify(json)).metrics.connections.reset;
    expect(cli).toBeGreaterThan(0);
    await expect.poll(async () => Number(await resets.getAttribute('data-delta'))).toBe(cli);
    expect(await page.locator('#traffic-baseline').isVisible()).toBe(true);
    expect(await page.locator('#compare th[data-name="a"]').textContent()).toBe('GR restart');
    expect(await page.locator('#compare th[data-name="b"]').textContent()).toBe('GR helper');
    expect(await resets.getAttribute('data-verdict')).toBe('worse');
    expect(await resets.locator('td.delta-worse').count()).toBe(1);
    // Reset clients reconnect at once (Linux TCP model, reconnect policy immediate) and carry the rest
    // of their data: the same packets are delivered, so that row says so instead of colouring a loss.
    expect(await page.locator('#compare tr[data-compare="delivered"]').getAttribute('data-verdict')).toBe('same');
    expect(await page.locator('#headline [data-run-label]').textContent()).toBe('GR helper vs GR restart');
    expect(await page.locator('#headline [data-headline="resets"] .was').getAttribute('data-verdict')).toBe('worse');
    expect(await page.locator('#traffic-baseline text.title').textContent()).toBe('baseline — GR restart');
    if (shots) await page.screenshot({ path: join(shots, 'compare.png'), fullPage: true });
    // The worker was already loaded: running again fetches nothing.
    expect(requestsAfterRun.slice(before)).toEqual([]);
  });

  it('lists an uploaded file’s problems, and takes pasted JSON back', async () => {
    await page.setInputFiles('#upload', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name": "<b>x</b>", "nodes": 3}'),
    });
    await expect.poll(() => page.locator('#errors').textContent()).toMatch(/nodes: 3 is not an array/);
    expect(await page.locator('#errors b').count()).toBe(0);
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await page.click('#toggle-text');
    await page.fill('#scenario-text', readFileSync('scenarios/metallb-speaker-restart.json', 'utf8'));
    await page.click('#apply-text');
    await expect.poll(() => page.locator('#errors').textContent()).toBe('');
    expect(await page.locator('#run').isDisabled()).toBe(false);
    await page.click('#toggle-text');
  });

  it('imports pasted MetalLB manifests into a runnable scenario and shows the defaults it applied', async () => {
    const dir = 'scenarios/metallb-from-manifests';
    const yaml = [readFileSync(`${dir}/bgp-peer-graceful.yaml`, 'utf8'), readFileSync(`${dir}/pool.yaml`, 'utf8')].join(
      '\n---\n',
    );
    await page.click('#toggle-text');
    await page.fill('#scenario-text', yaml);
    await page.click('#apply-text');
    await expect.poll(() => page.locator('#errors').textContent()).toBe('');
    expect(await page.locator('#import-notes').textContent()).toMatch(/enableGracefulRestart/);
    expect(await page.locator('#run').isDisabled()).toBe(false);
    await page.click('#toggle-text');
    // Real names are long: no lane label runs under the bars, each stays distinct, the tooltip has it whole.
    await page.click('#run');
    const labels = page.locator('#timeline g.lane[data-lane*="upstream-router"] text.lane-label');
    await expect.poll(() => labels.count(), { timeout: 30_000 }).toBeGreaterThan(1);
    const shown = await labels.evaluateAll((ts) =>
      ts.map((t) => ({
        width: (t as SVGTextElement).getComputedTextLength(),
        text: t.childNodes[0]?.textContent ?? '',
        title: t.querySelector('title')?.textContent ?? '',
        full: t.getAttribute('data-full'),
      })),
    );
    for (const l of shown) {
      expect(l.width).toBeLessThanOrEqual(150 - 8);
      expect(l.title).toBe(l.full);
    }
    expect(shown.some((l) => l.text !== l.full)).toBe(true);
    expect(new Set(shown.map((l) => l.text)).size).toBe(shown.length);
  });

  it('re-runs on a valid edit with auto-run on: a pod down longer than the restart time resets connections', async () => {
    await page.selectOption('#scenario-picker', 'metallb-speaker-restart');
    await page.check('#auto-run');
    await page.locator('[data-field="faults[0].downtime"] input').fill('200s');
    const resets = page.locator('#metrics [data-metric="connections.reset"]');
    await expect
      .poll(async () => Number(await resets.getAttribute('data-value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.uncheck('#auto-run');
  });

  it('exports the traffic as CSV and the charts as SVG through downloads, without a request', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe(CSV_HEADER);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const text = readFileSync((await svg.path())!, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).toContain('data-lane="bgp tor-1&gt;node-2"');
  });

  it('opens a shared link at the same scenario, seed and time', async () => {
    await page.fill('#cursor', '70');
    await page.press('#cursor', 'Enter');
    await page.click('#share');
    await expect.poll(() => page.locator('#share-url').inputValue()).toContain('#');
    const link = await page.locator('#share-url').inputValue();
    const other = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await other.goto(link);
      const states = (p: Page) =>
        p
          .locator('#routes tr[data-node]')
          .evaluateAll((rows) =>
            rows.map(
              (r) => `${r.getAttribute('data-router')} ${r.getAttribute('data-node')} ${r.getAttribute('data-state')}`,
            ),
          );
      await other.locator('#routes h3').waitFor({ timeout: 30_000 });
      await expect.poll(() => other.locator('#routes h3').textContent()).toBe('Routes at 70 s');
      // The link carried the edited scenario (speaker GR toggled), so the views match the edited run.
      expect(await states(other)).toEqual(await states(page));
      const resets = (p: Page) => p.locator('#metrics [data-metric="connections.reset"]').getAttribute('data-value');
      expect(await resets(other)).toBe(await resets(page));
    } finally {
      await other.close();
    }
  });

  it('shows a crafted link’s error as text and injects no markup', async () => {
    const other = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await other.goto(`${server.url}#sc=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
      const box = other.locator('#link-error');
      await expect.poll(() => box.textContent()).toMatch(/cannot be opened/);
      expect(await other.locator('img').count()).toBe(0);
      await other.goto(`${server.url}#v1=${'A'.repeat(5000)}`);
      await other.reload();
      await expect.poll(() => box.textContent()).toMatch(/cannot be opened/);
    } finally {
      await other.close();
    }
  });

  it('draws tor-1’s hash-threshold ECMP table without node-2 after its crash, a third of the cells outlined', async () => {
    await page.selectOption('#scenario-picker', 'ecmp-hash-threshold-node-loss');
    await page.click('#run');
    await expect.poll(() => page.locator('#run-title').textContent(), { timeout: 30_000 }).toMatch(/hash-threshold/);
    await page.fill('#cursor', '250');
    await page.press('#cursor', 'Enter');
    const grid = page.locator('#routes svg[data-router="tor-1"]');
    await expect.poll(() => grid.getAttribute('data-moved'), { timeout: 10_000 }).not.toBeNull();
    // The grid at 250 s, not one drawn before the cursor moved (a loaded machine renders late).
    await expect.poll(() => grid.locator('rect.cell[data-node="node-2"]').count(), { timeout: 10_000 }).toBe(0);
    const cells = Number(await grid.getAttribute('data-cells'));
    expect(cells).toBeGreaterThan(0);
    expect(await grid.locator('rect.cell').count()).toBe(cells);
    expect(await grid.locator('rect.cell[data-node="node-1"]').count()).toBeGreaterThan(0);
    const moved = await grid.locator('rect.cell[data-moved]').count();
    expect(Math.abs(moved - cells / 3)).toBeLessThanOrEqual(1);
    expect(Number(await grid.getAttribute('data-moved'))).toBe(moved);
    // Before the crash node-2 holds its third of the table.
    await page.fill('#cursor', '190');
    await page.press('#cursor', 'Enter');
    await expect
      .poll(() => grid.locator('rect.cell[data-node="node-2"]').count())
      .toBeGreaterThanOrEqual(Math.floor(cells / 3));
    if (shots) await page.screenshot({ path: join(shots, 'ecmp-grid.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows a bad seed as an error beside the box, and clears it and unlocks Run once the seed is fixed', async () => {
    await page.selectOption('#scenario-picker', 'metallb-speaker-restart');
    await page.fill('#seed', 'abc');
    await expect.poll(() => page.locator('#seed-error').textContent()).toMatch(/"abc" is not a whole number/);
    expect(await page.locator('#seed').getAttribute('aria-invalid')).not.toBeNull();
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await page.fill('#seed', '7');
    await expect.poll(() => page.locator('#seed-error').textContent()).toBe('');
    expect(await page.locator('#seed').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#run').isDisabled()).toBe(false);
    await page.fill('#seed', '');
  });

  it('says the unit beside a duration field and takes "300ms" for a BFD interval', async () => {
    const field = page.locator('[data-field="speaker.bfd.transmitInterval"]');
    await field.locator('input').fill('300');
    await expect.poll(() => field.locator('.unit').textContent()).toBe('s');
    await field.locator('input').fill('300ms');
    await expect.poll(() => field.locator('.unit').textContent()).toBe('= 0.3 s');
    await expect.poll(() => field.locator('.field-error').textContent()).toBe('');
    expect(await page.locator('#run').isDisabled()).toBe(false);
    expect(await page.locator('[data-field="faults[0].downtime"] .unit').count()).toBe(1);
    await page.selectOption('#scenario-picker', 'ecmp-hash-threshold-node-loss');
    await page.selectOption('#scenario-picker', 'metallb-speaker-restart');
  });

  it('shows the loader’s warning beside the scenario, and the no-route seconds in the run table', async () => {
    // One endpoint behind externalTrafficPolicy Local, GR helper only: the route goes while node-2 restarts.
    const json = JSON.parse(readFileSync('scenarios/metallb-speaker-restart.json', 'utf8'));
    json.services[0].endpoints = ['node-2'];
    json.services[0].externalTrafficPolicy = 'Local';
    json.speaker.gracefulRestart.mode = 'helper';
    json.routers[1].bgp = { profile: 'bird', gracefulRestart: { mode: 'helper', stalePathTime: 30 } };
    const text = JSON.stringify(json, null, 2);
    const cli = cliRun(text).metrics;
    expect(cli.noRouteSeconds).toBeGreaterThan(0);
    await page.click('#toggle-text');
    await page.fill('#scenario-text', text);
    await page.click('#apply-text');
    await page.click('#toggle-text');
    await expect
      .poll(() => page.locator('#warnings').textContent())
      .toMatch(/routers\[1\]\.bgp\.gracefulRestart\.stalePathTime: 30 is ignored: profile "bird"/);
    expect(await page.locator('#warnings').isVisible()).toBe(true);
    expect(await page.locator('#errors').textContent()).toBe('');
    await page.click('#run');
    const noRoute = page.locator('#metrics [data-metric="noRouteSeconds"]');
    await expect
      .poll(async () => Number(await noRoute.getAttribute('data-value')), { timeout: 30_000 })
      .toBe(cli.noRouteSeconds);
    expect(await noRoute.textContent()).toMatch(/^no route \(s\)/);
    if (shots) await page.screenshot({ path: join(shots, 'warnings-no-route.png'), fullPage: true });
    // A scenario without such a knob has nothing to warn about.
    await page.selectOption('#scenario-picker', 'metallb-speaker-restart');
    await expect.poll(() => page.locator('#warnings').textContent()).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('draws a crashed node’s own BGP and BFD lanes as down from the crash, and says so in the legend', async () => {
    await page.selectOption('#scenario-picker', 'node-crash-bfd');
    await page.click('#run');
    await expect.poll(() => page.locator('#run-title').textContent(), { timeout: 30_000 }).toMatch(/crash|BFD/i);
    for (const id of ['bgp node-2>tor-1', 'bfd node-2>tor-1']) {
      const bands = page.locator(`#timeline g.lane[data-lane="${id}"] g.bands rect`);
      await expect.poll(() => bands.last().getAttribute('data-state')).toBe('process-down');
    }
    // The routers' side is theirs: BFD there goes Down by detection, never "process down".
    expect(
      await page.locator('#timeline g.lane[data-lane="bfd tor-1>node-2"] rect[data-state="process-down"]').count(),
    ).toBe(0);
    expect(await page.locator('#legend [data-legend="process-down"]').count()).toBe(1);
    // The legend lists only what is drawn: this run has no LLGR.
    expect(await page.locator('#legend [data-legend="gr:llgr"]').count()).toBe(0);
    await page.selectOption('#scenario-picker', 'metallb-speaker-restart');
  });

  /** Runs the default scenario again and waits until it is drawn (tests may run alone with -t). */
  async function runDefault(name = 'metallb-speaker-restart'): Promise<void> {
    await page.waitForSelector('body[data-drawn-run]', { timeout: 30_000 });
    const before = await page.locator('body').getAttribute('data-drawn-run');
    await page.selectOption('#scenario-picker', name);
    await page.click('#run');
    await page.waitForSelector(`body:not([data-drawn-run="${before}"])`, { timeout: 30_000 });
    await page.click('#zoom-reset');
  }
  async function cursorAt(seconds: string): Promise<void> {
    await page.fill('#cursor', seconds);
    await page.press('#cursor', 'Enter');
  }

  it('steps event by event with "event i of N", and says so at both ends of the run', async () => {
    await runDefault();
    const records = cliRun('metallb-speaker-restart').world.sim.trace.records;
    const instants = [...new Set(records.filter(isNotableRecord).map((r) => r.t))];
    const n = instants.length;
    // The steady state is told at t = 0: that is the first event.
    expect(instants[0]).toBe(0);
    const pos = page.locator('#event-pos');
    await cursorAt('0');
    await expect.poll(() => pos.textContent()).toBe(`event 1 of ${n}`);
    expect(await page.locator('#prev').isDisabled()).toBe(true);
    expect(await page.locator('#prev').getAttribute('title')).toMatch(/First event of the run/);
    await page.click('#next');
    await expect.poll(() => pos.textContent()).toBe(`event 2 of ${n}`);
    expect(await page.locator('#cursor').inputValue()).toBe(String(instants[1]! / 1e6));
    await page.click('#next');
    await expect.poll(() => pos.textContent()).toBe(`event 3 of ${n}`);
    await cursorAt('600');
    await expect.poll(() => pos.textContent()).toBe(`event ${n} of ${n} (last)`);
    expect(await page.locator('#next').isDisabled()).toBe(true);
    expect(await page.locator('#next').getAttribute('title')).toMatch(/Last event of the run/);
    // The keyboard at the end gets a message, not silence.
    await page.locator('#timeline').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => pos.textContent()).toMatch(/^End of the run: no event after /);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => pos.textContent()).toBe(`event ${n - 1} of ${n}`);
    // Event-mode playback visits every instant in turn, at N events per second.
    await cursorAt('59');
    await expect.poll(() => pos.textContent()).toBe(`event 1 of ${n}`);
    await page.selectOption('#speed', 'e20');
    await page.click('#play');
    // Each instant in turn: the second event shows before the last (the cursor does not jump).
    await expect.poll(() => pos.textContent(), { timeout: 10_000 }).toMatch(/^event ([2-9]|1\d) of/);
    await expect.poll(() => pos.textContent(), { timeout: 20_000 }).toBe(`event ${n} of ${n} (last)`);
    await expect.poll(() => page.locator('#play').textContent(), { timeout: 20_000 }).toBe('▶ Play');
    await page.selectOption('#speed', '10');
  });

  it('shows every line of an instant with more than 16, in the words of stalepath explain, each clause linked to its RFC section', async () => {
    // node-crash-bfd tells its steady state at t = 0 in 27 lines.
    await runDefault('node-crash-bfd');
    const records = cliRun('node-crash-bfd').world.sim.trace.records;
    const counts = new Map<number, number>();
    for (const r of records) if (isNotableRecord(r)) counts.set(r.t, (counts.get(r.t) ?? 0) + 1);
    const [busy, lines] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(lines).toBeGreaterThan(16);
    await cursorAt(String(busy / 1e6));
    const items = page.locator('#explain li[data-record]');
    await expect.poll(() => items.count()).toBe(lines);
    const shown = await items.evaluateAll((ls) =>
      ls.map((l) => [Number(l.getAttribute('data-record')), l.textContent]),
    );
    const explain = records
      .filter((r) => r.t === busy)
      .flatMap((r) => explainLine(r) ?? [])
      .map((l) => l.replace(/^ *\d+\.\d{6} s {2}/, '').replace(/^(\S+) +/, '$1 '));
    expect(shown.map(([, t]) => t)).toEqual(explain);
    // The list scrolls inside the side panel: its last line can be brought into view.
    await items.last().scrollIntoViewIfNeeded();
    expect(await items.last().isVisible()).toBe(true);
    // Every BGP message's clause links to the RFC section text.
    await runDefault();
    const told = cliRun('metallb-speaker-restart').world.sim.trace.records.filter(
      (r) => r.type === 'bgp-message' && isNotableRecord(r) && r.t > 0,
    );
    expect(told.every((r) => r.type === 'bgp-message' && /^RFC \d+ §/.test(r.clause))).toBe(true);
    await cursorAt(String(told[0]!.t / 1e6));
    const msg = page.locator('#explain li[data-type="bgp-message"]');
    await expect.poll(() => msg.count()).toBeGreaterThan(0);
    for (const li of await msg.all())
      expect(await li.locator('a').first().getAttribute('href')).toMatch(
        /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+$/,
      );
    expect(
      await page.locator('#explain a[href="https://www.rfc-editor.org/rfc/rfc4724#section-3"]').count(),
    ).toBeGreaterThan(0);
  });

  it('moves a zoomed window with the cursor when a step leaves it', async () => {
    await runDefault();
    await cursorAt('60');
    await page.click('#zoom-event');
    const line = page.locator('#timeline-view .cursor-line');
    const axisText = () => page.locator('#timeline g.axis').textContent();
    await expect.poll(axisText).not.toContain('10 min');
    const before = await axisText();
    for (let i = 0; i < 6; i++) {
      await page.click('#next');
      await page.waitForTimeout(50);
    }
    await expect.poll(() => page.locator('#cursor').inputValue()).toMatch(/^80/);
    await expect.poll(axisText).not.toBe(before);
    expect(await line.evaluate((e) => getComputedStyle(e).display)).toBe('block');
    if (shots) await page.screenshot({ path: join(shots, 'zoom-follows.png') });
    await page.click('#zoom-reset');
  });

  it('reads every lane and traffic series at the pointer, and zooms with the overview’s brush', async () => {
    await runDefault();
    if (await page.locator('#unpin').isVisible()) await page.click('#unpin');
    const cli = cliRun('metallb-speaker-restart');
    const svg = page.locator('#timeline');
    const box = (await svg.boundingBox())!;
    const width = Number(await svg.getAttribute('width'));
    await page.mouse.move(box.x + 150 + (70 / 600) * (width - 150 - 24), box.y + 60);
    const readout = page.locator('#readout');
    await expect.poll(() => readout.isVisible()).toBe(true);
    const t = Math.round(Number.parseFloat((await readout.locator('.readout-time').textContent())!) * 1e6);
    expect(Math.abs(t - 70e6)).toBeLessThan(2e6);
    const tl = buildTimeline(
      cli.world.sim.trace.records,
      cli.world.sim.now(),
      cli.world.spec.routers.map((r) => r.name),
    );
    const expected = readoutRows(tl, trafficSeries(cli.world), t);
    const rows = await readout
      .locator('tr')
      .evaluateAll((rs) => rs.map((r) => [r.getAttribute('data-readout'), r.querySelector('td')?.textContent]));
    expect(rows).toEqual(expected.map((r) => [r.key, r.value]));
    expect(rows.find(([k]) => k === 'lane bgp tor-1>node-2')![1]).toMatch(/routes stale/);
    expect(rows.find(([k]) => k === 'series delivered')![1]).toMatch(/^[\d,.]+ pkt\/s$/);
    await page.mouse.move(box.x + 5, box.y + 5);
    await expect.poll(() => readout.isVisible()).toBe(false);
    // The overview: brushing 55–85 s zooms every view to it; a click on it shows the whole run again.
    const ov = (await page.locator('#overview').boundingBox())!;
    const ow = Number(await page.locator('#overview').getAttribute('width'));
    const ox = (s: number) => ov.x + 150 + (s / 600) * (ow - 150 - 24);
    await page.mouse.move(ox(55), ov.y + ov.height / 2);
    await page.mouse.down();
    await page.mouse.move(ox(70), ov.y + ov.height / 2, { steps: 4 });
    await page.mouse.move(ox(85), ov.y + ov.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => page.locator('#timeline g.axis').textContent()).not.toContain('10 min');
    expect(await page.locator('#overview .selection').getAttribute('width')).not.toBeNull();
    await page.click('#zoom-reset');
    await expect.poll(() => page.locator('#timeline g.axis').textContent()).toContain('10 min');
  });

  it('exports a run JSON that loads back as a scenario and re-runs to the same trace hash, and figures that carry their source and legend', async () => {
    await runDefault();
    await page.fill('#seed', '42');
    await runDefault();
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const path = (await json.path())!;
    const run = JSON.parse(readFileSync(path, 'utf8'));
    expect(run.version).toBe(VERSION);
    expect(run.input.seed).toBe(42);
    await page.fill('#seed', '');
    await page.setInputFiles('#upload', path);
    await expect
      .poll(() => page.locator('#import-notes').textContent())
      .toMatch(/run export of metallb-speaker-restart/);
    const before = await page.locator('body').getAttribute('data-drawn-run');
    await page.click('#run');
    await page.waitForSelector(`body:not([data-drawn-run="${before}"])`, { timeout: 30_000 });
    expect(await page.locator('#summary').getByText(`trace ${run.traceHash}`).count()).toBe(1);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const text = readFileSync((await svg.path())!, 'utf8');
    expect(text).toContain(`seed 42 · stalepath ${VERSION} · trace ${run.traceHash}`);
    expect(text).toContain(run.title);
    expect(text).toMatch(/class="figure-legend".*Established/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    await runDefault();
  });

  it('makes no request after the run, and only to its own origin before', () => {
    // A PNG export draws its SVG through a blob: URL: page memory, not the network.
    expect(requestsAfterRun.filter((u) => !u.startsWith('blob:'))).toEqual([]);
    expect(server.requests.every((p) => p.startsWith('/'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
