/**
 * The view state the replay fold builds from the trace: what every session, helper and router
 * looked like at one moment. Plain data only, so immer can freeze and structurally share it.
 */
import type { Time } from '../base/time.js';

export type PathState = 'fresh' | 'stale' | 'llgr-stale';

/** The GR helper's per-AF phase (mirrors sim/bgp/gr AfPhase: deferral = waiting for End-of-RIB). */
export type GrPhase = 'none' | 'stale' | 'sync' | 'llgr' | 'll-sync';

export interface SessionView {
  /** RFC 4271 FSM state, spelled as the RFC does. */
  readonly bgp: string;
  readonly gr: GrPhase;
  /** RFC 5880 state, or null when the session has no BFD. */
  readonly bfd: string | null;
}

export interface RouteView {
  /** node → state of the path that node advertised. */
  readonly paths: Readonly<Record<string, PathState>>;
  /** Nodes in the forwarding group (the ECMP set), in FIB order. */
  readonly nextHops: readonly string[];
}

export interface EcmpChangeView {
  readonly t: Time;
  readonly movedFraction: number;
  readonly moved: number;
  readonly reset: number;
}

export interface ReplayState {
  /** Records applied so far. */
  readonly applied: number;
  readonly t: Time;
  /** Keyed by session subject, `tor-1>node-2`. */
  readonly sessions: Readonly<Record<string, SessionView>>;
  /** router → prefix → route. */
  readonly routes: Readonly<Record<string, Readonly<Record<string, RouteView>>>>;
  /** node → process → up/down. */
  readonly processes: Readonly<Record<string, Readonly<Record<string, 'up' | 'down'>>>>;
  readonly resets: number;
  readonly resetsByCause: Readonly<Record<string, number>>;
  /** Speakers and routers deferring best-path selection after their own restart. */
  readonly deferring: Readonly<Record<string, true>>;
  /** `router prefix` → the last ECMP change there. */
  readonly lastEcmpChange: Readonly<Record<string, EcmpChangeView>>;
}

export function emptyReplayState(): ReplayState {
  return {
    applied: 0,
    t: 0 as Time,
    sessions: {},
    routes: {},
    processes: {},
    resets: 0,
    resetsByCause: {},
    deferring: {},
    lastEcmpChange: {},
  };
}
