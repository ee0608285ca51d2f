/**
 * The UI (loaded by main.ts once the default run is on its way): wires the scenario panel, the
 * worker, the store and the views. Views re-render from the store's snapshot once per animation
 * frame; views at the cursor come from the replay fold.
 */
import * as d3 from 'd3';
import {
  buildLadder,
  buildReplay,
  buildTimeline,
  type Ladder,
  ladderPairs,
  type Replay,
  type Time,
  type Timeline,
  timersAt,
} from '../sim/index.js';
import { runNames } from './compare.js';
import { byId, el, setProp, setText } from './dom.js';
import { client, onEarlyProgress, takeEarlyRun } from './early-run.js';
import { formatMicros } from './format.js';
import { errorsByField, setIn } from './panels/scenario-fields.js';
import { buildScenarioForm, type ScenarioForm } from './panels/scenario-form.js';
import {
  advanceCursor,
  eventIndexAt,
  eventInstants,
  instantsUpTo,
  recordsAtSameTime,
  stepInstant,
} from './playback.js';
import type { RunPayload } from './run-payload.js';
import { checkScenario, parseScenarioText } from './scenario-text.js';
import { BUNDLED, DEFAULT_SCENARIO } from './scenarios.js';
import { parseSeedText } from './seed.js';
import { openLink, wireShareAndExport } from './share.js';
import { initialUiState, Store, type UiState } from './store.js';
import { moveCursor } from './views/cursor.js';
import { EcmpGridView } from './views/ecmp-grid.js';
import { positionText, renderExplain, renderTimers } from './views/explain.js';
import { renderHeadline } from './views/headline.js';
import { moveLadderCursor, renderLadder, TIMER_COLOR } from './views/ladder.js';
import { renderLegend } from './views/legend.js';
import { Overview } from './views/overview.js';
import { readoutRows, renderReadout } from './views/readout.js';
import { renderRoutes, renderRoutesTime } from './views/routes.js';
import { renderSummary } from './views/summary.js';
import { LABEL_WIDTH, TimeAxis } from './views/time-axis.js';
import { renderTimeline } from './views/timeline.js';
import { renderTraffic } from './views/traffic.js';

interface LoadedRun {
  readonly payload: RunPayload;
  readonly replay: Replay;
  readonly timeline: Timeline;
  readonly ms: number | null;
  /** The scenario input it ran: compare names runs by what differs. */
  readonly input: unknown;
  /** The instants with a notable record: what Prev/Next step between ("event i of N"). */
  readonly instants: readonly number[];
}

const runs = new Map<number, LoadedRun>();
let nextRunId = 1;
const store = new Store<UiState>(initialUiState(DEFAULT_SCENARIO, BUNDLED.get(DEFAULT_SCENARIO) ?? '{}'));
const axis = new TimeAxis(() => schedule());
let form: ScenarioForm | null = null;
let explainPinned: number | null = null;
const ecmpGrids = new EcmpGridView();

const picker = byId<HTMLSelectElement>('scenario-picker');
const textArea = byId<HTMLTextAreaElement>('scenario-text');
const timelineSvg = byId<SVGSVGElement>('timeline');
const trafficSvg = byId<SVGSVGElement>('traffic');
const baselineSvg = byId<SVGSVGElement>('traffic-baseline');
const seedInput = byId<HTMLInputElement>('seed');
const overview = new Overview(byId<SVGSVGElement>('overview'), axis);

// --- scenario panel -------------------------------------------------------------------------

