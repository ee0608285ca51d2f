/**
 * `stalepath neighbors --at T`: what each router's `show bgp neighbors` would print for graceful
 * restart at that moment of the run (FRR's wording, gr-reference §2.12).
 */
import type { Time } from '../base/time.js';
import { renderNeighbor } from '../world/index.js';
import { runScenario } from './run.js';
import type { Scenario } from './schema.js';

export interface NeighborsOptions {
  readonly at: Time;
  readonly router?: string;
  readonly seed?: number;
}

export function neighborsAt(sc: Scenario, o: NeighborsOptions): string {
  const r = runScenario(sc, { seed: o.seed, until: o.at });
  const out: string[] = [];
  for (const [name, router] of r.world.routers) {
    if (o.router !== undefined && name !== o.router) continue;
    out.push(`${name}# show bgp neighbors   (t = ${o.at / 1e6} s)`);
    for (const ep of router.process.ends.values()) out.push(renderNeighbor(r.world, ep, o.at), '');
  }
  return `${out.join('\n')}\n`;
}
