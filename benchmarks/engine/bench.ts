// Engine benchmark: the hold model at N = 1e3, 1e5, 1e6, each in a fresh process so peak RSS is its own.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hold } from './hold.js';

const [mode, n] = process.argv.slice(2);
if (mode === 'child') {
  const r = hold(Number(n), 5_000_000, 1);
  console.log(`engine.hold N=${r.n}: ${(r.eventsPerSecond / 1e6).toFixed(2)} M events/s`);
  console.log(`engine.hold N=${r.n}: peak RSS ${r.peakRssMiB.toFixed(1)} MiB`);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const size of [1_000, 100_000, 1_000_000]) {
    await new Promise((done) => fork(self, ['child', String(size)]).on('exit', done));
  }
}