function loadText(picked: string, text: string): void {
  // A scenario (JSON), or MetalLB manifests (YAML) through the same importer as the CLI.
  const parsed = parseScenarioText(text, picked);
  const json = parsed.json;
  const check = parsed.errors.length > 0 ? { errors: parsed.errors, warnings: [] } : checkScenario(json);
  byId('import-notes').textContent = parsed.notes.join('\n');
  if (parsed.notes.length > 0) text = JSON.stringify(json, null, 2);
  store.update((d) => {
    d.picked = picked;
    d.text = text;
    d.json = json as never;
    d.errors = [...check.errors];
    d.warnings = [...check.warnings];
  });
  form = buildScenarioForm(byId('scenario-form'), json, (field, value) => {
    const next = setIn(store.state.json, field.keys, value);
    store.update((d) => {
      d.json = next as never;
      d.text = JSON.stringify(next, null, 2);
      const c = checkScenario(next);
      d.errors = [...c.errors];
      d.warnings = [...c.warnings];
    });
    scheduleAutoRun();
  });
  const desc = json && typeof json === 'object' ? (json as { description?: unknown }).description : undefined;
  byId('scenario-description').textContent = typeof desc === 'string' ? desc : '';
}

picker.replaceChildren(...[...BUNDLED.keys()].map((name) => el('option', { value: name }, name)));
picker.value = DEFAULT_SCENARIO;
picker.addEventListener('change', () => loadText(picker.value, BUNDLED.get(picker.value) ?? '{}'));
byId<HTMLInputElement>('upload').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  if (file.size > 16 * 1024 * 1024) {
    store.update((d) => {
      d.errors = [`${file.name}: larger than 16 MiB`];
    });
    return;
  }
  loadText('(uploaded)', await file.text());
});
byId('toggle-text').addEventListener('click', (e) => {
  const ed = byId('text-editor');
  ed.hidden = !ed.hidden;
  (e.target as HTMLElement).setAttribute('aria-expanded', String(!ed.hidden));
  if (!ed.hidden) textArea.value = store.state.text;
});
byId('apply-text').addEventListener('click', () => loadText('(edited)', textArea.value));

/** Records folded per idle slice: a long trace's checkpoints are built without freezing the page. */
const FOLD_SLICE = 4096;
function foldInBackground(replay: Replay): Replay {
  const step = () => {
    if (!replay.extend(FOLD_SLICE)) setTimeout(step, 0);
  };
  setTimeout(step, 0);
  return replay;
}

// --- running --------------------------------------------------------------------------------

async function run(cursorAfter?: number): Promise<void> {
  const st = store.state;
  if (st.errors.length > 0 || st.json === null) return;
  const parsedSeed = parseSeedText(seedInput.value);
  store.update((d) => {
    d.seedError = parsedSeed.ok ? null : parsedSeed.error;
  });
  if (!parsedSeed.ok) return;
  const seed = parsedSeed.seed;
  store.update((d) => {
    d.status = { running: true, phase: 'starting', fraction: 0 };
  });
  performance.mark('run-start');
  const onProgress = (phase: string, fraction: number) =>
    store.update((d) => {
      d.status = { running: true, phase, fraction };
    });
  // The default scenario on a plain load was sent to the worker before this module loaded.
  const early = seed === undefined && st.picked === DEFAULT_SCENARIO ? takeEarlyRun(st.picked) : null;
  onEarlyProgress(onProgress);
  const outcome = await (early ?? client.run(JSON.stringify(st.json), seed, onProgress));
  if (!outcome.ok) {
    store.update((d) => {
      d.status = { running: false, phase: 'failed', fraction: 0 };
      d.errors = [...outcome.errors];
    });
    return;
  }
  performance.mark('run-done');
  const p = outcome.payload;
  const id = nextRunId++;
  runs.set(id, {
    payload: p,
    replay: foldInBackground(buildReplay(p.records, undefined, { eager: false })),
    timeline: buildTimeline(p.records, p.duration, p.routers),
    ms: outcome.ms,
    input: st.json,
    instants: eventInstants(p.records),
  });
  const prev = store.state.runId;
  if (prev !== null && prev !== store.state.baselineId) runs.delete(prev);
  axis.setRun(p.duration, plotWidth());
  store.update((d) => {
    d.runId = id;
    d.cursor = Math.min(cursorAfter ?? d.cursor, p.duration);
    d.status = { running: false, phase: 'done', fraction: 1 };
  });
}
byId('run').addEventListener('click', () => void run());
// A bad seed is an error beside the box, cleared as soon as the text is a seed again.
seedInput.addEventListener('input', () => {
  const r = parseSeedText(seedInput.value);
  store.update((d) => {
    d.seedError = r.ok ? null : r.error;
  });
});

