/**
 * The timeline's data: one lane per BGP session side and per BFD session side, each a list of
 * state bands (FSM state, GR phase) and point marks (messages, decisions). Built in one pass over
 * the trace; the UI only draws it.
 */
import type { Time } from '../base/time.js';
import type { WorldRecord } from '../world/records.js';
import { phaseAfter, splitSubject } from './apply-record.js';
import type { GrPhase } from './view-state.js';

export interface TimelineBand {
  readonly from: Time;
  readonly to: Time;
  readonly state: string;
}

export interface TimelineMark {
  readonly t: Time;
  /** OPEN, UPDATE, End-of-RIB, NOTIFICATION, ROUTE-REFRESH, down, bfd-decision. */
  readonly kind: string;
  readonly dir: 'sent' | 'received' | '';
  readonly label: string;
  /** Index of the record in the trace, for the explain panel. */
  readonly record: number;
}

/** A GR timer the helper runs for this session: armed at `from`, due at `deadline`, stopped at `end`. */
export interface TimelineTimer {
  readonly name: 'restart timer' | 'long-lived stale timer';
  readonly from: Time;
  readonly deadline: Time;
  /** When the phase it guards ended (≤ deadline when cancelled, = deadline when it fired). */
  readonly end: Time;
}

export interface TimelineLane {
  /** `bgp tor-1>node-2` or `bfd tor-1>node-2`. */
  readonly id: string;
  readonly kind: 'bgp' | 'bfd';
  readonly subject: string;
  readonly owner: string;
  readonly peer: string;
  readonly bands: readonly TimelineBand[];
  /** GR helper phases other than `none` (BGP lanes only). */
  readonly grBands: readonly TimelineBand[];
  readonly marks: readonly TimelineMark[];
  readonly timers: readonly TimelineTimer[];
}

export interface TimelineFault {
  readonly t: Time;
  readonly subject: string;
  readonly fault: string;
  readonly detail: string;
  readonly record: number;
}

export interface Timeline {
  readonly end: Time;
  readonly lanes: readonly TimelineLane[];
  readonly faults: readonly TimelineFault[];
}

interface Building {
  timers: TimelineTimer[];
  /** The timer running now, if any. */
  running: { name: TimelineTimer['name']; from: Time; deadline: Time } | null;
  /** The peer's last OPEN summary: it carries the Restart Time and the LLGR stale time. */
  peerOpen: string;
  bands: TimelineBand[];
  grBands: TimelineBand[];
  marks: TimelineMark[];
  state: string;
  since: Time;
  gr: GrPhase;
  grSince: Time;
  /** The owner's process (or the whole node) is down: the band shows that, whatever the FSM last said. */
  dead: boolean;
}

/** Band state of a lane whose owner's process or node is down (no FSM runs there). */
export const PROCESS_DOWN = 'process-down';

/** What a process record takes down: a node's speaker pod or kernel stops BGP and its bfdd; a router's bgpd only BGP. */
function downs(what: string, kind: 'bgp' | 'bfd'): boolean {
  // sim/world/processes.ts stopSpeaker / crashNode stop the node's BFD too; restartRouter leaves bfdd running.
  return what === 'speaker' || what === 'kernel' || (what === 'bgpd' && kind === 'bgp');
}

const MARKED = new Set(['OPEN', 'UPDATE', 'End-of-RIB', 'NOTIFICATION', 'ROUTE-REFRESH']);

