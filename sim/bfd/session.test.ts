import { describe, expect, it } from 'vitest';
import { ms, s, type Time, us } from '../base/time.js';
import { jitterGrid, jitterOffset } from './jitter.js';
import { type BfdControlPacket, BfdDiag } from './packet.js';
import {
  type BfdConfig,
  type BfdSession,
  createBfdSession,
  currentDetectionTime,
  FRR_BFD_DEFAULTS,
  nextDeadline,
  step,
} from './session.js';
import { hashedUniform, type PairFault, type PairRun, runPair, type Side } from './testing/pair-harness.js';
import { BFD_SLOW_TX, detectionTime, negotiatedTxInterval } from './timers.js';

const LATENCY = ms(1);

function cfg(localDiscriminator: number, over: Partial<BfdConfig> = {}): BfdConfig {
  return {
    localDiscriminator,
    ...FRR_BFD_DEFAULTS,
    controlPlaneIndependent: false,
    passive: false,
    ...over,
  };
}

function pair(
  faults: PairFault[],
  until: Time,
  configs: [BfdConfig, BfdConfig] = [cfg(1), cfg(2)],
  mode: 'explicit' | 'implied' = 'explicit',
): PairRun {
  return runPair({ mode, latency: LATENCY, configs, uniformAt: [hashedUniform(11), hashedUniform(22)], faults }, until);
}

/** Arrival time at `rx` of the last packet `tx` sent before `t`. */
function lastArrivalBefore(run: PairRun, tx: Side, t: Time): Time {
  const sent = run.sends.filter((x) => x.side === tx && x.at < t);
  return (sent[sent.length - 1].at + LATENCY) as Time;
}

function periodicGaps(run: PairRun, side: Side, from: Time, to: Time): number[] {
  const times = run.sends
    .filter((x) => x.side === side && x.index !== null && x.at >= from && x.at < to)
    .map((x) => x.at);
  return times.slice(1).map((t, i) => t - times[i]);
}

