/**
 * Validated Scenario → WorldSpec: profiles resolved with the scenario's overrides, defaults made
 * explicit (MetalLB's BFD 300 ms × 3, Linux resilient idle timer 120 s, Maglev M = 65537), one
 * link per speaker–router pair unless the scenario lists it.
 */
import { type Duration, ms, s } from '../base/time.js';
import { type PeerConfigInput, resolvePeerConfig } from '../bgp/profile/index.js';
import { afiSafiOf, familyOfPrefix } from '../bgp/rib/index.js';
import { RandomStreams } from '../engine/index.js';
import {
  type BfdSpec,
  blockStride,
  type EcmpSpec,
  type FaultSpec,
  nextBlock,
  type PrefixBlock,
  type SideSpec,
  type WorldSpec,
} from '../world/index.js';
import { defaultNodeAddress, defaultNodeAddress6, defaultRouterAddress, defaultRouterAddress6 } from './addresses.js';
import { type BgpSideConfig, FAMILY_NAMES, type Scenario } from './schema.js';

type Family = (typeof FAMILY_NAMES)[number];

export type BuildResult = { ok: true; spec: WorldSpec } | { ok: false; errors: string[] };

/**
 * A scenario's world spec with everything but the run's seed resolved. The seed only salts the hash
 * of routers that name no `hash.seed`; their `hashSeed` here is 0 until `seedWorldSpec` draws it.
 */
export interface SeedFreeSpec {
  readonly spec: WorldSpec;
  /** Indexes into `spec.routers` whose hash salt comes from the run's seed. */
  readonly seeded: readonly number[];
}

export type SeedFreeResult = { ok: true; seedFree: SeedFreeSpec } | { ok: false; errors: string[] };

export function buildWorldSpec(sc: Scenario, seed: number): BuildResult {
  const r = buildSeedFreeSpec(sc);
  return r.ok ? { ok: true, spec: seedWorldSpec(r.seedFree, seed) } : r;
}

/** The run's spec: the seed-free one (shared, not copied, when no router's salt is drawn). */
export function seedWorldSpec({ spec, seeded }: SeedFreeSpec, seed: number): WorldSpec {
  if (seeded.length === 0) return spec;
  const rng = new RandomStreams(seed);
  const routers = spec.routers.slice();
  for (const i of seeded) {
    const r = routers[i];
    // Routers salt their hash; the salt is part of the run's randomness.
    routers[i] = { ...r, hashSeed: rng.stream(`router/${r.name}/hash-seed`).uint32() };
  }
  return { ...spec, routers };
}

/**
 * A process up at t = 0 has been up a day unless the scenario says otherwise: far past any startup
 * window (FRR's t_startup lasts the Restart Time, at most 4095 s, RFC 4724 §3).
 */
export const DEFAULT_UPTIME = s(86_400);

/** MetalLB BFDProfile defaults (users.md §1): 300 ms / 300 ms × 3. */
const BFD_DEFAULTS = { transmitInterval: ms(300), receiveInterval: ms(300), detectMultiplier: 3 };

