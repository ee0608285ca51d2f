// One process to profile (`node --cpu-prof`): the default scenario, seeds 1..N (STALEPATH_PROFILE_RUNS,
// 150), or one run of STALEPATH_PROFILE_SECONDS simulated seconds; traffic per STALEPATH_PROFILE_TRAFFIC.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioText, PROFILE_NAMES, runScenario, type Scenario } from '../../sim/index.js';

const file = join(process.cwd(), 'scenarios', 'metallb-speaker-restart.json');
const r = loadScenarioText(readFileSync(file, 'utf8'), file, { profiles: PROFILE_NAMES });
if (!r.ok) throw new Error(r.errors.join('\n'));
const seconds = Number(process.env.STALEPATH_PROFILE_SECONDS ?? 0);
const sc: Scenario = seconds > 0 ? { ...r.scenario, duration: (seconds * 1e6) as Scenario['duration'] } : r.scenario;
const runs = Number(process.env.STALEPATH_PROFILE_RUNS ?? (seconds > 0 ? 3 : 150));
// The default path unless named ('windows', 'bulk' or 'per-connection').
const traffic = process.env.STALEPATH_PROFILE_TRAFFIC as 'windows' | 'bulk' | 'per-connection' | undefined;
const c0 = process.cpuUsage();
for (let i = 0; i < runs; i++) runScenario(sc, { seed: i + 1, ...(traffic ? { traffic } : {}) });
const c = process.cpuUsage(c0);
console.log(`${runs} runs: ${((c.user + c.system) / 1000 / runs).toFixed(2)} ms CPU/run`);