/** With auto-run on, a valid edit re-runs after a pause in typing (dragging a value past a limit shows its effect). */
const AUTO_RUN_DELAY_MS = 400;
let autoRunTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleAutoRun(): void {
  if (!byId<HTMLInputElement>('auto-run').checked) return;
  clearTimeout(autoRunTimer);
  autoRunTimer = setTimeout(() => {
    if (store.state.errors.length === 0) void run();
  }, AUTO_RUN_DELAY_MS);
}

// --- links and exports ----------------------------------------------------------------------

wireShareAndExport({
  store,
  current: () => current()?.payload ?? null,
  currentInput: () => current()?.input ?? null,
  window: () => axis.scale().domain() as [number, number],
  loadText,
  pickBundled: (name) => {
    picker.value = name;
  },
  run,
  charts: () => [timelineSvg, trafficSvg, ...(baselineSvg.hasAttribute('hidden') ? [] : [baselineSvg])],
});

// --- compare --------------------------------------------------------------------------------

byId('pin').addEventListener('click', () =>
  store.update((d) => {
    d.baselineId = d.runId;
  }),
);
byId('unpin').addEventListener('click', () =>
  store.update((d) => {
    d.baselineId = null;
  }),
);
// MetalLB's choices for the speaker (restart, helper, disable): pin this run, run the other mode.
const compareGr = byId<HTMLSelectElement>('compare-gr');
compareGr.addEventListener('change', () => {
  const mode = compareGr.value;
  compareGr.value = '';
  if (store.state.runId === null || !mode) return;
  store.update((d) => {
    d.baselineId = d.runId;
  });
  const next = setIn(store.state.json, ['speaker', 'gracefulRestart', 'mode'], mode);
  loadText(store.state.picked, JSON.stringify(next, null, 2));
  void run();
});

// --- settings fold, views -------------------------------------------------------------------

const layout = byId('layout');
function showForm(open: boolean): void {
  layout.classList.toggle('folded', !open);
  byId('scenario-panel').hidden = !open;
  const b = byId('toggle-form');
  b.setAttribute('aria-expanded', String(open));
  b.textContent = open ? 'Settings ◂' : 'Settings ▸';
  const r = current();
  if (r) axis.setRun(r.payload.duration, plotWidth());
  drawnKey = '';
  schedule();
}
byId('toggle-form').addEventListener('click', () => showForm(layout.classList.contains('folded')));

let shownView: 'timeline' | 'ladder' = 'timeline';
function showView(v: 'timeline' | 'ladder'): void {
  shownView = v;
  byId('timeline-view').hidden = v !== 'timeline';
  byId('ladder-view').hidden = v !== 'ladder';
  byId('tab-timeline').setAttribute('aria-selected', String(v === 'timeline'));
  byId('tab-ladder').setAttribute('aria-selected', String(v === 'ladder'));
  schedule();
}
byId('tab-timeline').addEventListener('click', () => showView('timeline'));
byId('tab-ladder').addEventListener('click', () => showView('ladder'));
const ladderNode = byId<HTMLSelectElement>('ladder-node');
const ladderRouter = byId<HTMLSelectElement>('ladder-router');
const ladderKeepalives = byId<HTMLInputElement>('ladder-keepalives');
for (const c of [ladderNode, ladderRouter, ladderKeepalives]) c.addEventListener('change', () => schedule());
let ladderDrawn = '';
let ladderCache: { key: string; ladder: Ladder } | null = null;

