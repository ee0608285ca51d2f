/** `show bgp neighbors` for one router-side session at the current moment (FRR wording, sim/bgp/status). */
import type { Time } from '../base/time.js';
import { neighborGrStatus, renderNeighborGr } from '../bgp/status/index.js';
import type { BgpEndpoint } from './bgp-endpoint.js';
import type { World } from './world.js';

export function renderNeighbor(world: World, ep: BgpEndpoint, now: Time): string {
  const node = world.nodes.get(ep.peer);
  const head = `BGP neighbor is ${node?.spec.address ?? ep.peer} (${ep.peer}), remote AS ${node?.spec.asn ?? '?'}`;
  const st = ep.state;
  if (!st) return `${head}\n  BGP process down`;
  return `${head}\n  BGP state = ${st.fsm}\n${renderNeighborGr(neighborGrStatus(st, now))}`;
}
