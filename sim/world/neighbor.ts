/** `show bgp neighbors` for one router-side session at the current moment (FRR wording, sim/bgp/status). */
import type { Time } from '../base/time.js';
import { familyOf } from '../bgp/rib/index.js';
import { familyName, neighborGrStatus, renderNeighborAfis, renderNeighborGr } from '../bgp/status/index.js';
import type { BgpEndpoint } from './bgp-endpoint.js';
import type { World } from './world.js';

/** The address the session runs over: the node's IPv4 or IPv6 address, as the router's transport says. */
export function sessionAddress(world: World, ep: BgpEndpoint): string {
  const node = world.nodes.get(ep.peer);
  if (!node) return ep.peer;
  const router = world.routers.get(ep.process.owner);
  return router?.spec.transport === 'ipv6' ? node.spec.address6 : node.spec.address;
}

export function renderNeighbor(world: World, ep: BgpEndpoint, now: Time): string {
  const node = world.nodes.get(ep.peer);
  const head = `BGP neighbor is ${sessionAddress(world, ep)} (${ep.peer}), remote AS ${node?.spec.asn ?? '?'}`;
  const st = ep.state;
  if (!st) return `${head}\n  BGP process down`;
  const rib = ep.process.sp?.rib;
  // FRR bgp_show_peer_afi: one block per activated family (IPv4 and IPv6 unicast on a dual-stack peer).
  const afis = st.config.afiSafis.flatMap((a) => {
    const f = familyOf(a.afi, a.safi);
    if (!f || !rib) return [];
    return [
      {
        name: familyName(a.afi, a.safi),
        accepted: rib.acceptedPrefixes(ep.peer, f),
        stale: rib.staleCount(ep.peer, f),
      },
    ];
  });
  return `${head}\n  BGP state = ${st.fsm}\n${renderNeighborGr(neighborGrStatus(st, now))}${renderNeighborAfis(afis)}`;
}
