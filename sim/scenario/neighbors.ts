/**
 * `stalepath neighbors --at T`: what each router's `show bgp neighbors` would print for graceful
 * restart at that moment of the run (FRR's wording, gr-reference §2.12), as text or as the
 * structured status the JSON format is built from.
 */
import type { Time } from '../base/time.js';
import { type NeighborGrStatus, neighborGrStatus } from '../bgp/status/index.js';
import { renderNeighbor, sessionAddress } from '../world/index.js';
import { runScenario } from './run.js';
import type { Scenario } from './schema.js';

export interface NeighborsOptions {
  readonly at: Time;
  readonly router?: string;
  readonly seed?: number;
}

export interface NeighborAt {
  readonly router: string;
  readonly address: string;
  readonly node: string;
  readonly remoteAs: number;
  /** null while the router's BGP process is down. */
  readonly gr: NeighborGrStatus | null;
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

/** The same moment as structured status, one entry per router-side session. */
export function neighborsStatusAt(sc: Scenario, o: NeighborsOptions): NeighborAt[] {
  const r = runScenario(sc, { seed: o.seed, until: o.at });
  const out: NeighborAt[] = [];
  for (const [name, router] of r.world.routers) {
    if (o.router !== undefined && name !== o.router) continue;
    for (const ep of router.process.ends.values()) {
      const node = r.world.nodes.get(ep.peer)!.spec;
      const st = ep.state;
      out.push({
        router: name,
        address: sessionAddress(r.world, ep),
        node: node.name,
        remoteAs: node.asn,
        gr: st ? neighborGrStatus(st, o.at) : null,
      });
    }
  }
  return out;
}
