// The classic hold model: N events pending in steady state; each fired event schedules one more at
// now + Exp(mean 1 s); nothing is cancelled. Warm-up of max(10^6, 2N) events, then EVENTS timed.
// Runs alone as `npx tsx benchmarks/engine/hold.ts N EVENTS SEED` to compare with other simulators.
import { fileURLToPath } from 'node:url';
import { s, type Time } from '../../sim/base/time.js';
import { Simulator } from '../../sim/engine/simulator.js';

export interface HoldResult {
  n: number;
  events: number;
  eventsPerSecond: number;
  peakRssMiB: number;
}

export function hold(n: number, events: number, seed: number): HoldResult {
  const sim = new Simulator({ seed, keep: false, capacity: n + 1 });
  const rng = sim.rng.stream('hold');
  const mean = s(1);
  const h = sim.handler(() => {
    sim.scheduleAfter(Math.round(rng.exponential(mean)) as Time, h);
  });
  for (let i = 0; i < n; i++) sim.scheduleAfter(Math.round(rng.exponential(mean)) as Time, h);
  sim.run(Math.max(1_000_000, 2 * n));
  let peak = process.memoryUsage.rss();
  // CPU time of this process (user + system), not wall time: the machine is shared.
  const c0 = process.cpuUsage();
  const chunk = 500_000;
  for (let done = 0; done < events; done += chunk) {
    sim.run(Math.min(chunk, events - done));
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const c = process.cpuUsage(c0);
  const secs = (c.user + c.system) / 1e6;
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  return { n, events, eventsPerSecond: events / secs, peakRssMiB: peak / 2 ** 20 };
}

if (process.argv[1] && /hold\.[tj]s$/.test(process.argv[1]) && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n = '1000', events = '5000000', seed = '1'] = process.argv.slice(2);
  const r = hold(Number(n), Number(events), Number(seed));
  console.log(`hold N=${r.n}: ${(r.eventsPerSecond / 1e6).toFixed(2)} M events/s`);
  console.log(`hold N=${r.n}: peak RSS ${r.peakRssMiB.toFixed(1)} MiB`);
}