/** The pickers list the run's nodes and routers; the node a fault hits is picked first. */
function fillLadderPickers(r: LoadedRun): void {
  const [nodes, routers] = ladderPairs(r.payload.records, r.payload.routers);
  const fill = (sel: HTMLSelectElement, names: string[], prefer: string | undefined) => {
    const keep = names.includes(sel.value) ? sel.value : (prefer ?? names[0] ?? '');
    sel.replaceChildren(...names.map((n) => el('option', { value: n }, n)));
    sel.value = keep;
  };
  const hit = r.timeline.faults.map((f) => f.subject).find((x) => nodes.includes(x));
  fill(ladderNode, nodes, hit);
  fill(ladderRouter, routers, undefined);
}

function renderLadderView(r: LoadedRun, runId: number | null): void {
  const key = `${runId} ${ladderNode.value} ${ladderRouter.value} ${ladderKeepalives.checked}`;
  if (!ladderCache || ladderCache.key !== key)
    ladderCache = {
      key,
      ladder: buildLadder(r.payload.records, ladderNode.value, ladderRouter.value, r.payload.duration, {
        keepalives: ladderKeepalives.checked,
      }),
    };
  const width = Math.max(600, byId('views').clientWidth - 4);
  const drawKey = `${key} ${width}`;
  const svg = byId<SVGSVGElement>('ladder');
  if (drawKey !== ladderDrawn) {
    ladderDrawn = drawKey;
    renderLadder(svg, ladderCache.ladder, width, {
      onPick: (t, record) => {
        setCursor(t);
        explainPinned = record;
        schedule();
      },
    });
    const used = new Set(ladderCache.ladder.timers.map((x) => x.name));
    byId('ladder-legend').replaceChildren(
      ...Object.entries(TIMER_COLOR)
        .filter(([k]) => used.has(k as never))
        .map(([k, c]) =>
          el(
            'span',
            { 'data-legend': k },
            el('i', { style: `background:${c}` }),
            k === 'deferral' ? 'selection deferral' : `${k} timer`,
          ),
        ),
    );
  }
  moveLadderCursor(svg, store.state.cursor);
}

// --- cursor, playback, keyboard -------------------------------------------------------------

const current = () => (store.state.runId === null ? null : (runs.get(store.state.runId) ?? null));

function setCursor(t: number): void {
  const r = current();
  const end = r ? r.payload.duration : 0;
  explainPinned = null;
  stepNote = '';
  store.update((d) => {
    d.cursor = Math.max(0, Math.min(end, Math.round(t)));
  });
}

/** Said beside Prev/Next when a step finds nothing further (the buttons are disabled there too). */
let stepNote = '';
function step(dir: 1 | -1): boolean {
  const r = current();
  if (!r) return false;
  const t = stepInstant(r.instants, store.state.cursor, dir);
  if (t !== null) {
    setCursor(t);
    return true;
  }
  const last = r.instants[r.instants.length - 1];
  stepNote =
    dir > 0
      ? `End of the run: no event after ${last === undefined ? 'the start' : formatMicros(last)}`
      : 'Start of the run: no event before this one';
  schedule();
  return false;
}

let lastFrame = 0;
/** Event-mode playback: wall time not yet spent on a step. */
let eventDebt = 0;
function tick(now: number): void {
  const st = store.state;
  const r = current();
  if (!st.playing || !r) return;
  const dt = lastFrame === 0 ? 0 : now - lastFrame;
  lastFrame = now;
  if (st.eventsPerSecond > 0) {
    // N events per second: each instant gets its turn, however close in simulated time.
    eventDebt += dt;
    let more = true;
    while (more && eventDebt >= 1000 / st.eventsPerSecond) {
      eventDebt -= 1000 / st.eventsPerSecond;
      const t = stepInstant(r.instants, store.state.cursor, 1);
      more = t !== null;
      if (t !== null) setCursor(t);
    }
    if (!more)
      store.update((d) => {
        d.playing = false;
      });
  } else {
    const t = advanceCursor(st.cursor, dt, st.speed, r.payload.duration);
    store.update((d) => {
      d.cursor = t;
      if (t >= r.payload.duration) d.playing = false;
    });
  }
  if (store.state.playing) requestAnimationFrame(tick);
}