describe('BFD session (RFC 5880 asynchronous mode)', () => {
  it('brings both ends Down→Init→Up by the three-way handshake (RFC 5880 §6.2, §6.8.6)', () => {
    const run = pair([], s(5));
    for (const side of [0, 1] as const) {
      const path = run.changes.filter((c) => c.side === side).map((c) => `${c.from}→${c.to}`);
      expect(path).toEqual(['Down→Init', 'Init→Up']);
      expect(run.signals.filter((x) => x.side === side && x.output.type === 'session-up').length).toBe(1);
    }
    // The first packets carry state Down and Your Discriminator 0: nothing is known of the peer yet.
    const first = run.sends.filter((x) => x.at === 0);
    expect(first.map((x) => [x.packet.state, x.packet.yourDiscriminator])).toEqual([
      ['Down', 0],
      ['Down', 0],
    ]);
    expect(run.sessions.map((x) => x.state)).toEqual(['Up', 'Up']);
  });

  it('comes up against a passive peer that stays silent until it hears us (RFC 5880 §6.1, §6.8.7)', () => {
    const run = pair([], s(5), [cfg(1), cfg(2, { passive: true })]);
    const firstActive = run.sends.find((x) => x.side === 0)!;
    const firstPassive = run.sends.find((x) => x.side === 1)!;
    expect(firstPassive.at).toBe(firstActive.at + LATENCY);
    expect(firstPassive.packet.yourDiscriminator).toBe(1);
    expect(run.sessions.map((x) => x.state)).toEqual(['Up', 'Up']);
  });

  it('transmits at most once a second while not Up, whatever is configured (RFC 5880 §6.8.3)', () => {
    const lonely = createBfdSession(cfg(1, { desiredMinTx: ms(50) }), hashedUniform(5), us(0));
    const sent: { at: Time; packet: BfdControlPacket }[] = [];
    for (let i = 0; i < 50; i++) {
      const t = nextDeadline(lonely);
      for (const o of step(lonely, { type: 'timer' }, t)) if (o.type === 'send') sent.push({ at: t, packet: o.packet });
    }
    expect(sent.every((x) => x.packet.state === 'Down' && x.packet.desiredMinTx === BFD_SLOW_TX)).toBe(true);
    expect(sent.every((x) => x.packet.requiredMinRx === FRR_BFD_DEFAULTS.requiredMinRx)).toBe(true);
    const gaps = sent.slice(1).map((x, i) => x.at - sent[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.75 * BFD_SLOW_TX);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(BFD_SLOW_TX);
  });

  it('falls back to the slow rate once the session leaves Up (RFC 5880 §6.8.3)', () => {
    const run = pair([{ at: s(5), kind: 'kill', side: 1 }], s(15));
    const down = run.changes.find((c) => c.side === 0 && c.to === 'Down')!;
    const gaps = periodicGaps(run, 0, down.at, s(15));
    expect(gaps.length).toBeGreaterThan(5);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(0.75 * BFD_SLOW_TX);
    const after = run.sends.filter((x) => x.side === 0 && x.at >= down.at);
    expect(after.every((x) => x.packet.desiredMinTx === BFD_SLOW_TX && x.packet.state === 'Down')).toBe(true);
  });

  it('detects a silent peer 900 ms after its last packet with 300 ms × 3, the MetalLB default (RFC 5880 §6.8.4)', () => {
    const kill = s(5);
    const run = pair([{ at: kill, kind: 'kill', side: 1 }], s(8));
    expect(currentDetectionTime(run.sessions[0])).toBe(ms(900));
    const down = run.changes.filter((c) => c.side === 0 && c.to === 'Down');
    expect(down).toEqual([
      {
        at: lastArrivalBefore(run, 1, kill) + ms(900),
        side: 0,
        from: 'Up',
        to: 'Down',
        diag: BfdDiag.ControlDetectionTimeExpired,
        reason: 'detection-time-expired',
      },
    ]);
    const signal = run.signals.find((x) => x.side === 0 && x.output.type === 'session-down')!;
    expect(signal.at).toBe(down[0].at);
  });

  it('reports the failure in its own packets afterwards: state Down, diag 1 (RFC 5880 §4.1, §6.8.4)', () => {
    const run = pair([{ at: s(5), kind: 'kill', side: 1 }], s(8));
    const down = run.changes.find((c) => c.side === 0 && c.to === 'Down')!;
    const next = run.sends.find((x) => x.side === 0 && x.at >= down.at)!;
    expect([next.packet.state, next.packet.diag]).toEqual(['Down', BfdDiag.ControlDetectionTimeExpired]);
  });

  it('times out a peer that vanishes mid-handshake after 3 × 1 s, as the slow rate sets the detection time (RFC 5880 §6.8.3, §6.8.4)', () => {
    const run = pair([{ at: ms(500), kind: 'kill', side: 1 }], s(6));
    const a = run.changes.filter((c) => c.side === 0);
    expect(a.map((c) => `${c.from}→${c.to}`)).toEqual(['Down→Init', 'Init→Down']);
    expect(a[1]).toMatchObject({ at: LATENCY + 3 * BFD_SLOW_TX, diag: BfdDiag.ControlDetectionTimeExpired });
    // Never Up, so BGP is never told anything.
    expect(run.signals.filter((x) => x.side === 0 && x.output.type.startsWith('session-'))).toEqual([]);
  });

  it('counts detection from the time silence begins, not from the fault (RFC 5880 §6.8.4)', () => {
    const cut = s(5) + ms(123);
    const run = pair([{ at: cut as Time, kind: 'link-down' }], s(8));
    for (const side of [0, 1] as const) {
      const peer = side === 0 ? 1 : 0;
      const down = run.changes.find((c) => c.side === side && c.to === 'Down')!;
      const silenceBegan = lastArrivalBefore(run, peer, cut as Time);
      expect(down.at - silenceBegan).toBe(ms(900));
      expect(down.at).toBeLessThan(cut + ms(900));
    }
  });

  it('computes each direction from its own parameters when intervals are asymmetric (RFC 5880 §6.8.2, §6.8.4)', () => {
    const a = cfg(1, { desiredMinTx: ms(100), requiredMinRx: ms(500), detectMult: 3 });
    const b = cfg(2, { desiredMinTx: ms(300), requiredMinRx: ms(200), detectMult: 5 });
    const steady = pair([], s(10), [a, b]);
    const [sa, sb] = steady.sessions;
    // A transmits at max(its 100, B's RequiredMinRx 200); B at max(its 300, A's 500).
    expect(sa.txInterval).toBe(negotiatedTxInterval(ms(100), ms(200)));
    expect(sa.txInterval).toBe(ms(200));
    expect(sb.txInterval).toBe(ms(500));
    // A waits B's Detect Mult 5 × max(A's RequiredMinRx 500, B's DesiredMinTx 300) = 2.5 s;
    // B waits A's 3 × max(B's 200, A's 100) = 600 ms.
    expect(currentDetectionTime(sa)).toBe(detectionTime(5, ms(500), ms(300)));
    expect(currentDetectionTime(sa)).toBe(ms(2500));
    expect(currentDetectionTime(sb)).toBe(ms(600));
    for (const g of periodicGaps(steady, 0, s(5), s(10))) {
      expect(g).toBeGreaterThanOrEqual(0.75 * ms(200));
      expect(g).toBeLessThanOrEqual(ms(200));
    }

    const killB = pair([{ at: s(6), kind: 'kill', side: 1 }], s(12), [a, b]);
    const aDown = killB.changes.find((c) => c.side === 0 && c.to === 'Down')!;
    expect(aDown.at - lastArrivalBefore(killB, 1, s(6))).toBe(ms(2500));
    const killA = pair([{ at: s(6), kind: 'kill', side: 0 }], s(12), [a, b]);
    const bDown = killA.changes.find((c) => c.side === 1 && c.to === 'Down')!;
    expect(bDown.at - lastArrivalBefore(killA, 0, s(6))).toBe(ms(600));
  });

  it('takes the peer Down with diag 3 when it signals AdminDown, and does not restart the handshake (RFC 5880 §6.8.6, §6.8.16)', () => {
    const run = pair([{ at: s(5), kind: 'admin-down', side: 1 }], s(9));
    const b = run.changes.filter((c) => c.side === 1);
    expect(b[b.length - 1]).toMatchObject({
      at: s(5),
      from: 'Up',
      to: 'AdminDown',
      diag: BfdDiag.AdministrativelyDown,
    });
    const firstAdminDown = run.sends.find((x) => x.side === 1 && x.packet.state === 'AdminDown')!;
    expect(firstAdminDown.packet.diag).toBe(BfdDiag.AdministrativelyDown);
    const a = run.changes.filter((c) => c.side === 0);
    expect(a[a.length - 1]).toEqual({
      at: firstAdminDown.at + LATENCY,
      side: 0,
      from: 'Up',
      to: 'Down',
      diag: BfdDiag.NeighborSignaledSessionDown,
      reason: 'neighbor-admin-down',
    });
    expect(run.sessions.map((x) => x.state)).toEqual(['Down', 'AdminDown']);
  });

  it('comes back Up after an administrative enable (RFC 5880 §6.8.16)', () => {
    const run = pair(
      [
        { at: s(5), kind: 'admin-down', side: 1 },
        { at: s(8), kind: 'admin-up', side: 1 },
      ],
      s(14),
    );
    const path = run.changes.filter((c) => c.side === 1).map((c) => c.to);
    expect(path.slice(0, 4)).toEqual(['Init', 'Up', 'AdminDown', 'Down']);
    // Down→Up directly when the peer's Init is what it hears first (§6.8.6), else via Init.
    expect([['Up'], ['Init', 'Up']]).toContainEqual(path.slice(4));
    expect(run.sessions.map((x) => x.state)).toEqual(['Up', 'Up']);
  });

  it('takes the peer Down with diag 3 when a restarted peer reports Down (RFC 5880 §6.8.6)', () => {
    const run = pair([{ at: s(5), kind: 'restart', side: 1 }], s(12));
    const aDown = run.changes.find((c) => c.side === 0 && c.to === 'Down')!;
    expect(aDown).toMatchObject({
      from: 'Up',
      diag: BfdDiag.NeighborSignaledSessionDown,
      reason: 'neighbor-signaled-down',
    });
    expect(aDown.at).toBe(s(5) + LATENCY); // the restarted session sends its first Down packet at once
    expect(run.sessions.map((x) => x.state)).toEqual(['Up', 'Up']);
  });

  it('jitters every periodic gap into 75–100 % of the negotiated interval (RFC 5880 §6.8.7)', () => {
    const run = pair([], s(60));
    const gaps = periodicGaps(run, 0, s(5), s(60));
    expect(gaps.length).toBeGreaterThan(150);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(ms(225));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(ms(300));
    // The reduction is spread over the whole range, not a constant.
    expect(Math.min(...gaps)).toBeLessThan(ms(240));
    expect(Math.max(...gaps)).toBeGreaterThan(ms(285));
  });

  it('keeps gaps within 75–90 % when Detect Mult is 1, so one late packet is not a failure (RFC 5880 §6.8.7)', () => {
    const run = pair([], s(60), [cfg(1, { detectMult: 1 }), cfg(2, { detectMult: 1 })]);
    const gaps = periodicGaps(run, 0, s(5), s(60));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(ms(225));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(ms(270));
    expect(run.changes.filter((c) => c.to === 'Down')).toEqual([]);
  });

  it('sets P on periodic packets after reaching Up until the peer answers with F (RFC 5880 §6.5, §6.8.3)', () => {
    const run = pair([], s(5));
    for (const side of [0, 1] as const) {
      const up = run.changes.find((c) => c.side === side && c.to === 'Up')!;
      const terminated = run.signals.find((x) => x.side === side && x.output.type === 'poll-terminated')!;
      const polls = run.sends.filter((x) => x.side === side && x.packet.poll);
      expect(polls.length).toBeGreaterThan(0);
      for (const p of polls) {
        expect(p.at).toBeGreaterThanOrEqual(up.at);
        expect(p.at).toBeLessThan(terminated.at);
        expect(p.packet.desiredMinTx).toBe(ms(300));
      }
      // The peer answers each Poll at once with F (and never P and F together).
      const peer = side === 0 ? 1 : 0;
      for (const p of polls) {
        const answer = run.sends.find((x) => x.side === peer && x.packet.final && x.at === p.at + LATENCY);
        expect(answer?.packet.poll).toBe(false);
      }
      expect(run.sends.filter((x) => x.side === side && x.at > terminated.at && x.packet.poll)).toEqual([]);
    }
  });

  it('keeps the old TX interval until the Final when DesiredMinTx grows while Up (RFC 5880 §6.8.3)', () => {
    const change = s(5);
    const run = pair([{ at: change, kind: 'reconfigure', side: 0, desiredMinTx: s(2) }], s(20));
    const done = run.signals.find((x) => x.side === 0 && x.output.type === 'poll-terminated' && x.at > change)!;
    const polled = run.sends.filter((x) => x.side === 0 && x.at >= change && x.packet.poll);
    expect(polled.length).toBeGreaterThan(0);
    expect(polled.every((x) => x.packet.desiredMinTx === s(2))).toBe(true);
    // The first Poll goes out on the old schedule (≤ 300 ms after the previous packet).
    for (const g of periodicGaps(run, 0, s(4), done.at)) expect(g).toBeLessThanOrEqual(ms(300));
    for (const g of periodicGaps(run, 0, done.at, s(20))) {
      expect(g).toBeGreaterThanOrEqual(ms(1500));
      expect(g).toBeLessThanOrEqual(s(2));
    }
    expect(currentDetectionTime(run.sessions[1])).toBe(s(6));
    expect(run.changes.filter((c) => c.to === 'Down')).toEqual([]);
  });

  it('keeps the old RequiredMinRx for detection until the Final when it shrinks while Up (RFC 5880 §6.8.3)', () => {
    const a = createBfdSession(cfg(1), () => 0, us(0));
    const b = createBfdSession(cfg(2, { desiredMinTx: ms(100) }), () => 0, us(0));
    const deliver = (rx: BfdSession, tx: BfdSession, t: number, poll = false, final = false) =>
      step(rx, { type: 'receive', packet: pkt(tx, poll, final) }, us(t));
    deliver(a, b, 1);
    deliver(b, a, 2);
    deliver(a, b, 3);
    deliver(b, a, 4);
    expect([a.state, b.state]).toEqual(['Up', 'Up']);
    deliver(a, b, 5, false, true); // b's answer to a's Poll after Up
    deliver(b, a, 6, false, true);
    expect(currentDetectionTime(a)).toBe(ms(900)); // 3 × max(300, 100)
    step(a, { type: 'reconfigure', requiredMinRx: ms(50) }, us(10));
    expect(a.pollActive).toBe(true);
    expect(currentDetectionTime(a)).toBe(ms(900));
    deliver(a, b, 20, false, true);
    expect(a.pollActive).toBe(false);
    expect(currentDetectionTime(a)).toBe(ms(300)); // 3 × max(50, 100)
  });

  it('answers a Poll even while AdminDown, without taking the packet into account (RFC 5880 §6.8.6, §6.8.7)', () => {
    const st = createBfdSession(cfg(1), () => 0, us(0));
    step(st, { type: 'admin-down' }, us(1));
    const peer = createBfdSession(cfg(2), () => 0, us(0));
    const out = step(st, { type: 'receive', packet: pkt(peer, true, false) }, us(2));
    expect(st.state).toBe('AdminDown');
    expect(st.detectDeadline).toBe(Number.MAX_SAFE_INTEGER);
    expect(out).toEqual([
      { type: 'send', index: null, packet: expect.objectContaining({ final: true, poll: false, state: 'AdminDown' }) },
    ]);
  });

  it('discards a packet addressed to another discriminator or carrying authentication (RFC 5880 §6.8.6)', () => {
    const st = createBfdSession(cfg(1), () => 0, us(0));
    const peer = createBfdSession(cfg(2), () => 0, us(0));
    peer.remoteDiscr = 99;
    expect(step(st, { type: 'receive', packet: { ...pkt(peer), state: 'Init' } }, us(1))).toEqual([
      { type: 'discard', reason: 'your-discriminator-unknown' },
    ]);
    peer.remoteDiscr = 0;
    expect(step(st, { type: 'receive', packet: { ...pkt(peer), auth: new Uint8Array([1, 2]) } }, us(2))).toEqual([
      { type: 'discard', reason: 'authentication-mismatch' },
    ]);
    expect(st.remoteDiscr).toBe(0);
    expect(st.state).toBe('Down');
  });

  it('forgets the remote discriminator once a Detection Time passes in silence (RFC 5880 §6.8.1)', () => {
    const run = pair([{ at: s(5), kind: 'kill', side: 1 }], s(8));
    expect(run.sessions[0].remoteDiscr).toBe(0);
    const after = run.sends.filter((x) => x.side === 0 && x.at > s(6));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((x) => x.packet.yourDiscriminator === 0)).toBe(true);
  });

  it('carries the C bit it is configured with and exposes the peer’s (RFC 5880 §4.1, RFC 5882 §4.3)', () => {
    const run = pair([{ at: s(5), kind: 'kill', side: 1 }], s(8), [
      cfg(1, { controlPlaneIndependent: true }),
      cfg(2, { controlPlaneIndependent: false }),
    ]);
    expect(run.sends.filter((x) => x.side === 0).every((x) => x.packet.controlPlaneIndependent)).toBe(true);
    expect(run.sends.filter((x) => x.side === 1).some((x) => x.packet.controlPlaneIndependent)).toBe(false);
    const down = run.signals.find((x) => x.side === 0 && x.output.type === 'session-down')!.output;
    expect(down).toMatchObject({ localCBit: true, remoteCBit: false });
  });

  it('places each periodic send on its jittered grid point, the draw keyed by its index (RFC 5880 §6.8.7)', () => {
    const draws = [0.9, 0.1, 0.5, 0.3];
    const st = createBfdSession(cfg(1), (k) => draws[k % 4], us(0));
    const times: Time[] = [];
    for (let i = 0; i < 4; i++) {
      const t = nextDeadline(st);
      step(st, { type: 'timer' }, t);
      times.push(t);
    }
    const grid = jitterGrid(BFD_SLOW_TX, 3);
    const offsets = draws.map((u) => jitterOffset(grid, u));
    // The first send goes out at once; later ones keep their distance from it on the grid.
    expect(times[0]).toBe(0);
    expect(times.map((t, k) => t - k * grid.step - offsets[k])).toEqual([0, 0, 0, 0].map(() => -offsets[0]));
  });
});

function pkt(st: BfdSession, poll = false, final = false): BfdControlPacket {
  return {
    version: 1,
    diag: st.localDiag,
    state: st.state,
    poll,
    final,
    controlPlaneIndependent: st.config.controlPlaneIndependent,
    demand: false,
    multipoint: false,
    detectMult: st.config.detectMult,
    myDiscriminator: st.config.localDiscriminator,
    yourDiscriminator: st.remoteDiscr,
    desiredMinTx: st.desiredMinTx,
    requiredMinRx: st.requiredMinRx,
    requiredMinEchoRx: us(0),
    auth: null,
  };
}
