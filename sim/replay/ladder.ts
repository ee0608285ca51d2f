/**
 * The ladder (sequence diagram) of one speaker and one router, as Wireshark's flow graph draws a
 * conversation: two columns, a message as an arrow from its sender at the time sent to its
 * receiver at the time received, state changes and process events as points on a column, and the
 * timers that decide a graceful restart as bars along the columns. One pass over the trace; the UI
 * only draws it.
 */
import type { Time } from '../base/time.js';
import type { WorldRecord } from '../world/records.js';
import { splitSubject } from './apply-record.js';
import { expandKeepaliveSpansIndexed } from './keepalive-spans.js';
import { buildTimeline, openBits } from './lanes.js';

export interface LadderArrow {
  /** The sender's column: `a` (the node) or `b` (the router). */
  readonly from: 'a' | 'b';
  readonly sent: Time;
  /** When the receiver took it in; null when it never arrived (the receiver was gone). */
  readonly received: Time | null;
  /**
   * The trace records a receipt only for UPDATEs: other arrivals are read from the receiver's
   * reaction (OpenSent → OpenConfirm on open-received, a sweep on end-of-rib, ...) or, with none,
   * from the one-way delay seen on this pair. True when the arrival time is such a reading.
   */
  readonly inferred: boolean;
  /** OPEN, UPDATE, End-of-RIB, KEEPALIVE, NOTIFICATION, ROUTE-REFRESH. */
  readonly kind: string;
  readonly label: string;
  readonly detail: string;
  readonly clause: string;
  /** Index of the sending record in the trace (the explain panel's handle). */
  readonly record: number;
}

export interface LadderPoint {
  readonly column: 'a' | 'b';
  readonly t: Time;
  /** bfd, bgp-down, process, fault. */
  readonly kind: string;
  readonly label: string;
  readonly clause: string;
  readonly record: number;
}

export interface LadderTimer {
  readonly column: 'a' | 'b';
  readonly name: 'restart' | 'stale-path' | 'llgr' | 'hold' | 'bfd-detection' | 'deferral';
  readonly from: Time;
  /** When it stopped (fired or cancelled). */
  readonly to: Time;
  /** When it would fire, where the trace says (restart and LLGR from the peer's OPEN). */
  readonly deadline: Time | null;
  readonly label: string;
}

export interface Ladder {
  readonly a: string;
  readonly b: string;
  readonly arrows: readonly LadderArrow[];
  readonly points: readonly LadderPoint[];
  readonly timers: readonly LadderTimer[];
}

export interface LadderOptions {
  /** KEEPALIVEs are the steady state: drawn only on demand. */
  readonly keepalives?: boolean;
}

// RFC 8538 §3 / RFC 4486 §4: the Cease subcodes a trainer names.
const CEASE_NAMES: Record<number, string> = {
  2: 'Administrative Shutdown',
  3: 'Peer De-configured',
  4: 'Administrative Reset',
  6: 'Other Configuration Change',
  8: 'Out of Resources',
  9: 'Hard Reset',
  10: 'BFD Down',
};

function notificationLabel(detail: string, nBit: boolean): string {
  const [code, sub] = detail.split('/').map(Number);
  const name = code === 6 && sub !== undefined ? CEASE_NAMES[sub] : undefined;
  // RFC 8538 §3: with N negotiated a NOTIFICATION keeps GR unless it is a Hard Reset.
  const gr = !nBit ? '' : code === 6 && sub === 9 ? ' · flushes (Hard Reset)' : ' · N=1: GR kept';
  return `NOTIFICATION ${detail}${name ? ` ${name}` : ''}${gr}`;
}

/** The receiver's record that shows a message of this kind arrived. */
function reactsTo(kind: string, r: WorldRecord): boolean {
  const reason = 'reason' in r ? r.reason : '';
  switch (kind) {
    case 'OPEN':
      return r.type === 'bgp-state' && reason === 'open-received';
    case 'KEEPALIVE':
      return r.type === 'bgp-state' && reason === 'keepalive-received';
    case 'End-of-RIB':
      return r.type === 'gr' && reason === 'end-of-rib';
    case 'NOTIFICATION':
      return (r.type === 'bgp-state' || r.type === 'bgp-down') && reason === 'notification-received';
    default:
      return false;
  }
}

/** States in which a session side has a TCP connection to receive on. */
const CONNECTED = new Set(['OpenSent', 'OpenConfirm', 'Established']);

const holdOf = (open: string) => Number(/hold (\d+)s/.exec(open)?.[1] ?? Number.NaN);

