// World benchmark: wall time per run of bundled scenarios, and what the implied BFD steady state
// saves against the per-packet reference (same trace, fewer events).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioText, PROFILE_NAMES, prepareScenario, runScenario, type Scenario } from '../../sim/index.js';

function load(name: string): Scenario {
  // Run from the project root (npm run bench does): the bundle itself lives in a temp folder.
  const file = join(process.cwd(), 'scenarios', `${name}.json`);
  const r = loadScenarioText(readFileSync(file, 'utf8'), file, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

function msPerRun(scenario: Scenario, runs: number, bfd: 'implied' | 'explicit' = 'implied'): number {
  // Many seeds of one scenario: its world spec is built once, as a sweep's grid point does.
  const sc = prepareScenario(scenario);
  runScenario(sc, { bfd });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) runScenario(sc, { seed: i + 1, bfd });
  return Number(process.hrtime.bigint() - t0) / 1e6 / runs;
}

const def = load('metallb-speaker-restart');
const ms = msPerRun(def, 20);
console.log(`world.run metallb-speaker-restart (600 s simulated): ${ms.toFixed(1)} ms/run`);
console.log(`world.run metallb-speaker-restart: ${(600_000 / ms).toFixed(0)}x simulated/wall-clock time`);
for (const name of ['node-crash-bfd', 'speaker-restart-with-bfd', 'llgr-long-outage-alternate']) {
  const sc = load(name);
  const e = runScenario(sc, { bfd: 'explicit' });
  const i = runScenario(sc, { bfd: 'implied' });
  console.log(`world.bfd ${name}: ${e.world.bfdEvents} BFD events per packet, ${i.world.bfdEvents} implied`);
  console.log(
    `world.events ${name}: ${e.events} per packet, ${i.events} implied (same trace: ${e.traceHash === i.traceHash})`,
  );
  console.log(
    `world.run ${name}: ${msPerRun(sc, 5, 'explicit').toFixed(1)} ms/run per packet, ${msPerRun(sc, 5).toFixed(1)} ms/run implied`,
  );
}
