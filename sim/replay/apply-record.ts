/**
 * One step of the replay fold: apply a trace record to a (draft) view state. The world does not
 * record every RIB change, so path states are rebuilt from what it does record: received
 * UPDATEs, the GR helper's route actions and the FIB snapshots it takes when next hops change.
 */
import { assertNever } from '../base/assert.js';
import { familyOfPrefix } from '../base/family.js';
import type { WorldRecord } from '../world/records.js';
import type { GrPhase, PathState, ReplayState, SessionView } from './view-state.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
export type ReplayDraft = Mutable<ReplayState>;

/** `tor-1>node-2` → ['tor-1', 'node-2']; a plain subject has no peer. */
export function splitSubject(subject: string): [owner: string, peer: string | null] {
  const i = subject.indexOf('>');
  return i < 0 ? [subject, null] : [subject.slice(0, i), subject.slice(i + 1)];
}

function session(d: ReplayDraft, subject: string): Mutable<SessionView> {
  let s = d.sessions[subject];
  if (!s) {
    s = { bgp: 'Idle', gr: 'none', bfd: null };
    d.sessions[subject] = s;
  }
  return s;
}

function routesOf(d: ReplayDraft, router: string) {
  let r = d.routes[router];
  if (!r) {
    r = {};
    d.routes[router] = r;
  }
  return r;
}

function route(d: ReplayDraft, router: string, prefix: string) {
  const r = routesOf(d, router);
  let v = r[prefix];
  if (!v) {
    v = { paths: {}, nextHops: [] };
    r[prefix] = v;
  }
  return v;
}

/** Applies `f` to every path `node` gave `router` in `family` (an empty family means all). */
function forPaths(d: ReplayDraft, router: string, node: string, family: string, f: (p: PathState) => PathState | null) {
  const r = d.routes[router];
  if (!r) return;
  for (const prefix of Object.keys(r)) {
    if (family !== '' && familyOfPrefix(prefix) !== family) continue;
    const paths = r[prefix]!.paths;
    const cur = paths[node];
    if (cur === undefined) continue;
    const next = f(cur);
    if (next === null) delete paths[node];
    else if (next !== cur) paths[node] = next;
  }
}

/**
 * The world records a phase change without its target phase, so it is inferred from the reason
 * (the transitions of sim/bgp/gr/helper.ts): RFC 4724 §4.2 and RFC 9494 §4.2.
 */
export function nextGrPhase(prev: GrPhase, reason: string, clause: string): GrPhase {
  switch (reason) {
    case 'session-established':
      return prev === 'llgr' ? 'll-sync' : 'sync';
    case 'restart-timer-expired':
      return clause.startsWith('RFC 9494') ? 'llgr' : 'none';
    case 'end-of-rib':
    case 'stale-path-timer-expired':
    case 'llst-expired':
      return 'none';
    default:
      return prev === 'none' ? 'stale' : 'none';
  }
}

const PHASES: readonly string[] = ['none', 'stale', 'sync', 'llgr', 'll-sync'];

/**
 * The phase a `gr-phase` record moves to: named in the action (`gr-phase:none→stale`, or
 * `gr-phase:stale`), else inferred from the reason for traces that do not name it.
 */
export function phaseAfter(action: string, prev: GrPhase, reason: string, clause: string): GrPhase {
  const i = action.indexOf(':');
  if (i >= 0) {
    const named =
      action
        .slice(i + 1)
        .split('→')
        .pop() ?? '';
    if (PHASES.includes(named)) return named as GrPhase;
  }
  return nextGrPhase(prev, reason, clause);
}

