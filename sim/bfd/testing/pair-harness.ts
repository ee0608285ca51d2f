/**
 * A two-session BFD harness for tests: two machines joined by a link with a fixed latency, faults
 * at given times, and a bounded drive loop. It runs either every packet explicitly or, in
 * `implied` mode, the way DESIGN.md asks the world to: once the pair is steady both periodic
 * senders become spans, and any fault or observation resumes them first. It is also the smallest
 * reference of how a driver uses `implySteady` / `resumeExplicit` / `sendsBetween`.
 *
 * Ordering at equal times: faults first, then arrivals (in send order), then timers (side 0
 * before side 1) — the same rule `resumeExplicit` assumes.
 */
import { type Duration, minTime, NEVER, type Time } from '../../base/time.js';
import { implySteady, type LastDelivery, resumeExplicit, spanDeliveries, steadyPair } from '../implied.js';
import type { UniformAt } from '../jitter.js';
import type { BfdControlPacket, BfdState } from '../packet.js';
import { type BfdConfig, type BfdOutput, type BfdSession, createBfdSession, nextDeadline, step } from '../session.js';
import { sendsBetween } from '../steady-span.js';
import type { BfdTransitionReason } from '../transitions.js';

export type Side = 0 | 1;

export type PairFault =
  | { readonly at: Time; readonly kind: 'link-down' | 'link-up' | 'observe' }
  | { readonly at: Time; readonly kind: 'kill' | 'restart' | 'admin-down' | 'admin-up'; readonly side: Side }
  | {
      readonly at: Time;
      readonly kind: 'reconfigure';
      readonly side: Side;
      readonly desiredMinTx?: Duration;
      readonly requiredMinRx?: Duration;
      readonly detectMult?: number;
    };

export interface PairOptions {
  readonly mode: 'explicit' | 'implied';
  readonly latency: Duration;
  readonly configs: readonly [BfdConfig, BfdConfig];
  readonly uniformAt: readonly [UniformAt, UniformAt];
  readonly faults?: readonly PairFault[];
  readonly start?: Time;
  /** Expand implied spans into `sends` (default true); a benchmark turns it off. */
  readonly expand?: boolean;
}

export interface SentRecord {
  readonly at: Time;
  readonly side: Side;
  readonly index: number | null;
  readonly packet: BfdControlPacket;
}

export interface ChangeRecord {
  readonly at: Time;
  readonly side: Side;
  readonly from: BfdState;
  readonly to: BfdState;
  readonly diag: number;
  readonly reason: BfdTransitionReason;
}

export interface SignalRecord {
  readonly at: Time;
  readonly side: Side;
  readonly output: BfdOutput;
}

export interface SpanRecord {
  readonly side: Side;
  readonly firstIndex: number;
  readonly firstSend: Time;
  readonly interval: Duration;
  readonly count: number;
}

export interface PairRun {
  readonly sessions: readonly [BfdSession, BfdSession];
  readonly sends: SentRecord[];
  readonly changes: ChangeRecord[];
  /** session-up, session-down, poll-terminated and discard outputs. */
  readonly signals: SignalRecord[];
  readonly spans: SpanRecord[];
  /** Drive-loop iterations: what the agenda would have paid. */
  events: number;
}

interface Flight {
  readonly at: Time;
  readonly sentAt: Time;
  readonly to: Side;
  readonly packet: BfdControlPacket;
  readonly seq: number;
}

const other = (x: Side): Side => (x === 0 ? 1 : 0);