export function buildSeedFreeSpec(sc: Scenario): SeedFreeResult {
  const errors: string[] = [];
  const serviceFamilies = FAMILY_NAMES.filter((f) => sc.services.some((sv) => familyOfPrefix(sv.prefix) === f));
  const side = (
    path: string,
    families: readonly Family[],
    ...layers: (BgpSideConfig | undefined)[]
  ): SideSpec | undefined => {
    const merged = mergeSides(layers);
    const r = resolvePeerConfig(peerInput(merged, families));
    if (!r.ok) {
      for (const e of r.errors) errors.push(`${path}.${e.path}: ${e.message}`);
      return undefined;
    }
    return { config: r.config, bfd: bfdSpec(merged) };
  };
  const nodeBlocks = prefixBlocks(sc, errors);
  const links = sc.links.map((l) => ({ a: l.between[0], b: l.between[1], latency: l.latency ?? sc.defaultLatency }));
  const has = (a: string, b: string) => links.some((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  const sessions: WorldSpec['sessions'][number][] = [];
  sc.nodes.forEach((n, ni) => {
    sc.routers.forEach((r, ri) => {
      // Scenario-wide, then this router's BGPPeer, then this node's overrides.
      const where = n.speaker ? `nodes[${ni}].speaker` : r.speaker ? `routers[${ri}].speaker` : 'speaker';
      // FRR `neighbor X activate` per address-family block; MetalLB activates the peer's own family, or
      // both with dualStackAddressFamily. Here: as the router says, else the families of the services.
      const families = r.families ?? serviceFamilies;
      const speaker = side(where, families, sc.speaker, r.speaker, n.speaker);
      const routerSide = side(`routers[${ri}].bgp`, families, r.bgp);
      if (speaker && routerSide) sessions.push({ node: n.name, router: r.name, speaker, routerSide });
      if (!has(n.name, r.name)) links.push({ a: n.name, b: r.name, latency: sc.defaultLatency });
    });
  });
  if (errors.length > 0) return { ok: false, errors: [...new Set(errors)] };
  const faults: FaultSpec[] = sc.faults.map((f, index) => ({ ...f, index }) as FaultSpec);
  const uptime = sc.uptime ?? DEFAULT_UPTIME;
  const fibHolds = (name: string) => {
    const t = sessions.find((x) => x.router === name)?.routerSide.config.timers;
    const us = (secs: number) => Math.round(secs * 1e6) as Duration;
    return { routeProcessing: us(t?.routeProcessingHold ?? 0), install: us(t?.fibInstallHold ?? 0) };
  };
  const seeded = sc.routers.flatMap((r, i) => (r.hash.seed === undefined ? [i] : []));
  const spec: WorldSpec = {
    start: sc.start,
    nodes: sc.nodes.map((n, i) => ({
      name: n.name,
      asn: n.asn ?? 64513,
      address: n.address ?? defaultNodeAddress(i),
      address6: n.address6 ?? defaultNodeAddress6(i),
      services: n.services ?? sc.services.map((sv) => sv.name),
      prefixes: nodeBlocks[i] ?? null,
      uptime: n.uptime ?? uptime,
      // One pod: its start-up is the longest any of its sessions' layers states.
      startupTime: Math.max(
        0,
        ...sc.routers.map((r) => mergeSides([sc.speaker, r.speaker, n.speaker]).startupTime ?? 0),
      ) as Duration,
    })),
    routers: sc.routers.map((r, i) => ({
      name: r.name,
      asn: r.asn,
      address: r.address ?? defaultRouterAddress(i),
      address6: r.address6 ?? defaultRouterAddress6(i),
      transport: r.transport,
      ecmp: ecmpSpec(r.ecmp),
      hashFields: r.hash.fields,
      hashSeed: r.hash.seed ?? 0,
      maximumPaths: r.maximumPaths,
      upstreams: r.upstreams,
      uptime: r.uptime ?? uptime,
      startupTime: (r.bgp?.startupTime ?? 0) as Duration,
      fibHolds: fibHolds(r.name),
    })),
    sessions,
    links,
    services: sc.services.map((sv) => ({
      name: sv.name,
      prefix: sv.prefix,
      externalTrafficPolicy: sv.externalTrafficPolicy,
      endpoints: sv.endpoints ?? sc.nodes.map((n) => n.name),
    })),
    workload: { ...sc.workload, ...workloadServices(sc) },
    faults,
    duration: sc.duration,
  };
  return { ok: true, seedFree: { spec, seeded } };
}

/** The clients' services: one name, or a list (a dual-stack population: one connection picks one). */
function workloadServices(sc: Scenario): { service: string; services: string[] } {
  const w = sc.workload.service;
  const services = w === undefined ? [sc.services[0].name] : Array.isArray(w) ? w : [w];
  return { service: services[0], services };
}

function mergeSides(layers: (BgpSideConfig | undefined)[]): BgpSideConfig {
  let out: BgpSideConfig = {};
  for (const l of layers) {
    if (!l) continue;
    out = {
      ...out,
      ...l,
      gracefulRestart: l.gracefulRestart ? { ...out.gracefulRestart, ...l.gracefulRestart } : out.gracefulRestart,
      llgr: l.llgr ? { ...out.llgr, ...l.llgr } : out.llgr,
      bfd: l.bfd ? { ...out.bfd, ...l.bfd } : out.bfd,
    };
  }
  return out;
}

function peerInput(c: BgpSideConfig, families: readonly Family[]): PeerConfigInput {
  const gr = c.gracefulRestart;
  const timers: Record<string, number | readonly number[]> = {};
  if (c.holdTime !== undefined) timers.holdTime = c.holdTime;
  if (c.keepaliveTime !== undefined) timers.keepaliveTime = c.keepaliveTime;
  else if (c.holdTime !== undefined) timers.keepaliveTime = Math.floor(c.holdTime / 3);
  if (c.connectRetryTime !== undefined) timers.connectRetryTime = c.connectRetryTime;
  const sec = (d: number) => d / s(1);
  if (c.connectDelay !== undefined) timers.firstConnectDelay = [sec(c.connectDelay), sec(c.connectDelay)];
  if (c.errorWaitTime !== undefined) timers.errorWaitTime = c.errorWaitTime.map(sec);
  if (c.idleHoldTime !== undefined) timers.idleHoldTime = sec(c.idleHoldTime);
  if (c.initialUpdateDelay !== undefined) {
    timers.updateCoalesceTime = sec(c.initialUpdateDelay);
    timers.updateCoalescePerPeer = 0;
  }
  const input: Record<string, unknown> = { profile: c.profile ?? 'frr' };
  if (Object.keys(timers).length) input.timers = timers;
  if (gr) {
    const pf = gr.preserveForwarding;
    // A family list: F set for those tuples only (RFC 4724 §3), the others listed with F = 0.
    input.gr = definedOnly({
      ...gr,
      preserveForwarding: Array.isArray(pf) ? true : pf,
      forwardingAfiSafis: Array.isArray(pf) ? pf.map(afiSafiOf) : undefined,
    });
  }
  input.afiSafis = families.map(afiSafiOf);
  if (c.llgr) {
    input.llgr = definedOnly({
      advertise:
        c.llgr.enabled === false ? 'none' : c.llgr.enabled || c.llgr.staleTime !== undefined ? 'tuples' : undefined,
      staleTime: c.llgr.staleTime,
    });
  }
  if (c.maxPrefix !== undefined) input.maxPrefix = c.maxPrefix;
  if (c.bfd?.graceful !== undefined) input.behaviour = { bfdDown: c.bfd.graceful ? 'graceful' : 'notify-flush' };
  return input as PeerConfigInput;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function bfdSpec(c: BgpSideConfig): BfdSpec | null {
  const b = c.bfd;
  if (!b || b.enabled === false) return null;
  const check = b.checkControlPlaneFailure ?? false;
  return {
    transmitInterval: b.transmitInterval ?? BFD_DEFAULTS.transmitInterval,
    receiveInterval: b.receiveInterval ?? BFD_DEFAULTS.receiveInterval,
    detectMultiplier: b.detectMultiplier ?? BFD_DEFAULTS.detectMultiplier,
    // FRR sets the C bit in its own packets with check-control-plane-failure (gr-reference §2.8 item 6).
    controlPlaneIndependent: b.controlPlaneIndependent ?? check,
    checkControlPlaneFailure: check,
  };
}

function ecmpSpec(e: Scenario['routers'][number]['ecmp']): EcmpSpec {
  switch (e.type) {
    case 'resilient':
      return {
        type: 'resilient',
        buckets: e.buckets ?? 0,
        idleTimer: e.idleTimer ?? s(120),
        unbalancedTimer: e.unbalancedTimer ?? (0 as Duration),
      };
    case 'maglev':
      return { type: 'maglev', tableSize: e.tableSize ?? 65_537 };
    default:
      return { type: e.type };
  }
}

function blockOf(b: { from: string; count: number }): PrefixBlock {
  const [addr, len] = b.from.split('/');
  return { first: addr.split('.').reduce((a, o) => a * 256 + Number(o), 0), length: Number(len), count: b.count };
}

/** Each node's prefix block: its own `prefixes`, else its share of `prefixesPerNode` (node i after node i−1). */
function prefixBlocks(sc: Scenario, errors: string[]): (PrefixBlock | null)[] {
  let shared = sc.prefixesPerNode ? blockOf(sc.prefixesPerNode) : null;
  return sc.nodes.map((n, i) => {
    if (n.prefixes) return blockOf(n.prefixes);
    if (shared === null) return null;
    const mine = shared;
    if (mine.first + mine.count * blockStride(mine) > 2 ** 32) {
      errors.push(
        `prefixesPerNode.count: ${mine.count} prefixes for each of ${sc.nodes.length} nodes from ${sc.prefixesPerNode!.from} run past 255.255.255.255 at nodes[${i}]`,
      );
      shared = null;
      return null;
    }
    shared = nextBlock(mine);
    return mine;
  });
}
