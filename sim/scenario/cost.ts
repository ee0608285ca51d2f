/**
 * What a run will cost, estimated from the validated scenario before anything runs: agenda events
 * (time) and peak memory. `cost-budget.ts` refuses a run beyond the budget; `stalepath sweep`
 * multiplies the per-run figure by the run count.
 *
 * The model follows where the agenda's events come from (DESIGN.md "traffic between routing
 * events is bulk" and "steady-state periodic traffic is implied"):
 * - traffic: one unit of work per client arrival and one per connection end inside the run (in
 *   bulk, sim/world/traffic.ts, these are no agenda events but each still costs its draws and
 *   closed-form sums: `events` estimates the per-connection reference's events, that work; in
 *   quiet windows, the default, only the connections a routing event touches cost anything, so
 *   for a run with few faults this is an upper bound, by up to the arrivals' count);
 * - BGP: nothing in steady state for a session whose two ends send KEEPALIVEs at a fixed interval
 *   (implied: sim/world/keepalive-pairs.ts); every KEEPALIVE of both ends (RFC 4271 §4.4) of a
 *   session with a jittered sender (RFC 4271 §10: BIRD, GoBGP, IOS XE), which stays per message;
 *   plus a re-establishment (OPEN, UPDATEs per service, End-of-RIB, timers) per session a fault
 *   touches;
 * - BFD: nothing in steady state (implied), except when a packet is always in flight (the
 *   interval under the link latency: never steady, so every packet is an event), plus per fault the
 *   Down session's 1 s slow packets (RFC 5880 §6.8.3) for as long as it stays down and a few
 *   packets of the way back to Up;
 * - memory: a fixed base, the connection table (measured by `npm run bench -- dataplane`: 80 B per
 *   live connection, doubled for the table's growth slack) and the RIBs (sessions × services).
 *
 * Calibrated against every bundled and review scenario (cost.test.ts): the estimate is within
 * COST_CALIBRATION_FACTOR of the run's real `events`, either way.
 */
import { s } from '../base/time.js';
import type { SessionSpec } from '../world/index.js';
import { buildWorldSpec } from './build.js';
import type { Distribution, FaultConfig, Scenario } from './schema.js';

/** The estimate is within this factor of a run's real event count (checked in cost.test.ts). */
export const COST_CALIBRATION_FACTOR = 3;

/** Measured: `npm run bench -- dataplane` "bytes per live connection" (80 B); ×2 for growth slack. */
export const BYTES_PER_LIVE_CONNECTION = 160;
/** Heap of a built world with no traffic (modules, profiles, agenda): measured ~16 MB, rounded up. */
export const BASE_BYTES = 32 * 2 ** 20;
/** Adj-RIB-In/Out and Loc-RIB entries of one route on one session, generous. */
const BYTES_PER_SESSION_ROUTE = 4096;
/** Agenda events per KEEPALIVE: the send and its delivery (calibrated). */
const EVENTS_PER_KEEPALIVE = 2;
/** Events per connection on a path a fault touches: retransmissions, a reset, a reconnect (calibrated). */
const EVENTS_PER_DISRUPTED_CONNECTION = 0.5;
/** Events of one session's re-establishment (connect, OPENs, timers), before its UPDATEs (calibrated). */
const EVENTS_PER_SESSION_RESTART = 40;
const EVENTS_PER_ROUTE_UPDATE = 4;
/** RFC 5880 §6.8.3: a session not Up sends no faster than once a second. */
const BFD_SLOW_INTERVAL = s(1);
/** Packets of the handshake back to Up and the poll sequence to the fast rate (calibrated). */
const BFD_EVENTS_PER_RECOVERY = 40;
/** Measured on this project's runs: 1.8–3.5 µs of wall time per agenda event. */
export const SECONDS_PER_EVENT = 3.5e-6;

export interface CostEstimate {
  /** Agenda events the run will execute, all causes. */
  readonly events: number;
  readonly memoryBytes: number;
  /** The parts, for messages and tests. */
  readonly arrivals: number;
  readonly connectionEnds: number;
  readonly liveConnections: number;
  readonly bgpEvents: number;
  readonly bfdEvents: number;
  /** Wall-clock seconds on one core, from SECONDS_PER_EVENT. */
  readonly seconds: number;
}

/** Mean of a duration distribution, µs (Infinity when it has none worth the name). */
function meanOf(d: Distribution): number {
  switch (d.type) {
    case 'fixed':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
  }
}

function downtimeOf(f: FaultConfig): number | undefined {
  if (!('downtime' in f) || f.downtime === undefined) return undefined;
  return typeof f.downtime === 'number' ? f.downtime : meanOf(f.downtime);
}

/** Sessions a fault touches (node faults: all its routers; router faults: all its nodes). */
function touched(f: FaultConfig, sessions: readonly SessionSpec[]): readonly SessionSpec[] {
  switch (f.type) {
    case 'speaker-restart':
    case 'speaker-stop':
    case 'speaker-start':
    case 'node-crash':
    case 'node-recover':
    case 'node-drain':
    case 'policy-change':
      return sessions.filter((x) => x.node === f.node);
    case 'router-restart':
      return sessions.filter((x) => x.router === f.router);
    case 'bfd-down':
    case 'peer-reset':
      return sessions.filter((x) => x.node === f.node && x.router === f.router);
    case 'link-down':
    case 'link-up':
      return sessions.filter((x) => f.between.includes(x.node) && f.between.includes(x.router));
    case 'notification':
      return sessions.filter((x) => [f.from, f.to].includes(x.node) && [f.from, f.to].includes(x.router));
    case 'endpoint-change':
      return sessions;
  }
}