/** Node names the trace has sessions with, for the pickers: [nodes, routers] sorted. */
export function ladderPairs(records: readonly WorldRecord[], routers: readonly string[]): [string[], string[]] {
  const rs = new Set(routers);
  const nodes = new Set<string>();
  const seen = new Set<string>();
  for (const r of records) {
    if (r.type !== 'bgp-state' || seen.has(r.subject)) continue;
    seen.add(r.subject);
    const [owner, peer] = splitSubject(r.subject);
    if (peer !== null && rs.has(peer)) nodes.add(owner);
  }
  return [[...nodes].sort(), [...routers]];
}

/**
 * The ladder between node `a` and router `b`. Messages are paired FIFO per direction and kind
 * (TCP delivers in order); a message sent with no receipt is drawn ending in a cross.
 */
export function buildLadder(
  records: readonly WorldRecord[],
  a: string,
  b: string,
  end: Time,
  options: LadderOptions = {},
): Ladder {
  const ab = `${a}>${b}`;
  const ba = `${b}>${a}`;
  const col = (subject: string): 'a' | 'b' | null => (subject === ab ? 'a' : subject === ba ? 'b' : null);
  const arrows: LadderArrow[] = [];
  /** Records on each side, for reading arrivals; and whether each side was connected when a message left. */
  const side: Record<'a' | 'b', { r: WorldRecord; i: number }[]> = { a: [], b: [] };
  const fsm: Record<'a' | 'b', string> = { a: 'Idle', b: 'Idle' };
  const open: boolean[] = [];
  const inFlight = new Map<string, number[]>();
  const points: LadderPoint[] = [];
  const timers: LadderTimer[] = [];
  const opens: Record<'a' | 'b', string> = { a: '', b: '' };
  /** When each side last went silent (its process or kernel died): hold and BFD detection run from then. */
  const silentSince: Record<'a' | 'b', Time | null> = { a: null, b: null };
  // A steady period's KEEPALIVEs are one span record in the trace: drawn each at its time, pointing at the span.
  expandKeepaliveSpansIndexed(records, (subject) => subject === ab || subject === ba).forEach(({ r, i }) => {
    switch (r.type) {
      case 'bgp-message': {
        const c = col(r.subject);
        if (c === null) return;
        side[c].push({ r, i });
        if (r.message === 'KEEPALIVE' && !options.keepalives) return;
        const key = `${r.dir === 'sent' ? c : c === 'a' ? 'b' : 'a'} ${r.message}`;
        if (r.dir === 'sent') {
          if (r.message === 'OPEN') opens[c] = r.detail;
          const nBit = /N=1/.test(opens.a) && /N=1/.test(opens.b);
          const label =
            r.message === 'OPEN'
              ? `OPEN ${openBits(r.detail)}${/time=(\d+)s/.test(r.detail) ? ` restart ${/time=(\d+)s/.exec(r.detail)![1]} s` : ''}`
              : r.message === 'NOTIFICATION'
                ? notificationLabel(r.detail, nBit)
                : r.message === 'UPDATE'
                  ? `UPDATE ${r.detail}`
                  : r.message;
          const q = inFlight.get(key) ?? [];
          q.push(arrows.length);
          inFlight.set(key, q);
          open.push(CONNECTED.has(fsm[c === 'a' ? 'b' : 'a']) || CONNECTED.has(fsm[c]));
          arrows.push({
            from: c,
            sent: r.t,
            received: null,
            inferred: false,
            kind: r.message,
            label,
            detail: r.detail,
            clause: r.clause,
            record: i,
          });
        } else {
          const k = inFlight.get(key)?.shift();
          if (k !== undefined) arrows[k] = { ...arrows[k]!, received: r.t };
        }
        return;
      }
      case 'bgp-state': {
        const c = col(r.subject);
        if (c === null) return;
        side[c].push({ r, i });
        fsm[c] = r.to;
        if (r.peerOpen !== undefined) opens[c === 'a' ? 'b' : 'a'] = r.peerOpen;
        return;
      }
      case 'bfd-state': {
        const c = col(r.subject);
        if (c === null || r.from === r.to) return;
        points.push({
          column: c,
          t: r.t,
          kind: 'bfd',
          label: `BFD ${r.from} → ${r.to}${r.diag && r.diag !== 'none' ? ` (${r.diag})` : ''}`,
          clause: r.clause,
          record: i,
        });
        const other = c === 'a' ? 'b' : 'a';
        // RFC 5880 §6.8.4: detection time runs from the last packet received, i.e. from the peer's silence.
        const since = silentSince[other];
        if (r.to === 'Down' && since !== null && since < r.t)
          timers.push({
            column: c,
            name: 'bfd-detection',
            from: since,
            to: r.t,
            deadline: r.t,
            label: `BFD detection ${(r.t - since) / 1000} ms`,
          });
        return;
      }
      case 'bgp-down': {
        const c = col(r.subject);
        if (c === null) return;
        side[c].push({ r, i });
        points.push({
          column: c,
          t: r.t,
          kind: 'bgp-down',
          label: `session down: ${r.reason}${r.gr ? ' (GR)' : ''}`,
          clause: r.clause,
          record: i,
        });
        if (r.reason === 'hold-timer-expired') {
          // RFC 4271 §4.2: the negotiated hold time is the smaller of the two OPENs'.
          const hold = Math.min(holdOf(opens.a), holdOf(opens.b));
          const since = silentSince[c === 'a' ? 'b' : 'a'];
          const from = since ?? (Number.isFinite(hold) ? r.t - hold * 1e6 : r.t);
          timers.push({
            column: c,
            name: 'hold',
            from: from as Time,
            to: r.t,
            deadline: r.t,
            label: `hold timer${Number.isFinite(hold) ? ` ${hold} s` : ''}`,
          });
        }
        return;
      }
      case 'process': {
        const c = r.subject === a ? 'a' : r.subject === b ? 'b' : null;
        if (c === null) return;
        silentSince[c] = r.state === 'down' && r.what !== 'link' ? r.t : null;
        points.push({
          column: c,
          t: r.t,
          kind: 'process',
          label: `${r.what} ${r.state}`,
          clause: '',
          record: i,
        });
        return;
      }
      case 'gr': {
        const c = col(r.subject);
        if (c !== null) side[c].push({ r, i });
        return;
      }
      default:
        return;
    }
  });
  readArrivals(arrows, side, open);
  // The GR timers come from the timeline's fold (one reading of the helper's phases).
  const tl = buildTimeline(records, end);
  for (const lane of tl.lanes) {
    if (lane.kind !== 'bgp') continue;
    const c = col(lane.subject);
    if (c === null) continue;
    for (const x of lane.timers)
      timers.push({
        column: c,
        name: x.name === 'restart timer' ? 'restart' : 'llgr',
        from: x.from,
        to: x.end,
        deadline: x.deadline,
        label: `${x.name} ${(x.deadline - x.from) / 1e6} s${x.end < x.deadline ? ', stopped' : ', fired'}`,
      });
    for (const g of lane.grBands) {
      // RFC 4724 §4.2 / FRR stale-path timer: the helper waits for End-of-RIB once the session is back.
      if (g.state === 'sync' || g.state === 'll-sync')
        timers.push({
          column: c,
          name: 'stale-path',
          from: g.from,
          to: g.to,
          deadline: null,
          label: 'stale-path timer (waiting for End-of-RIB)',
        });
      // RFC 4724 §4.1: the restarting speaker defers route selection.
      if (g.state === 'deferral' && c === 'a')
        timers.push({
          column: c,
          name: 'deferral',
          from: g.from,
          to: g.to,
          deadline: null,
          label: 'selection deferral',
        });
    }
  }
  timers.sort((x, y) => x.from - y.from);
  return { a, b, arrows, points, timers };
}

/** Fills the arrivals the trace does not record (see LadderArrow.inferred). */
function readArrivals(
  arrows: LadderArrow[],
  side: Record<'a' | 'b', { r: WorldRecord; i: number }[]>,
  open: readonly boolean[],
): void {
  const delays = arrows.filter((x) => x.received !== null).map((x) => x.received! - x.sent);
  const delay = delays.length ? Math.min(...delays) : 0;
  const used = new Set<number>();
  arrows.forEach((x, k) => {
    if (x.received !== null) return;
    const to = x.from === 'a' ? side.b : side.a;
    // The first reaction after it left, within a second (a reaction later than that is another message's).
    const hit = to.find(({ r, i }) => r.t > x.sent && r.t <= x.sent + 1e6 && !used.has(i) && reactsTo(x.kind, r));
    if (hit) {
      used.add(hit.i);
      arrows[k] = { ...x, received: hit.r.t, inferred: true };
    } else if (open[k] && delay > 0) arrows[k] = { ...x, received: (x.sent + delay) as Time, inferred: true };
  });
}