function togglePlay(): void {
  store.update((d) => {
    d.playing = !d.playing;
  });
  if (store.state.playing) {
    lastFrame = 0;
    eventDebt = 0;
    requestAnimationFrame(tick);
  }
}

byId('play').addEventListener('click', togglePlay);
byId('next').addEventListener('click', () => step(1));
byId('prev').addEventListener('click', () => step(-1));
// "60" is 60 simulated seconds per second; "e5" is five events per second.
byId<HTMLSelectElement>('speed').addEventListener('change', (e) => {
  const v = (e.target as HTMLSelectElement).value;
  store.update((d) => {
    if (v.startsWith('e')) d.eventsPerSecond = Number(v.slice(1));
    else {
      d.eventsPerSecond = 0;
      d.speed = Number(v);
    }
  });
  (e.target as HTMLElement).blur();
});
const cursorInput = byId<HTMLInputElement>('cursor');
cursorInput.addEventListener('change', () => {
  const v = Number(cursorInput.value);
  if (Number.isFinite(v)) setCursor(v * 1e6);
});
const scrub = byId<HTMLInputElement>('scrub');
scrub.addEventListener('input', () => {
  const r = current();
  if (r) setCursor((Number(scrub.value) / 1000) * r.payload.duration);
});
byId('zoom-reset').addEventListener('click', () => {
  axis.reset();
  schedule();
});
byId('zoom-event').addEventListener('click', () => axis.show(store.state.cursor - 1e6, store.state.cursor + 1e6));
document.addEventListener('keydown', (e) => {
  const tag = (e.target as HTMLElement).tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  if (e.key === 'ArrowRight') step(1);
  else if (e.key === 'ArrowLeft') step(-1);
  else if (e.key === ' ') togglePlay();
  else if (e.key === '+' || e.key === '=') axis.zoomAround(store.state.cursor, 2);
  else if (e.key === '-') axis.zoomAround(store.state.cursor, 0.5);
  else if (e.key === '0') {
    axis.reset();
    schedule();
  } else return;
  e.preventDefault();
});

// --- hover readout --------------------------------------------------------------------------

const readout = byId('readout');
/** The crosshair: a rule across every chart at the pointer's time and the value of every lane and series there. */
function hover(e: PointerEvent, svg: SVGSVGElement): void {
  const r = current();
  const mx = e.clientX - svg.getBoundingClientRect().left;
  if (!r || mx < LABEL_WIDTH) {
    unhover();
    return;
  }
  const x = axis.scale();
  const t = Math.max(0, Math.min(r.payload.duration, Math.round(x.invert(mx))));
  const st = store.state;
  const base = st.baselineId !== null && st.baselineId !== st.runId ? runs.get(st.baselineId) : undefined;
  const rows = readoutRows(r.timeline, r.payload.series, t);
  if (base) rows.push(...readoutRows({ ...base.timeline, lanes: [] }, base.payload.series, t, 'baseline '));
  renderReadout(readout, t, rows);
  readout.hidden = false;
  const w = readout.offsetWidth;
  const h = readout.offsetHeight;
  readout.style.left = `${e.clientX + 16 + w > innerWidth ? Math.max(0, e.clientX - 16 - w) : e.clientX + 16}px`;
  readout.style.top = `${Math.max(0, Math.min(innerHeight - h, e.clientY + 12))}px`;
  for (const line of document.querySelectorAll<HTMLElement>('.hover-line')) {
    const shown = !line.parentElement?.querySelector('svg')?.hasAttribute('hidden');
    line.style.display = shown ? 'block' : 'none';
    line.style.top = `${line.dataset.top ?? 0}px`;
    line.style.transform = `translateX(${x(t)}px)`;
  }
}
function unhover(): void {
  readout.hidden = true;
  for (const line of document.querySelectorAll<HTMLElement>('.hover-line')) line.style.display = 'none';
}
for (const svg of [timelineSvg, trafficSvg, baselineSvg]) {
  svg.addEventListener('pointermove', (e) => hover(e, svg));
  svg.addEventListener('pointerleave', unhover);
}