/** KEEPALIVEs of one end over `span` µs: its own interval, or a third of the negotiated hold time. */
function keepalives(mine: SessionSpec['speaker'], theirs: SessionSpec['speaker'], span: number): number {
  const hold = Math.min(mine.config.timers.holdTime, theirs.config.timers.holdTime);
  if (hold === 0) return 0; // RFC 4271 §4.4: hold time 0, no KEEPALIVEs
  // RFC 4271 §4.4: one third of the negotiated hold time, or the configured interval if shorter.
  const third = Math.floor(hold / 3);
  const every = mine.config.timers.keepaliveTime > 0 ? Math.min(mine.config.timers.keepaliveTime, third) : third;
  return every > 0 ? span / s(every) : 0;
}

/** A KEEPALIVE sender whose interval is drawn per period: its session is never implied. */
function jittered(side: SessionSpec['speaker']): boolean {
  const [lo, hi] = side.config.timers.keepaliveJitter;
  return lo !== hi;
}

/** Interval of the packets `tx` sends to `rx` (RFC 5880 §6.8.7: the slower of the two wishes). */
function bfdInterval(tx: SessionSpec['speaker'], rx: SessionSpec['speaker']): number {
  return Math.max(tx.bfd!.transmitInterval, rx.bfd!.receiveInterval);
}

export function estimateCost(sc: Scenario): CostEstimate {
  const w = sc.workload;
  const trafficSpan = Math.max(0, sc.duration - (w.startAt ?? 0));
  const T = trafficSpan / s(1);
  const meanS = meanOf(w.connectionDuration) / s(1);
  const arrivals = w.arrivalRate * T;
  // Exponential lifetimes: a share 1 − e^(−T/m) of the connections open at the start end inside
  // the run, and of the arrivals all but those still open at the end (rate · m · (1 − e^(−T/m))).
  const endShare = Number.isFinite(meanS) && meanS > 0 ? -Math.expm1(-T / meanS) : meanS === 0 ? 1 : 0;
  const stillOpen = Number.isFinite(meanS) && meanS > 0 ? w.arrivalRate * meanS * endShare : 0;
  const connectionEnds = w.initialConnections * endShare + Math.max(0, arrivals - stillOpen);
  const liveConnections = w.initialConnections + w.arrivalRate * Math.min(meanS, T);

  const built = buildWorldSpec(sc, sc.seed);
  const sessions = built.ok ? built.spec.sessions : [];
  const latency = new Map<string, number>();
  if (built.ok) for (const l of built.spec.links) latency.set([l.a, l.b].sort().join('|'), l.latency);
  const linkLatency = (x: SessionSpec) => latency.get([x.node, x.router].sort().join('|')) ?? sc.defaultLatency;

  let bgpEvents = 0;
  let bfdEvents = 0;
  /** Share of the connections whose path some fault touches (each counted once at most). */
  let disrupted = 0;
  for (const x of sessions) {
    if (jittered(x.speaker) || jittered(x.routerSide))
      bgpEvents +=
        EVENTS_PER_KEEPALIVE *
        (keepalives(x.speaker, x.routerSide, sc.duration) + keepalives(x.routerSide, x.speaker, sc.duration));
    if (x.speaker.bfd && x.routerSide.bfd) {
      // A pair with a packet always on the wire never looks steady: every packet is sent and delivered.
      for (const [tx, rx] of [
        [x.speaker, x.routerSide],
        [x.routerSide, x.speaker],
      ] as const) {
        const every = bfdInterval(tx, rx);
        // RFC 5880 §6.8.7: sends 75–100 % of the interval apart.
        if (0.75 * every <= linkLatency(x)) bfdEvents += (2 * sc.duration) / Math.max(1, 0.875 * every);
      }
    }
  }
  for (const f of sc.faults) {
    const hit = touched(f, sessions);
    const down = Math.min(downtimeOf(f) ?? sc.duration - f.at, sc.duration - f.at);
    if (sessions.length > 0) disrupted += hit.length / sessions.length;
    for (const x of hit) {
      // The session comes back with its UPDATEs, and its router passes the change to its other peers.
      const peers = sessions.filter((y) => y.router === x.router).length;
      bgpEvents += EVENTS_PER_SESSION_RESTART + EVENTS_PER_ROUTE_UPDATE * sc.services.length * (1 + peers / 2);
      if (x.speaker.bfd && x.routerSide.bfd) bfdEvents += 2 * (down / BFD_SLOW_INTERVAL) + BFD_EVENTS_PER_RECOVERY;
    }
  }

  const trafficEvents =
    arrivals + connectionEnds + EVENTS_PER_DISRUPTED_CONNECTION * liveConnections * Math.min(1, disrupted);
  const events = trafficEvents + bgpEvents + bfdEvents;
  const memoryBytes =
    BASE_BYTES +
    BYTES_PER_LIVE_CONNECTION * liveConnections +
    BYTES_PER_SESSION_ROUTE * sc.nodes.length * sc.routers.length * sc.services.length;
  return {
    events,
    memoryBytes,
    arrivals,
    connectionEnds,
    liveConnections,
    bgpEvents,
    bfdEvents,
    seconds: events * SECONDS_PER_EVENT,
  };
}
