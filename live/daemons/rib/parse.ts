/**
 * RIB samplers: per prefix, the state of the path a router holds from one peer (the speaker), read
 * from the daemon's own CLI output. A prefix without a path from that peer is absent (not in the map).
 */
import type { RouteState } from '../../route-states.js';

export type RibSample = ReadonlyMap<string, Exclude<RouteState, 'absent'>>;

export const stateOf = (sample: RibSample, prefix: string): RouteState => sample.get(prefix) ?? 'absent';

/** RFC 9494 §4.6 LLGR_STALE well-known community 65535:6. */
export const LLGR_STALE = '65535:6';

/**
 * FRR 8.4.4: `show bgp ipv4 unicast json` marks GR-stale paths `"stale":true` but prints no
 * communities, so LLGR-stale paths look the same; the prefixes of
 * `show bgp ipv4 unicast community llgr-stale json` are the LLGR-stale ones.
 * A path marked `"removed":true` is gone: bgpd/bgp_route.c bgp_rib_remove → bgp_path_info_delete
 * sets BGP_PATH_REMOVED and queues the destination on bgp->process_queue (spec.hold = 50 ms); the
 * path stays listed (route_vty_short_status_out prints "removed", status code `R`) until
 * bgp_process_main_one reaps it. Its forwarding effect waits for that queue, which the simulation
 * models as the profile's `routeProcessingHold` (sim/world/fib-programming.ts), not in the RIB.
 */
export function parseFrrRib(allJson: string, llgrStaleJson: string, peer: string): RibSample {
  type Path = { peerId?: string; stale?: boolean; removed?: boolean };
  const routes = (t: string) => (JSON.parse(t) as { routes?: Record<string, Path[]> }).routes ?? {};
  const llgr = new Set(
    Object.entries(routes(llgrStaleJson))
      .filter(([, ps]) => ps.some((p) => p.peerId === peer))
      .map(([pfx]) => pfx),
  );
  const out = new Map<string, Exclude<RouteState, 'absent'>>();
  for (const [pfx, paths] of Object.entries(routes(allJson))) {
    const p = paths.find((x) => x.peerId === peer && x.removed !== true);
    if (p) out.set(pfx, llgr.has(pfx) ? 'llgr-stale' : p.stale ? 'stale' : 'fresh');
  }
  return out;
}

/**
 * BIRD 2.0.12: `show route all` marks only LLGR-stale routes (preference printed `(100s)`, community
 * `(65535,6)`); a route kept under plain GR looks fresh. It is stale while `show protocols all NAME`
 * says "Neighbor graceful restart active" (proto/bgp/bgp.c bgp_show_proto_info).
 */
export function parseBirdRib(routeText: string, protocolText: string, protocol: string): RibSample {
  const grActive = /Neighbor graceful restart active/.test(protocolText);
  const out = new Map<string, Exclude<RouteState, 'absent'>>();
  let current: { prefix: string; llgr: boolean } | null = null;
  // A second route for the same prefix is printed without it (`   unreachable [speaker_… ]`).
  let lastHeadPrefix = '';
  const flush = () => {
    if (current) out.set(current.prefix, current.llgr ? 'llgr-stale' : grActive ? 'stale' : 'fresh');
    current = null;
  };
  for (const line of routeText.split('\n')) {
    const head = /^(\S+\/\d+)?\s+\S+ \[(\S+) [^\]]*\] [* ]?\s*\((\d+)(s?)\)/.exec(line);
    if (head && !line.startsWith('\t')) {
      flush();
      if (head[1] !== undefined) lastHeadPrefix = head[1];
      if (head[2] === protocol) current = { prefix: lastHeadPrefix, llgr: head[4] === 's' };
      continue;
    }
    if (current && /BGP\.community:.*\(65535,6\)/.test(line)) current.llgr = true;
  }
  flush();
  return out;
}

/**
 * GoBGP 3.10 `gobgp global rib -j`: prefix → paths with `neighbor-ip`, `stale` and the attrs; an
 * LLGR-stale path carries community 65535:6 (4294901766) in its COMMUNITIES attribute (type 8).
 */
export function parseGobgpRib(json: string, peer: string): RibSample {
  type Attr = { type: number; communities?: number[] };
  type Path = { 'neighbor-ip'?: string; stale?: boolean; attrs?: Attr[] };
  const rib = JSON.parse(json || '{}') as Record<string, Path[]>;
  const out = new Map<string, Exclude<RouteState, 'absent'>>();
  for (const [pfx, paths] of Object.entries(rib)) {
    const p = paths.find((x) => x['neighbor-ip'] === peer);
    if (!p) continue;
    const llgr = (p.attrs ?? []).some((a) => a.type === 8 && (a.communities ?? []).includes(0xffff0006));
    out.set(pfx, llgr ? 'llgr-stale' : p.stale ? 'stale' : 'fresh');
  }
  return out;
}
