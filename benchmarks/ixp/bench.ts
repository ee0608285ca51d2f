// IXP route server: the bundled ixp-route-server-helper-only scenario scaled to 1,000 members
// (benchmarks/ixp/generate.ts), one run, CPU time (user + system) of this process, min of RUNS.
// STALEPATH_IXP_MEMBERS and STALEPATH_IXP_RUNS override the size (1000) and the run count (3).
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../../sim/index.js';
import { ixpScenario } from './generate.js';

const members = Number(process.env.STALEPATH_IXP_MEMBERS ?? 1000);
const runs = Number(process.env.STALEPATH_IXP_RUNS ?? 3);

export function ixpCpuSeconds(m: number, n: number): { cpu: number; events: number; traceHash: string } {
  const r = loadScenarioText(JSON.stringify(ixpScenario(m)), `ixp-${m}.json`, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  let best = Number.POSITIVE_INFINITY;
  let events = 0;
  let traceHash = '';
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const out = runScenario(r.scenario);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1e6);
    events = out.events;
    traceHash = out.traceHash;
  }
  return { cpu: best, events, traceHash };
}

const r = ixpCpuSeconds(members, runs);
console.log(
  `ixp.route-server ${members} members: ${r.cpu.toFixed(2)} s CPU per run (min of ${runs}), ${r.events} events, trace ${r.traceHash.slice(0, 12)}`,
);
console.log(`ixp.route-server ${members} members: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
