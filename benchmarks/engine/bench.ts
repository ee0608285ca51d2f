// Engine benchmark: the hold model at N = 1e3, 1e5, 1e6 pending, each in a fresh process so peak RSS
// is its own; beside it the bare typed-array 4-ary heap (bare-heap.ts) on the same draws, alternated
// in the same process, best of ROUNDS each, and their ratio (issue 13 target: >= 0.9).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bareHold } from './bare-heap.js';
import { hold } from './hold.js';

const ROUNDS = Number(process.env.STALEPATH_ENGINE_ROUNDS ?? 3);
const EVENTS = 3_000_000;

const [mode, n] = process.argv.slice(2);
if (mode === 'child') {
  const size = Number(n);
  let api = 0;
  let bare = 0;
  let rss = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const h = hold(size, EVENTS, 1);
    api = Math.max(api, h.eventsPerSecond);
    rss = Math.max(rss, h.peakRssMiB);
    bare = Math.max(bare, bareHold(size, EVENTS, 1));
  }
  console.log(`engine.hold N=${size}: ${(api / 1e6).toFixed(2)} M events/s`);
  console.log(`engine.bare-heap N=${size}: ${(bare / 1e6).toFixed(2)} M events/s`);
  console.log(`engine.hold/bare-heap N=${size}: ${(api / bare).toFixed(2)}x`);
  console.log(`engine.hold N=${size}: peak RSS ${rss.toFixed(1)} MiB`);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const size of [1_000, 100_000, 1_000_000]) {
    await new Promise((done) => fork(self, ['child', String(size)]).on('exit', done));
  }
}
