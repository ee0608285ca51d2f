/**
 * One process of a scenario as live/ plays it: its speaker configuration exactly as the simulated
 * world builds it (sim/world/processes.ts speakerConfig, from sim/scenario/build.ts), the prefixes
 * it originates, and the faults that concern it. `name` is a node (its MetalLB speaker) or a router
 * (its bgpd; a second stalepath speaker in tests, with no upstream peers).
 */
import { buildWorldSpec, type FaultSpec, type Scenario, type SpeakerConfig, speakerConfig } from '../sim/index.js';

export interface LiveSetup {
  readonly config: SpeakerConfig;
  readonly prefixes: readonly string[];
  readonly faults: readonly FaultSpec[];
  /** Microseconds the process has been up at t = 0. */
  readonly uptime: number;
  /** The peers' names (session order). */
  readonly peers: readonly string[];
}

export type SetupResult = { ok: true; setup: LiveSetup } | { ok: false; errors: string[] };

export function liveSetup(sc: Scenario, name: string, seed = sc.seed): SetupResult {
  const built = buildWorldSpec(sc, seed);
  if (!built.ok) return built;
  const spec = built.spec;
  const node = spec.nodes.find((n) => n.name === name);
  const router = spec.routers.find((r) => r.name === name);
  if (!node && !router)
    return {
      ok: false,
      errors: [`no node or router named '${name}' (nodes: ${spec.nodes.map((n) => n.name).join(', ')})`],
    };
  const sessions = spec.sessions.filter((s) => (node ? s.node === name : s.router === name));
  const peers = node
    ? sessions.map((s) => {
        const peer = spec.routers.find((r) => r.name === s.router)!;
        return { peer, config: s.speaker.config, transport: peer.transport };
      })
    : sessions.map((s) => {
        const r = spec.routers.find((x) => x.name === s.router)!;
        return {
          peer: spec.nodes.find((n) => n.name === s.node)!,
          config: s.routerSide.config,
          transport: r.transport,
        };
      });
  const self = (node ?? router)!;
  const config: SpeakerConfig = {
    ...speakerConfig(self, false, peers),
    ...(router ? { maximumPaths: router.maximumPaths } : {}),
  };
  const prefixes = node
    ? spec.services
        .filter((sv) => sv.externalTrafficPolicy === 'Cluster' || sv.endpoints.includes(name))
        .map((sv) => sv.prefix)
    : [];
  return {
    ok: true,
    setup: { config, prefixes, faults: spec.faults, uptime: self.uptime, peers: peers.map((p) => p.peer.name) },
  };
}
