// Checked MetalLB resources (+ the router's configuration) → a stalepath scenario, the way
// MetalLB's FRR mode renders them (gr-reference §2.10, users.md §1). Pure.
//
// What MetalLB renders when a field is absent, and so what the scenario gets:
// - no holdTime/keepaliveTime → no `neighbor X timers` line → FRR traditional hold 180 s / keepalive 60 s;
//   only holdTime → keepalive = hold/3; only keepaliveTime → hold = 3 × keepalive (config.go parseTimers);
//   both rendered in whole seconds, truncated (frr.go: `*s.HoldTime / time.Second`).
// - enableGracefulRestart: true → `neighbor X graceful-restart` (Restart mode, Restart Time 120 s) and the
//   global `bgp graceful-restart preserve-fw-state` (F bit set); absent → global Helper mode: the GR
//   capability carries no AFI/SAFI tuple, so no router keeps the speaker's routes (RFC 4724 §4.2).
// - `frr defaults traditional` with `frr version 8.0` → `bgp graceful-restart notification` off: N bit 0.
// - a BFDProfile field absent → FRR's 300 ms receive / 300 ms transmit / multiplier 3.
import { defaultNodeAddress6, defaultRouterAddress } from '../scenario/addresses.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { neighborFamilies, prefixesFor } from './frr-families.js';
import { formatNs, wholeSecondsOf } from './go-duration.js';
import { familyOf, fromBig, toBig } from './ip.js';
import type { BfdProfileResource, BgpPeerResource, Manifests } from './manifests.js';
import { nodesFor } from './nodes.js';
import { type ImportNote, type Origin, originWhere } from './notes.js';
import type { RouterConfig } from './router-config.js';
import { servicesFor } from './services.js';

export type EcmpType = 'modulo' | 'hash-threshold' | 'resilient' | 'maglev' | 'rendezvous';

export interface TranslateOptions {
  /** Number of Kubernetes nodes, each running a speaker. */
  readonly nodes: number;
  /** Whether the user gave --nodes (Node objects in the manifests win over it, with a note). */
  readonly nodesGiven?: boolean;
  /** Profile of the upstream routers (`frr`, `bird`, `cisco-ios-xe`, …). */
  readonly routerProfile: string;
  readonly ecmp: EcmpType;
  /** Linux resilient nexthop groups need a bucket count. */
  readonly buckets?: number;
  readonly name: string;
  /** Manifest file names for the description (base names: the scenario must not depend on paths). */
  readonly files: readonly string[];
  /** `--router-config`, already parsed, and its file name. */
  readonly routerConfig?: { readonly file: string; readonly config: RouterConfig };
}

export interface TranslateResult {
  readonly scenario?: ScenarioInput;
  readonly errors: string[];
  readonly notes: ImportNote[];
}

/** MetalLB FRR-mode facts (gr-reference §2.10, users.md §1). */
export const METALLB_FRR = {
  profile: 'metallb',
  holdTime: 180,
  keepaliveTime: 60,
  restartTime: 120,
  bfdIntervalMs: 300,
  bfdMultiplier: 3,
} as const;