// --- rendering ------------------------------------------------------------------------------

function plotWidth(): number {
  return Math.max(600, byId('views').clientWidth - 4);
}

let frame = 0;
let lastErrorCount = 0;
/** What the charts were last fully drawn for (run, baseline, window). */
let drawnKey = '';
let routesDrawn = '';
let explainDrawn = '';
function schedule(): void {
  if (frame === 0) frame = requestAnimationFrame(render);
}

/** The scenario panel's inputs when it was last drawn: scrubbing (cursor only) leaves it alone. */
let panelDrawn: readonly unknown[] = [];
function render(): void {
  frame = 0;
  const st = store.state;
  const panel = [st.errors, st.warnings, st.json, form];
  if (panel.some((x, i) => x !== panelDrawn[i])) {
    panelDrawn = panel;
    const errs = errorsByField(st.errors, form?.fields ?? []);
    form?.update(st.json, errs.byField);
    byId('errors').replaceChildren(...errs.general.map((e) => el('li', {}, e)));
    byId('warnings').replaceChildren(...st.warnings.map((w) => el('li', {}, w.replace(/^scenario: /, ''))));
  }
  // Problems in folded settings: the fold opens on them once, and its button says how many.
  const toggle = byId('toggle-form');
  toggle.classList.toggle('has-errors', st.errors.length > 0);
  setProp(
    toggle,
    'title',
    st.errors.length > 0 ? `${st.errors.length} problem(s) in the settings` : 'Show or fold the settings',
  );
  if (st.errors.length > 0 && lastErrorCount === 0 && layout.classList.contains('folded')) showForm(true);
  lastErrorCount = st.errors.length;
  const runBtn = byId<HTMLButtonElement>('run');
  setProp(runBtn, 'disabled', st.errors.length > 0 || st.json === null || st.seedError !== null);
  setText(byId('seed-error'), st.seedError ?? '');
  seedInput.toggleAttribute('aria-invalid', st.seedError !== null);
  const prog = byId<HTMLProgressElement>('progress');
  setProp(prog, 'hidden', !st.status.running);
  setProp(prog, 'value', st.status.fraction);
  setText(
    byId('status'),
    st.status.running ? `${st.status.phase}…` : st.status.phase === 'done' ? 'done' : st.status.phase,
  );
  setText(byId('play'), st.playing ? '❚❚ Pause' : '▶ Play');
  setProp(byId('unpin'), 'hidden', st.baselineId === null);

  const r = current();
  setProp(byId('empty'), 'hidden', r !== null);
  for (const id of ['stage', 'traffic', 'bottom', 'share-bar', 'headline'])
    byId(id).toggleAttribute('hidden', r === null);
  for (const id of ['prev', 'play', 'next', 'pin', 'compare-gr', 'zoom-reset', 'zoom-event'])
    setProp(byId<HTMLButtonElement>(id), 'disabled', r === null);
  if (!r) return;
  const p = r.payload;
  // Zoomed in, the window follows the cursor (a step, a scrub, playback) instead of losing it.
  axis.follow(st.cursor);
  setText(byId('run-title'), p.title);
  const pos = { i: instantsUpTo(r.instants, st.cursor), n: r.instants.length };
  const nextBtn = byId<HTMLButtonElement>('next');
  const prevBtn = byId<HTMLButtonElement>('prev');
  setProp(nextBtn, 'disabled', stepInstant(r.instants, st.cursor, 1) === null);
  setProp(prevBtn, 'disabled', stepInstant(r.instants, st.cursor, -1) === null);
  setProp(nextBtn, 'title', nextBtn.disabled ? 'Last event of the run: nothing after it' : 'Next event (→)');
  setProp(prevBtn, 'title', prevBtn.disabled ? 'First event of the run: nothing before it' : 'Previous event (←)');
  const posEl = byId('event-pos');
  setText(posEl, stepNote || positionText(pos));
  setProp(posEl, 'title', posEl.textContent ?? '');
  posEl.classList.toggle('note', stepNote !== '');
  if (document.activeElement !== cursorInput)
    setProp(cursorInput, 'value', (st.cursor / 1e6).toFixed(6).replace(/\.?0+$/, ''));
  setProp(scrub, 'value', String(Math.round((st.cursor / Math.max(1, p.duration)) * 1000)));
  const base = st.baselineId !== null && st.baselineId !== st.runId ? runs.get(st.baselineId) : undefined;
  const key = `${st.runId} ${st.baselineId} ${axis.key()}`;
  if (key !== drawnKey) {
    drawnKey = key;
    const names = base
      ? runNames({ scenario: base.payload.scenario, input: base.input }, { scenario: p.scenario, input: r.input })
      : null;
    renderHeadline(
      byId('headline'),
      p,
      names ? `${names[1]} vs ${names[0]}` : '',
      base && names ? { name: names[0], metrics: base.payload.metrics } : null,
    );
    renderLegend(byId('legend'), r.timeline);
    overview.render(p, `${st.runId} ${axis.width}`);
    fillLadderPickers(r);
    renderTimeline(timelineSvg, r.timeline, axis, {
      onCursor: setCursor,
      onRecord: (i) => {
        explainPinned = i;
        schedule();
      },
    });
    renderTraffic(trafficSvg, p, axis, `traffic — ${names ? names[1] : p.scenario}`, setCursor);
    baselineSvg.toggleAttribute('hidden', !base);
    if (base && names) renderTraffic(baselineSvg, base.payload, axis, `baseline — ${names[0]}`, setCursor);
    renderSummary(byId('summary'), p, base?.payload ?? null, r.ms, names ?? undefined);
    if (document.body.dataset.drawnRun !== String(st.runId)) {
      // Run → drawn, for `npm run perf:ui` (performance.measure('drawn', 'run-done', 'run-drawn')).
      performance.mark('run-drawn');
      document.body.dataset.drawnRun = String(st.runId);
    }
  }
  for (const svg of [timelineSvg, trafficSvg, baselineSvg]) moveCursor(svg, axis, st.cursor);
  overview.moveCursor(st.cursor);
  if (shownView === 'ladder') renderLadderView(r, st.runId);
  const view = r.replay.stateAt(st.cursor as Time);
  const routesKey = `${st.runId} ${view.applied}`;
  if (routesKey !== routesDrawn) {
    routesDrawn = routesKey;
    renderRoutes(byId('routes'), view, p.routers, st.cursor);
    byId('routes').append(ecmpGrids.host);
  } else renderRoutesTime(byId('routes'), st.cursor);
  ecmpGrids.setRun(p);
  ecmpGrids.render(st.cursor);
  const idx = explainPinned ?? eventIndexAt(p.records, st.cursor);
  renderTimers(byId('timers'), timersAt(r.timeline, st.cursor));
  if (`${st.runId} ${idx} ${pos.i}` !== explainDrawn) {
    explainDrawn = `${st.runId} ${idx} ${pos.i}`;
    renderExplain(byId('explain'), p.records, recordsAtSameTime(p.records, idx), pos);
  }
}

store.subscribe(() => schedule());
window.addEventListener('resize', () => {
  const r = current();
  if (r) axis.setRun(r.payload.duration, plotWidth());
  schedule();
});
for (const svg of [timelineSvg, trafficSvg, baselineSvg]) axis.attach(d3.select(svg));
loadText(DEFAULT_SCENARIO, BUNDLED.get(DEFAULT_SCENARIO) ?? '{}');
schedule();
// The answer at once: a link opens its own run; a plain load runs the default scenario and draws it.
if (location.hash.length > 1) void openLink(location.hash);
else void run();