function applyGr(d: ReplayDraft, r: Extract<WorldRecord, { type: 'gr' }>): void {
  const [owner, peer] = splitSubject(r.subject);
  const s = session(d, r.subject);
  if (r.action.startsWith('gr-phase')) {
    s.gr = phaseAfter(r.action, s.gr, r.reason, r.clause);
    return;
  }
  if (peer === null) {
    // RFC 4724 §4.1: the restarting router defers best-path selection until End-of-RIB or the timer.
    if (r.action === 'selection-deferred') d.deferring[owner] = true;
    else if (r.action === 'selection-complete') delete d.deferring[owner];
    return;
  }
  switch (r.action) {
    case 'routes-stale':
      // RFC 4724 §4.2: the helper keeps the restarting peer's routes, marked stale.
      forPaths(d, owner, peer, r.family, () => 'stale');
      return;
    case 'routes-llgr-stale':
      // RFC 9494 §4.2: at restart-timer expiry stale routes become LLGR_STALE.
      forPaths(d, owner, peer, r.family, (p) => (p === 'fresh' ? p : 'llgr-stale'));
      return;
    case 'routes-sweep-stale':
      // RFC 4724 §4.2: routes still stale at End-of-RIB (or timer expiry) are deleted.
      forPaths(d, owner, peer, r.family, (p) => (p === 'fresh' ? p : null));
      return;
    case 'routes-delete':
      forPaths(d, owner, peer, r.family, () => null);
      return;
    default:
      return;
  }
}

function applyUpdate(d: ReplayDraft, router: string, node: string, detail: string): void {
  for (const part of detail.split('; ')) {
    const [verb, ...prefixes] = part.split(' ');
    for (const p of prefixes) {
      if (p === '') continue;
      if (verb === 'announce') route(d, router, p).paths[node] = 'fresh';
      else if (verb === 'withdraw') {
        const v = d.routes[router]?.[p];
        if (v) delete v.paths[node];
      }
    }
  }
}

export function applyRecord(d: ReplayDraft, r: WorldRecord): void {
  d.applied++;
  d.t = r.t;
  switch (r.type) {
    case 'bgp-state':
      session(d, r.subject).bgp = r.to;
      return;
    case 'bgp-message': {
      if (r.dir !== 'received' || r.message !== 'UPDATE') return;
      const [owner, peer] = splitSubject(r.subject);
      if (peer !== null) applyUpdate(d, owner, peer, r.detail);
      return;
    }
    case 'bgp-down':
      return;
    case 'gr':
      applyGr(d, r);
      return;
    case 'bfd-state':
      session(d, r.subject).bfd = r.to;
      return;
    case 'fib': {
      const v = route(d, r.subject, r.prefix);
      v.nextHops = [...r.nextHops];
      // The FIB snapshot is authoritative for the states of the paths in the ECMP set.
      if (r.states.length === r.nextHops.length) {
        r.nextHops.forEach((n, i) => {
          v.paths[n] = r.states[i] as PathState;
        });
      }
      return;
    }
    case 'ecmp-change':
      d.lastEcmpChange[`${r.subject} ${r.prefix}`] = {
        t: r.t,
        movedFraction: r.movedFraction,
        moved: r.moved,
        reset: r.reset,
      };
      return;
    case 'resets':
      d.resets += r.count;
      d.resetsByCause[r.cause] = (d.resetsByCause[r.cause] ?? 0) + r.count;
      return;
    case 'process': {
      let p = d.processes[r.subject];
      if (!p) {
        p = {};
        d.processes[r.subject] = p;
      }
      p[r.what] = r.state;
      // A BGP process that stops loses its RIB; the FIB it leaves behind (RFC 4724 §4.1: forwarding
      // state preserved) is kept until the next FIB snapshot replaces it.
      if (r.state === 'down' && r.what !== 'link') {
        const routes = d.routes[r.subject];
        if (routes) for (const v of Object.values(routes)) v.paths = {};
      }
      return;
    }
    case 'fault':
    case 'explain':
    // KEEPALIVEs change no view state, one by one or as a span.
    case 'bgp-keepalive-span':
    case 'bfd-down-decision':
    case 'churn':
    case 'totals':
      return;
    default:
      assertNever(r);
  }
}