/** The speaker side that one BGPPeer renders to. */
interface SpeakerSide {
  readonly peer: BgpPeerResource;
  readonly holdTime: number;
  readonly keepaliveTime: number;
  readonly connectRetryTime?: number;
  readonly gr: boolean;
  readonly bfd?: { readonly profile: string; readonly tx: number; readonly rx: number; readonly mult: number };
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

export function translate(m: Manifests, o: TranslateOptions): TranslateResult {
  const errors: string[] = [];
  const notes: ImportNote[] = [];
  const note = (level: ImportNote['level'], where: string, message: string) => notes.push({ level, where, message });
  const short: string[] = []; // defaults, for the description

  errors.push(...checkReferences(m));
  const profiles = new Map(m.bfdProfiles.map((p) => [p.name, p]));
  if (m.peers.length === 0 && errors.length === 0) {
    errors.push('no BGPPeer in the manifests: there is no BGP session to simulate');
  }
  if (errors.length > 0) return { errors, notes };

  // --- routers: one per distinct peer address ---
  const byAddress = new Map<string, BgpPeerResource[]>();
  for (const p of m.peers) byAddress.set(p.peerAddress, [...(byAddress.get(p.peerAddress) ?? []), p]);
  const groups = [...byAddress.values()];
  const chosen = groups.map((g) => g[g.length - 1]);
  for (const g of groups) {
    if (g.length < 2) continue;
    const last = g[g.length - 1];
    note(
      'warning',
      originWhere(last.origin),
      `${g.length} BGPPeers name ${last.peerAddress} (${g.map((p) => p.name).join(', ')}): MetalLB's FRR mode keeps one session per peer address, ASN and VRF, and which object's settings win depends on Go map order; stalepath uses the last one given, ${last.name}`,
    );
  }

  // --- speaker side per router, as MetalLB renders each chosen BGPPeer ---
  const sides = chosen.map((p) => speakerSide(p, profiles, note, short));
  const base = sides[0];
  const bfdSource = sides.find((sd) => sd.bfd !== undefined);
  sides.forEach((sd, i) => {
    if (i === 0) return;
    const diffs: string[] = [];
    if (sd.gr !== base.gr) diffs.push(`enableGracefulRestart ${sd.gr} (vs ${base.gr})`);
    if (sd.holdTime !== base.holdTime || sd.keepaliveTime !== base.keepaliveTime)
      diffs.push(`timers ${sd.keepaliveTime}/${sd.holdTime} (vs ${base.keepaliveTime}/${base.holdTime})`);
    if (sd.connectRetryTime !== base.connectRetryTime) diffs.push('connectTime');
    if (sd.peer.myASN !== base.peer.myASN) diffs.push(`myASN ${sd.peer.myASN} (vs ${base.peer.myASN})`);
    if (sd.bfd && bfdSource?.bfd && !sameBfd(sd.bfd, bfdSource.bfd))
      diffs.push(`BFD profile ${sd.bfd.profile} (vs ${bfdSource.bfd.profile})`);
    if (diffs.length > 0) {
      note(
        'warning',
        originWhere(sd.peer.origin, ['spec']),
        `differs from BGPPeer ${base.peer.name} in ${diffs.join(', ')}: a scenario has one speaker configuration for every session, so stalepath uses ${base.peer.name}'s${
          diffs.some((d) => d.startsWith('BFD')) ? ` (and ${bfdSource?.peer.name}'s BFD profile)` : ''
        }`,
      );
    }
  });
  const speaker: NonNullable<ScenarioInput['speaker']> = {
    profile: METALLB_FRR.profile,
    holdTime: base.holdTime,
    keepaliveTime: base.keepaliveTime,
    ...(base.connectRetryTime !== undefined ? { connectRetryTime: base.connectRetryTime } : {}),
    gracefulRestart: base.gr
      ? { mode: 'restart', restartTime: METALLB_FRR.restartTime, preserveForwarding: true, notification: false }
      : { mode: 'helper', notification: false },
    ...(bfdSource?.bfd
      ? {
          bfd: {
            enabled: true,
            transmitInterval: `${bfdSource.bfd.tx}ms`,
            receiveInterval: `${bfdSource.bfd.rx}ms`,
            detectMultiplier: bfdSource.bfd.mult,
          },
        }
      : {}),
  };

  // --- nodes ---
  const rc = o.routerConfig;
  const nodeAsn = base.peer.myASN;
  const neighborAddrs = [
    ...new Set((rc?.config.neighbors ?? []).map((n) => n.address).filter((a) => familyOf(a) === 'IPv4')),
  ];
  const { nodes, byKubeName } = nodesFor(
    m,
    o,
    nodeAsn,
    neighborAddrs,
    chosen.map((p) => p.peerAddress),
    note,
  );
  for (const p of chosen) {
    if (p.hasNodeSelectors) {
      note(
        'ignored',
        originWhere(p.origin, ['spec', 'nodeSelectors']),
        m.kube.nodes.length > 0
          ? 'node labels are not read: every node peers with this router'
          : 'nodes are synthetic (--nodes) and carry no labels: every node peers with this router',
      );
    }
  }

  // --- routers ---
  const routerNames = new Set<string>();
  const routers = chosen.map((p, i) => {
    let name = NAME_RE.test(p.name) && p.name.length <= 63 ? p.name : `router-${i + 1}`;
    if (routerNames.has(name)) name = `${name}-${i + 1}`;
    routerNames.add(name);
    return routerFor(p, name, sides[i], o, note, nodes.length);
  });
  identifyIpv6Routers(routers, nodes, note);
  if (rc) {
    const c = rc.config;
    for (const l of c.applied) note('set', `${rc.file}:${l.line}`, `"${l.text}" → ${l.sets}`);
    for (const l of c.ignored) note('ignored', `${rc.file}:${l.line}`, `"${l.text}": ${l.why}`);
    if (routers.length > 1) {
      note(
        'assumed',
        rc.file,
        `one router configuration for all ${routers.length} routers (${routers.map((r) => r.name).join(', ')})`,
      );
    }
    const asns = [...new Set(chosen.map((p) => p.peerASN))];
    if (c.asn !== undefined && !asns.includes(c.asn)) {
      note('warning', rc.file, `router bgp ${c.asn} is not the peerASN of any BGPPeer (${asns.join(', ')})`);
    }
    for (const n of c.neighbors) {
      if (n.remoteAs !== undefined && n.remoteAs !== nodeAsn) {
        note(
          'warning',
          `${rc.file}:${n.line}`,
          `neighbor ${n.address} remote-as ${n.remoteAs} is not myASN ${nodeAsn}`,
        );
      }
    }
    if (c.neighbors.length > 0 && c.neighbors.length < o.nodes) {
      note(
        'assumed',
        rc.file,
        `the router config names ${c.neighbors.length} neighbor${c.neighbors.length === 1 ? '' : 's'}; every router is assumed to peer with all ${o.nodes} nodes, as MetalLB speakers run on every node`,
      );
    }
  }

  // --- services: one per advertised pool ---
  const { services, first: clientServices } = servicesFor({
    m,
    chosen,
    nodeNames: byKubeName,
    scenarioNodes: nodes.map((n) => n.name),
    note,
    errors,
  });
  if (errors.length > 0) return { errors, notes };
  // The routers' families are written out once IPv6 is in play (an IPv4-only import keeps the
  // scenario's default, the services' families, which is then what MetalLB activates too).
  if (familyNotes(chosen, services, note) === 'single-stack') for (const r of routers) delete r.families;

  // --- what the scenario runs ---
  const restartNode = nodes[0].name;
  note(
    'assumed',
    'workload, faults',
    `10,000 client connections on the first service (${
      clientServices.length > 1
        ? `${clientServices.join(' and ')}, its two families: each connection picks one with equal odds`
        : clientServices[0]
    }); the speaker pod on ${restartNode} restarts at 60 s and is back 20 s later; 10 minutes (edit the scenario to change)`,
  );
  const peersLine = chosen
    .map(
      (p) =>
        `${p.name} (${p.peerAddress}, AS ${p.peerASN}${p.enableGracefulRestart ? ', GR' : ''}${p.bfdProfile ? `, BFD ${p.bfdProfile}` : ''})`,
    )
    .join('; ');
  const description =
    `Imported by \`stalepath import metallb\` from ${o.files.join(', ')}: ${m.peers.length} BGPPeer${
      m.peers.length === 1 ? '' : 's'
    } → ${routers.length} router${routers.length === 1 ? '' : 's'}: ${peersLine}; ${o.nodes} node${
      o.nodes === 1 ? '' : 's'
    } (AS ${nodeAsn}); services ${services.map((s) => `${s.name} ${s.prefix}`).join(', ')}. ` +
    `Defaults applied as MetalLB's FRR mode renders them: ${[...new Set(short)].join('; ')}. ` +
    `The speaker pod on ${restartNode} restarts at 60 s (SIGTERM: TCP closed without a NOTIFICATION) and is back 20 s later.`;

  const scenario: ScenarioInput = {
    name: o.name,
    title: `MetalLB manifests: speaker restart on ${restartNode}`,
    description,
    questions: [1],
    seed: 1,
    duration: '10m',
    speaker,
    nodes,
    routers,
    services,
    workload: {
      clients: 10_000,
      arrivalRate: 50,
      initialConnections: 10_000,
      connectionDuration: { type: 'exponential', mean: '200s' },
      packetRate: 10,
      packetSize: 800,
      // A dual-stack service is two scenario services: the clients use both (schema: workload.service).
      service: clientServices.length > 1 ? clientServices : clientServices[0],
    },
    faults: [{ type: 'speaker-restart', at: '60s', node: restartNode, downtime: '20s' }],
  };
  return { scenario, errors, notes };
}

/** Duplicates and dangling names, as config.go bfdProfilesFor, peersFor and poolsFor reject them. */
export function checkReferences(m: Manifests): string[] {
  const errors: string[] = [];
  const dup = (what: string, items: readonly { origin: Origin; name: string }[]) => {
    const seen = new Set<string>();
    for (const it of items) {
      if (seen.has(it.name))
        errors.push(`${originWhere(it.origin, ['metadata', 'name'])}: duplicate ${what} "${it.name}"`);
      seen.add(it.name);
    }
  };
  dup('BFDProfile', m.bfdProfiles);
  dup('BGPPeer', m.peers);
  dup('IPAddressPool', m.pools);
  const known = [...new Set(m.bfdProfiles.map((p) => p.name))];
  for (const ref of m.bfdProfileRefs) {
    if (known.includes(ref.name)) continue;
    errors.push(
      `${originWhere(ref.origin, ['spec', 'bfdProfile'])}: names no BFDProfile ("${ref.name}"; ${
        known.length ? `known: ${known.join(', ')}` : 'no BFDProfile was given'
      })`,
    );
  }
  return errors;
}

function sameBfd(a: NonNullable<SpeakerSide['bfd']>, b: NonNullable<SpeakerSide['bfd']>): boolean {
  return a.tx === b.tx && a.rx === b.rx && a.mult === b.mult;
}

type Note = (level: ImportNote['level'], where: string, message: string) => void;

function speakerSide(
  p: BgpPeerResource,
  profiles: Map<string, BfdProfileResource>,
  note: Note,
  short: string[],
): SpeakerSide {
  const w = (f: string) => originWhere(p.origin, ['spec', f]);
  let holdTime: number = METALLB_FRR.holdTime;
  let keepaliveTime: number = METALLB_FRR.keepaliveTime;
  if (p.holdTime === undefined && p.keepaliveTime === undefined) {
    note(
      'default',
      w('holdTime'),
      `absent, and so is keepaliveTime: MetalLB renders no "neighbor ${p.peerAddress} timers" line, so FRR's traditional hold 180 s / keepalive 60 s apply`,
    );
    short.push('no neighbor timers, so hold 180 s / keepalive 60 s (FRR traditional)');
  } else {
    // config.go parseTimers, then whole seconds as frr.go renders them.
    const hold = p.holdTime ?? (p.keepaliveTime as bigint) * 3n;
    const ka = p.keepaliveTime ?? hold / 3n;
    holdTime = wholeSecondsOf(hold);
    keepaliveTime = wholeSecondsOf(ka);
    if (p.keepaliveTime === undefined) {
      note('default', w('keepaliveTime'), `absent: keepalive = holdTime / 3 = ${formatNs(ka)} (MetalLB parseTimers)`);
      short.push('keepalive = hold / 3');
    }
    if (p.holdTime === undefined) {
      note('default', w('holdTime'), `absent: hold = 3 × keepaliveTime = ${formatNs(hold)} (MetalLB parseTimers)`);
      short.push('hold = 3 × keepalive');
    }
    if (hold % 1_000_000_000n !== 0n || ka % 1_000_000_000n !== 0n) {
      note(
        'default',
        w(p.holdTime !== undefined ? 'holdTime' : 'keepaliveTime'),
        `rendered in whole seconds, truncated: "neighbor ${p.peerAddress} timers ${keepaliveTime} ${holdTime}"`,
      );
    }
  }
  const connectRetryTime = p.connectTime !== undefined ? wholeSecondsOf(p.connectTime) : undefined;
  if (connectRetryTime === undefined) {
    note('default', w('connectTime'), 'absent: no "timers connect" line; the profile\'s connect-retry time applies');
  }
  if (p.enableGracefulRestart) {
    note(
      'default',
      w('enableGracefulRestart'),
      'true: Restart mode, Restart Time 120 s (FRR default; MetalLB sets none), F bit set (bgp graceful-restart preserve-fw-state), N bit off (frr defaults traditional), LLGR stale time 0',
    );
    short.push('GR Restart mode, Restart Time 120 s, F bit set, N bit off');
  } else {
    note(
      'default',
      w('enableGracefulRestart'),
      "absent or false: GR Helper mode only; the capability lists no address family, so routers keep none of the speaker's routes when it restarts (RFC 4724 §4.2)",
    );
    short.push('GR off: Helper mode only (routers keep nothing)');
  }
  let bfd: SpeakerSide['bfd'];
  if (p.bfdProfile !== undefined) {
    const prof = profiles.get(p.bfdProfile) as BfdProfileResource;
    const pw = (f: string) => originWhere(prof.origin, ['spec', f]);
    const ms = METALLB_FRR.bfdIntervalMs;
    if (prof.receiveInterval === undefined) note('default', pw('receiveInterval'), `absent: ${ms} ms (FRR default)`);
    if (prof.transmitInterval === undefined) note('default', pw('transmitInterval'), `absent: ${ms} ms (FRR default)`);
    if (prof.detectMultiplier === undefined)
      note('default', pw('detectMultiplier'), `absent: ${METALLB_FRR.bfdMultiplier} (FRR default)`);
    bfd = {
      profile: prof.name,
      rx: prof.receiveInterval ?? ms,
      tx: prof.transmitInterval ?? ms,
      mult: prof.detectMultiplier ?? METALLB_FRR.bfdMultiplier,
    };
    short.push(`BFD ${bfd.tx} ms × ${bfd.mult} (profile ${prof.name}), no check-control-plane-failure`);
  }
  return { peer: p, holdTime, keepaliveTime, connectRetryTime, gr: p.enableGracefulRestart, bfd };
}

function routerFor(
  p: BgpPeerResource,
  name: string,
  side: SpeakerSide,
  o: TranslateOptions,
  note: Note,
  nodeCount: number,
): ScenarioInput['routers'][number] {
  const rc = o.routerConfig?.config;
  const where = `routers ${name} (${p.peerAddress})`;
  const bgp: NonNullable<ScenarioInput['routers'][number]['bgp']> = { profile: o.routerProfile };
  if (rc) {
    const c = rc.bgp;
    if (c.gracefulRestart) bgp.gracefulRestart = { ...c.gracefulRestart };
    else
      note(
        'default',
        where,
        `the router config sets no graceful-restart line: profile ${o.routerProfile}'s GR mode applies`,
      );
    if (c.llgr) bgp.llgr = { ...c.llgr };
    if (c.holdTime !== undefined) bgp.holdTime = c.holdTime;
    if (c.keepaliveTime !== undefined) bgp.keepaliveTime = c.keepaliveTime;
    if (c.bfd) bgp.bfd = { ...c.bfd };
  } else {
    note(
      'default',
      where,
      `no --router-config: profile ${o.routerProfile} defaults for the router side (its GR mode, restart and stale-path timers, hold time)`,
    );
  }
  // BFD needs both ends: MetalLB renders `neighbor X bfd` only with a bfdProfile.
  if (side.bfd) {
    if (!rc) {
      bgp.bfd = { enabled: true };
      note(
        'assumed',
        where,
        `BGPPeer ${p.name} has bfdProfile ${side.bfd.profile}: the router is assumed to run BFD for its neighbors (FRR defaults 300 ms × 3)`,
      );
    } else if (!rc.bgp.bfd?.enabled) {
      note(
        'warning',
        where,
        `BGPPeer ${p.name} has bfdProfile ${side.bfd.profile} but the router config has no "neighbor … bfd": no BFD session comes up`,
      );
    }
  } else if (bgp.bfd?.enabled) {
    bgp.bfd = { enabled: false };
    note(
      'warning',
      where,
      `the router config runs BFD, but BGPPeer ${p.name} has no bfdProfile so MetalLB renders no "neighbor ${p.peerAddress} bfd": no BFD session`,
    );
  }
  const ibgp = p.peerASN === p.myASN;
  const maximumPaths = ibgp ? rc?.maximumPathsIbgp : rc?.maximumPaths;
  if (rc && maximumPaths === undefined) {
    note('default', where, `no "maximum-paths${ibgp ? ' ibgp' : ''}" line: 64 paths, enough for ${nodeCount} nodes`);
  }
  // An IPv6 peerAddress is an IPv6 session (MetalLB BGPPeer peerAddress; FRR `neighbor <ipv6>`): the
  // router's address6 and transport; its IPv4 `address` (the BGP Identifier, RFC 6286 §2.1) is not in
  // the manifests and is left to the scenario's default. The activated families follow frr-families.ts.
  const v6 = p.family === 'IPv6';
  return {
    name,
    asn: p.peerASN,
    ...(v6
      ? { address6: fromBig(toBig(p.peerAddress), 'IPv6'), transport: 'ipv6' as const }
      : { address: p.peerAddress }),
    families: neighborFamilies(p).map((f) => (f === 'IPv4' ? 'ipv4-unicast' : 'ipv6-unicast')),
    bgp,
    ecmp: o.ecmp === 'resilient' ? { type: 'resilient', buckets: o.buckets } : { type: o.ecmp },
    hash: { fields: '5-tuple' },
    ...(maximumPaths !== undefined ? { maximumPaths } : {}),
  };
}

/**
 * An IPv6 peer's BGP Identifier (its IPv4 `address`, RFC 6286 §2.1) is not in the manifests: the
 * scenario's default for its position, unless another node or router already holds that address,
 * then the next free one, written out. Either way an `assumed` line says which.
 */
function identifyIpv6Routers(
  routers: ScenarioInput['routers'],
  nodes: readonly { name: string; address: string; address6?: string }[],
  note: Note,
): void {
  const used = new Set<string>([...nodes.map((n) => n.address), ...routers.flatMap((r) => r.address ?? [])]);
  routers.forEach((r, i) => {
    if (r.address !== undefined) return;
    let id = defaultRouterAddress(i);
    const free = !used.has(id);
    for (let k = 0; used.has(id); k++) id = defaultRouterAddress(routers.length + k);
    used.add(id);
    if (!free) r.address = id;
    note(
      'assumed',
      `routers ${r.name} (${r.address6})`,
      `an IPv6 peer: sessions run over IPv6 to ${r.address6}; its BGP Identifier (router-id) is not in the manifests, ${id} is assumed${
        free ? " (the scenario's default)" : ''
      }`,
    );
  });
  const v6 = routers.filter((r) => r.transport === 'ipv6').map((r) => r.name);
  const without = nodes.flatMap((n, i) => (n.address6 === undefined ? [`${n.name} ${defaultNodeAddress6(i)}`] : []));
  if (v6.length > 0 && without.length > 0) {
    note(
      'assumed',
      'nodes',
      `IPv6 addresses for the sessions to ${v6.join(', ')} are not in the manifests: the scenario's defaults (${without.join(', ')})`,
    );
  }
}

/**
 * Which router hears which family, as MetalLB's FRR mode renders it (frr-families.ts; the routers'
 * `families` say the same): a line per router, and a warning for a family no router carries.
 */
function familyNotes(
  chosen: readonly BgpPeerResource[],
  services: readonly { name: string; prefix: string }[],
  note: Note,
): 'single-stack' | 'ipv6' {
  const prefixes = services.map((s) => s.prefix);
  const families = new Set(prefixes.map((x) => familyOf(x.split('/')[0])));
  if (!(families.has('IPv6') || chosen.some((p) => p.family === 'IPv6' || p.dualStackAddressFamily)))
    return 'single-stack';
  for (const p of chosen) {
    const fams = neighborFamilies(p);
    const sent = prefixesFor(p, prefixes);
    const withheld = prefixes.filter((x) => !sent.includes(x));
    note(
      'set',
      originWhere(p.origin, ['spec', p.dualStackAddressFamily ? 'dualStackAddressFamily' : 'peerAddress']),
      `${p.peerAddress}: MetalLB activates address-family ${fams.map((f) => `${f.toLowerCase()} unicast`).join(' and ')} for this neighbor, so it is sent ${sent.join(', ') || 'no prefix'}${
        withheld.length > 0 ? ` and not ${withheld.join(', ')}` : ''
      } (internal/bgp/frr/frr.go)`,
    );
  }
  for (const f of ['IPv4', 'IPv6'] as const) {
    const own = prefixes.filter((x) => familyOf(x.split('/')[0]) === f);
    if (own.length > 0 && !chosen.some((p) => neighborFamilies(p).includes(f))) {
      note('warning', 'services', `no BGPPeer carries ${f}: MetalLB announces ${own.join(', ')} to no router`);
    }
  }
  return 'ipv6';
}