function startTimer(l: Building, phase: GrPhase, t: Time): void {
  // RFC 4724 §4.2: the restart timer runs from the session's loss for the peer's Restart Time.
  const restart = /time=(\d+)s/.exec(l.peerOpen);
  // RFC 9494 §4.2: the long-lived stale timer runs for the peer's Long-Lived Stale Time.
  const llst = /LLGR stale=\[(\d+)/.exec(l.peerOpen);
  if (phase === 'stale' && restart)
    l.running = { name: 'restart timer', from: t, deadline: (t + Number(restart[1]) * 1e6) as Time };
  else if (phase === 'llgr' && llst)
    l.running = { name: 'long-lived stale timer', from: t, deadline: (t + Number(llst[1]) * 1e6) as Time };
}

function stopTimer(l: Building, t: Time): void {
  if (!l.running) return;
  l.timers.push({ ...l.running, end: (t < l.running.deadline ? t : l.running.deadline) as Time });
  l.running = null;
}

/** Timers running at `t`, with the time they have left. */
export function timersAt(tl: Timeline, t: number): { subject: string; name: string; left: number }[] {
  const out: { subject: string; name: string; left: number }[] = [];
  for (const l of tl.lanes)
    for (const x of l.timers)
      if (x.from <= t && t < x.end) out.push({ subject: l.subject, name: x.name, left: x.deadline - t });
  return out;
}

/** OPEN's detail carries `GR R=1 N=0 …`; the mark's label keeps just the bits a trainer points at. */
export function openBits(detail: string): string {
  const r = /R=(\d)/.exec(detail);
  const n = /N=(\d)/.exec(detail);
  const f = /F=\[([\d,]*)\]/.exec(detail);
  if (!r) return 'no GR';
  return `R=${r[1]} N=${n?.[1] ?? '0'}${f ? ` F=${f[1]}` : ' helper'}`;
}

/** Zero-width bands (states passed through within one instant) are not drawn. */
function close(from: Time, to: Time, state: string, out: TimelineBand[]): void {
  if (to > from) out.push({ from, to, state });
}

/**
 * Lanes sort router side first (the helper's view is the story), then by subject, BGP before BFD.
 */
export function buildTimeline(records: readonly WorldRecord[], end: Time, routers: readonly string[] = []): Timeline {
  const lanes = new Map<string, Building & { kind: 'bgp' | 'bfd'; subject: string }>();
  const faults: TimelineFault[] = [];
  const deferralSince = new Map<string, Time>();
  const deferrals: { owner: string; from: Time; to: Time }[] = [];
  /** Per owner, what of it is down now (speaker, bgpd, kernel). */
  const down = new Map<string, Set<string>>();
  const setState = (l: Building, t: Time, to: string) => {
    if (!l.dead) {
      close(l.since, t, l.state, l.bands);
      l.since = t;
    }
    l.state = to;
  };
  const lane = (kind: 'bgp' | 'bfd', subject: string, initial: string, t: Time) => {
    const id = `${kind} ${subject}`;
    let l = lanes.get(id);
    if (!l) {
      l = {
        kind,
        subject,
        timers: [],
        running: null,
        peerOpen: '',
        bands: [],
        grBands: [],
        marks: [],
        state: initial,
        since: t,
        gr: 'none',
        grSince: t,
        dead: [...(down.get(splitSubject(subject)[0]) ?? [])].some((w) => downs(w, kind)),
      };
      lanes.set(id, l);
    }
    return l;
  };
  records.forEach((r, i) => {
    switch (r.type) {
      case 'bgp-state': {
        const l = lane('bgp', r.subject, r.from, r.t);
        setState(l, r.t, r.to);
        // A session up since before t = 0: its helper times the peer's restart with that OPEN.
        if (r.peerOpen !== undefined) l.peerOpen = r.peerOpen;
        return;
      }
      case 'bfd-state': {
        const l = lane('bfd', r.subject, r.from, r.t);
        setState(l, r.t, r.to);
        return;
      }
      case 'process': {
        if (r.what === 'link') return;
        const whats = down.get(r.subject) ?? new Set<string>();
        if (r.state === 'down') whats.add(r.what);
        else whats.delete(r.what);
        // A node that boots again starts its speaker at once (processes.ts recoverNode): both are up.
        if (r.state === 'up' && r.what === 'speaker') whats.delete('kernel');
        down.set(r.subject, whats);
        for (const l of lanes.values()) {
          if (splitSubject(l.subject)[0] !== r.subject) continue;
          const dead = [...whats].some((w) => downs(w, l.kind));
          if (dead === l.dead) continue;
          close(l.since, r.t, l.dead ? PROCESS_DOWN : l.state, l.bands);
          l.dead = dead;
          l.since = r.t;
        }
        return;
      }
      case 'bgp-message': {
        if (r.message === 'OPEN') {
          // The OPEN B sends A is what A's helper times B's restart with (RFC 4724 §3, RFC 9494 §3.1).
          const [owner, peer] = splitSubject(r.subject);
          const helperSide = r.dir === 'received' ? r.subject : peer === null ? null : `${peer}>${owner}`;
          if (helperSide !== null) lane('bgp', helperSide, 'Idle', r.t).peerOpen = r.detail;
        }
        if (!MARKED.has(r.message)) return;
        // Each message is drawn once, on its sender's lane; a received NOTIFICATION also on the receiver's.
        if (r.dir === 'received' && r.message !== 'NOTIFICATION') return;
        const label = r.message === 'OPEN' ? `OPEN ${openBits(r.detail)}` : r.message;
        lane('bgp', r.subject, 'Idle', r.t).marks.push({ t: r.t, kind: r.message, dir: r.dir, label, record: i });
        return;
      }
      case 'bgp-down':
        lane('bgp', r.subject, 'Idle', r.t).marks.push({
          t: r.t,
          kind: 'down',
          dir: '',
          label: `down: ${r.reason}${r.gr ? ' (GR)' : ''}`,
          record: i,
        });
        return;
      case 'bfd-down-decision':
        lane('bfd', r.subject, 'Down', r.t).marks.push({
          t: r.t,
          kind: 'bfd-decision',
          dir: '',
          label: `${r.action}: ${r.reason}`,
          record: i,
        });
        return;
      case 'gr': {
        if (r.action === 'selection-deferred') {
          deferralSince.set(r.subject, r.t);
          return;
        }
        if (r.action === 'selection-complete') {
          const from = deferralSince.get(r.subject);
          if (from !== undefined) deferrals.push({ owner: r.subject, from, to: r.t });
          deferralSince.delete(r.subject);
          return;
        }
        if (!r.action.startsWith('gr-phase')) return;
        const l = lane('bgp', r.subject, 'Idle', r.t);
        const next = phaseAfter(r.action, l.gr, r.reason, r.clause);
        if (next === l.gr) return;
        if (l.gr !== 'none') close(l.grSince, r.t, l.gr, l.grBands);
        stopTimer(l, r.t);
        startTimer(l, next, r.t);
        l.gr = next;
        l.grSince = r.t;
        return;
      }
      case 'fault':
        faults.push({ t: r.t, subject: r.subject, fault: r.fault, detail: r.detail, record: i });
        return;
      default:
        return;
    }
  });
  for (const [owner, from] of deferralSince) deferrals.push({ owner, from, to: end });
  // RFC 4724 §4.1: a restarting speaker's selection deferral shows on each of its BGP lanes.
  for (const d of deferrals) {
    for (const l of lanes.values()) {
      if (l.kind === 'bgp' && splitSubject(l.subject)[0] === d.owner)
        l.grBands.push({ from: d.from, to: Math.max(d.to, d.from + 1) as Time, state: 'deferral' });
    }
  }
  const routerSet = new Set(routers);
  const out: TimelineLane[] = [];
  for (const [id, l] of lanes) {
    close(l.since, end, l.dead ? PROCESS_DOWN : l.state, l.bands);
    if (l.gr !== 'none') close(l.grSince, end, l.gr, l.grBands);
    stopTimer(l, end);
    const [owner, peer] = splitSubject(l.subject);
    out.push({
      id,
      kind: l.kind,
      subject: l.subject,
      owner,
      peer: peer ?? '',
      bands: l.bands,
      grBands: l.grBands,
      marks: l.marks,
      timers: l.timers,
    });
  }
  const rank = (l: TimelineLane) => (routerSet.size === 0 || routerSet.has(l.owner) ? 0 : 1);
  out.sort((a, b) => rank(a) - rank(b) || cmp(a.subject, b.subject) || cmp(a.kind, b.kind));
  return { end, lanes: out, faults };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