export function runPair(opts: PairOptions, until: Time): PairRun {
  const start = opts.start ?? (0 as Time);
  const sessions: [BfdSession, BfdSession] = [
    createBfdSession(opts.configs[0], opts.uniformAt[0], start),
    createBfdSession(opts.configs[1], opts.uniformAt[1], start),
  ];
  const alive = [true, true];
  let linkUp = true;
  let implied = false;
  let seq = 0;
  let inflight: Flight[] = [];
  const faults = [...(opts.faults ?? [])].sort((a, b) => a.at - b.at);
  let fi = 0;
  const run: PairRun = { sessions, sends: [], changes: [], signals: [], spans: [], events: 0 };

  const handle = (side: Side, outs: BfdOutput[], t: Time): void => {
    for (const o of outs) {
      switch (o.type) {
        case 'send':
          run.sends.push({ at: t, side, index: o.index, packet: o.packet });
          if (linkUp) {
            inflight.push({ at: (t + opts.latency) as Time, sentAt: t, to: other(side), packet: o.packet, seq: seq++ });
          }
          break;
        case 'state-change':
          run.changes.push({ at: t, side, from: o.from, to: o.to, diag: o.diag, reason: o.reason });
          break;
        default:
          run.signals.push({ at: t, side, output: o });
      }
    }
  };

  const thaw = (t: Time): void => {
    if (!implied) return;
    implied = false;
    const last: [LastDelivery | null, LastDelivery | null] = [null, null];
    const pending: Flight[] = [];
    for (const x of [0, 1] as const) {
      const span = sessions[x].implied!;
      // O(1) whatever the span's length: the last send that arrived before t, and those in flight.
      const { last: lastIn, inFlight } = spanDeliveries(span, t, opts.latency);
      last[other(x)] = lastIn;
      for (const send of inFlight) {
        pending.push({
          at: (send.time + opts.latency) as Time,
          sentAt: send.time,
          to: other(x),
          packet: span.packet,
          seq: 0,
        });
      }
      if (opts.expand !== false) {
        for (const send of sendsBetween(span, span.firstSend, t)) {
          run.sends.push({ at: send.time, side: x, index: send.index, packet: span.packet });
        }
      }
    }
    for (const x of [0, 1] as const) {
      const span = sessions[x].implied!;
      const { count } = resumeExplicit(sessions[x], t, last[x]);
      run.spans.push({
        side: x,
        firstIndex: span.firstIndex,
        firstSend: span.firstSend,
        interval: span.grid.interval,
        count,
      });
    }
    pending.sort((a, b) => a.sentAt - b.sentAt || a.to - b.to);
    inflight = [...inflight, ...pending.map((f) => ({ ...f, seq: seq++ }))].sort(
      (a, b) => a.at - b.at || a.seq - b.seq,
    );
  };

  const maybeImply = (): void => {
    if (opts.mode !== 'implied' || implied || !linkUp || !alive[0] || !alive[1]) return;
    if (!steadyPair(sessions[0], sessions[1], opts.latency)) return;
    if (inflight.some((f) => f.packet.poll || f.packet.final)) return;
    implySteady(sessions[0]);
    implySteady(sessions[1]);
    implied = true;
  };

  const applyFault = (f: PairFault, t: Time): void => {
    switch (f.kind) {
      case 'observe':
        return;
      case 'link-down':
        linkUp = false;
        inflight = [];
        return;
      case 'link-up':
        linkUp = true;
        return;
      case 'kill':
        alive[f.side] = false;
        return;
      case 'restart':
        sessions[f.side] = createBfdSession(sessions[f.side].config, opts.uniformAt[f.side], t);
        alive[f.side] = true;
        return;
      case 'admin-down':
      case 'admin-up':
        handle(f.side, step(sessions[f.side], { type: f.kind }, t), t);
        return;
      case 'reconfigure':
        handle(f.side, step(sessions[f.side], { ...f, type: 'reconfigure' }, t), t);
        return;
    }
  };

  for (;;) {
    const tf = fi < faults.length ? faults[fi].at : NEVER;
    const ta = inflight.length > 0 ? inflight[0].at : NEVER;
    const t0 = alive[0] ? nextDeadline(sessions[0]) : NEVER;
    const t1 = alive[1] ? nextDeadline(sessions[1]) : NEVER;
    const t = minTime(minTime(tf, ta), minTime(t0, t1));
    if (t === NEVER || t > until) break;
    run.events++;
    if (tf === t) {
      thaw(t);
      applyFault(faults[fi++], t);
    } else if (ta === t) {
      const f = inflight.shift()!;
      if (alive[f.to]) handle(f.to, step(sessions[f.to], { type: 'receive', packet: f.packet }, t), t);
    } else if (t0 === t) {
      handle(0, step(sessions[0], { type: 'timer' }, t), t);
    } else {
      handle(1, step(sessions[1], { type: 'timer' }, t), t);
    }
    maybeImply();
  }
  // Expand whatever is still implied up to and including `until`.
  thaw((until + 1) as Time);
  run.sends.sort((a, b) => a.at - b.at || a.side - b.side || (a.index ?? -1) - (b.index ?? -1));
  return run;
}

/** A deterministic uniform source keyed by (seed, k): a stand-in for `RandomStreams.keyed`. */
export function hashedUniform(seed: number): UniformAt {
  return (k: number) => {
    let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    return h / 0x1_0000_0000;
  };
}
