// One run of the M-member IXP scenario, for profiling a bundle:
// npx esbuild benchmarks/ixp/profile.ts --bundle --platform=node --format=cjs --outfile=/tmp/ixp.cjs
// node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/ixp.cjs 300
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../../sim/index.js';
import { ixpScenario } from './generate.js';

const m = Number(process.argv[2] ?? 300);
const r = loadScenarioText(JSON.stringify(ixpScenario(m)), `ixp-${m}.json`, { profiles: PROFILE_NAMES });
if (!r.ok) throw new Error(r.errors.join('\n'));
const c0 = process.cpuUsage();
const out = runScenario(r.scenario);
const c = process.cpuUsage(c0);
console.log(
  `${m} members: ${((c.user + c.system) / 1e6).toFixed(2)} s CPU, ${out.events} events, trace ${out.traceHash}`,
);
