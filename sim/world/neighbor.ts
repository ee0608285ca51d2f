/** `show bgp neighbors` for one router-side session, at the moment the run was stopped. */
import type { Time } from '../base/time.js';
import type { BgpEndpoint } from './bgp-endpoint.js';
import type { World } from './world.js';

export function renderNeighborGr(world: World, ep: BgpEndpoint, now: Time): string {
  const node = world.nodes.get(ep.peer);
  const st = ep.state;
  const lines = [`BGP neighbor is ${node?.spec.address ?? ep.peer} (${ep.peer}), remote AS ${node?.spec.asn ?? '?'}`];
  if (!st) return `${lines[0]}\n  (router process down)`;
  lines.push(`  BGP state = ${st.fsm}`);
  lines.push(`  Graceful restart information: (t = ${now / 1e6} s)`);
  lines.push(`    (detailed status pending)`);
  return lines.join('\n');
}
