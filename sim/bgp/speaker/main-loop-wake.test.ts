/**
 * BIRD ≤ 2.13 applies timer-driven route work at its process's next main-loop wake-up
 * (session/wake-up-lag.ts): how late depends on how busy the rest of the process is.
 */
import { describe, expect, it } from 'vitest';
import { ms, NEVER, s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { sessionWakeSources } from '../session/session.js';
import { Net } from '../testing/net.js';

const P1 = '10.0.1.0/24';
const RESTART = 30;

/** H (the helper under test) with R (the restarter) and `busy` other peers T1…Tn, Established. */
function helperNet(
  profile: string,
  busy: number,
  rTimers: PeerConfigInput['timers'] = {},
  uniform?: () => number,
  passive = false,
): Net {
  const busyTimers = { holdTime: 3 };
  const net = new Net({ uniform });
  const gr = { gr: { mode: 'restart' as const, restartTime: RESTART } };
  const ts = Array.from({ length: busy }, (_, i) => ({
    name: `t${i + 1}`,
    asn: 65100 + i,
    routerId: `3.3.3.${i + 1}`,
    address: `10.0.1.${i + 1}`,
  }));
  net.declare('h', 65002, '10.0.0.2');
  net.add({
    name: 'r',
    asn: 65001,
    routerId: '1.1.1.1',
    address: '10.0.0.1',
    peers: { h: gr },
    originate: [{ prefix: P1 }],
  });
  const hPeers: Record<string, PeerConfigInput> = { r: { profile, ...gr, timers: rTimers, passive } };
  for (const t of ts) hPeers[t.name] = { profile, timers: busyTimers };
  for (const t of ts) net.declare(t.name, t.asn, t.address);
  net.add({ name: 'h', asn: 65002, routerId: '2.2.2.2', address: '10.0.0.2', peers: hPeers });
  for (const t of ts) net.add({ ...t, peers: { h: { profile: 'bird', timers: busyTimers } } });
  // Settle at an off-grid moment, so the keepalive phases do not line up with the crash.
  net.runFor(s(20.3457));
  for (const t of ts) expect(net.fsm('h', t.name)).toBe('Established');
  return net;
}

/** The time of `h`'s gr-phase stale → none for R (the restart timer fired) and of the flush of R's routes. */
function restartTimerAndFlush(net: Net, from: Time): { fired: Time; flushed: Time; down: Time } {
  const out = net.outputs('h', (o) => o.type === 'peer' && o.peer === 'r').filter((e) => e.at >= from);
  const phase = (to: string) =>
    out.find((e) => e.out.type === 'peer' && e.out.output.type === 'gr-phase' && e.out.output.to === to)!.at;
  const flushed = out.find(
    (e) =>
      e.out.type === 'peer' &&
      e.out.output.type === 'routes-sweep-stale' &&
      e.out.output.reason === 'restart-timer-expired',
  )!.at;
  return { down: phase('stale'), fired: phase('none'), flushed };
}

/** Crash R's process and run to just before H's restart timer for R fires. */
function crashAndStopBeforeExpiry(net: Net): { t0: Time; fires: Time } {
  const t0 = net.now;
  net.crashProcess('r');
  net.runUntil((t0 + s(RESTART - 1)) as Time);
  const down = net
    .outputs('h', (o) => o.type === 'peer' && o.peer === 'r' && o.output.type === 'gr-phase' && o.output.to === 'stale')
    .find((x) => x.at >= t0)!.at;
  const fires = (down + s(RESTART)) as Time;
  net.runUntil((fires - 1) as Time);
  return { t0, fires };
}

/**
 * H's own next KEEPALIVE timer to a busy peer, as io_loop's poll sees it: the timer's remaining whole
 * milliseconds + 1 after `fires` (session/wake-up-lag.ts).
 */
function ownWake(net: Net, fires: Time): number {
  const own = [...net.speaker('h').sessions.values()]
    .filter((x) => x.peer !== 'r')
    .map((x) => x.timers.keepalive)
    .filter((t) => t !== NEVER && t > fires);
  const first = Math.min(...own);
  return fires + Math.floor((first - fires) / ms(1)) * ms(1) + ms(1);
}

describe('BIRD 2.13: a GR restart-timer flush waits for the next main-loop wake-up of the whole process', () => {
  it('in an otherwise idle daemon, lands 3 s after the timer fires', () => {
    // Passive towards R: BIRD's connect attempts every 3.75–5 s (proto/bgp/bgp.c bgp_active) would wake it.
    const net = helperNet('bird-2.13', 0, {}, undefined, true);
    const { t0, fires } = crashAndStopBeforeExpiry(net);
    // Nothing of the process is due within the 3 s poll timeout.
    expect(sessionWakeSources(net.speaker('h').sessions.get('r')!, fires).nextTimer - fires).toBeGreaterThan(s(3));
    net.runUntil((fires + s(4)) as Time);
    const r = restartTimerAndFlush(net, t0);
    expect(r.fired).toBe(fires);
    expect(r.flushed - r.fired).toBe(s(3));
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });

  it("in an otherwise idle daemon, lands 3 s after the timer fires even when the session's connect timer was due sooner: the timeout restarts the protocol and its connect delay", () => {
    const net = helperNet('bird-2.13', 0, { connectRetryTime: 2 });
    const { t0, fires } = crashAndStopBeforeExpiry(net);
    const own = sessionWakeSources(net.speaker('h').sessions.get('r')!, fires);
    expect(own.nextPacket).toBe(NEVER);
    expect(own.nextTimer - fires).toBeLessThan(s(3));
    net.runUntil((fires + s(4)) as Time);
    const r = restartTimerAndFlush(net, t0);
    expect(r.fired).toBe(fires);
    // proto/bgp/bgp.c bgp_graceful_restart_timeout → bgp_stop stops the connect timer; bgp_active
    // arms the connect delay again (3.75–5 s), after the 3 s poll timeout (restartExpiry 'restart-protocol').
    expect(r.flushed - r.fired).toBe(s(3));
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });

  it("with many Established peers, lands within a fraction of a second, at a busy session's next KEEPALIVE (a peer's or its own)", () => {
    // Passive towards R, so only the busy sessions wake the loop (not BIRD's connect attempts to R).
    const net = helperNet('bird-2.13', 8, {}, undefined, true);
    const { t0, fires } = crashAndStopBeforeExpiry(net);
    // A deterministic estimate: each peer's next KEEPALIVE is due one interval (hold 3 s / 3) after the
    // last one heard; H's own KEEPALIVE timers wake its loop too.
    const sessions = [...net.speaker('h').sessions.values()].filter((x) => x.peer !== 'r');
    const heard = Math.min(...sessions.map((x) => x.lastReceivedAt + s(1)).filter((t) => t > fires));
    const next = Math.min(heard, ownWake(net, fires));
    net.runUntil((fires + s(4)) as Time);
    const r = restartTimerAndFlush(net, t0);
    expect(r.fired).toBe(fires);
    expect(r.flushed).toBe(next);
    expect(r.flushed - r.fired).toBeLessThan(s(1));
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });

  it("lands when a peer's KEEPALIVE actually arrives, if that is before the estimate (peers jitter theirs down)", () => {
    // BIRD sends KEEPALIVEs at 0.75–1 × the interval: here every 0.875 s, the estimate says 1 s.
    const net = helperNet('bird-2.13', 8, {}, () => 0.5);
    const { t0, fires } = crashAndStopBeforeExpiry(net);
    const sessions = [...net.speaker('h').sessions.values()].filter((x) => x.peer !== 'r');
    const estimate = Math.min(...sessions.map((x) => x.lastReceivedAt + s(1)).filter((t) => t > fires));
    const own = ownWake(net, fires);
    net.runUntil((fires + s(4)) as Time);
    // The first KEEPALIVE a T sends after the timer fired reaches H 1 ms later (the link latency).
    const arrivals = net.log
      .filter((e) => e.node.startsWith('t'))
      .flatMap((e) =>
        e.out.type === 'peer' && e.out.output.type === 'send' && e.out.output.message.type === 'keepalive'
          ? [e.at + ms(1)]
          : [],
      )
      .filter((at) => at > fires);
    const r = restartTimerAndFlush(net, t0);
    expect(r.flushed).toBe(Math.min(...arrivals, own));
    expect(r.flushed).toBeLessThan(estimate);
  });

  it('starts and expires the GR restart timer on time whatever the lag (only the route work waits)', () => {
    for (const busy of [0, 8]) {
      const net = helperNet('bird-2.13', busy);
      const t0 = net.now;
      net.crashProcess('r');
      net.runUntil((t0 + s(RESTART + 4)) as Time);
      const r = restartTimerAndFlush(net, t0);
      // The FIN reaches H after the 1 ms link latency: the restart timer starts then, and fires RESTART s later.
      expect(r.down).toBe(t0 + ms(1));
      expect(r.fired).toBe(r.down + s(RESTART));
      expect(r.flushed).toBeGreaterThan(r.fired);
    }
  });

  it('BIRD 2.19 applies the flush when the restart timer fires, busy or idle', () => {
    for (const busy of [0, 8]) {
      const net = helperNet('bird', busy);
      const t0 = net.now;
      net.crashProcess('r');
      net.runUntil((t0 + s(RESTART + 4)) as Time);
      const r = restartTimerAndFlush(net, t0);
      expect(r.fired).toBe(r.down + s(RESTART));
      expect(r.flushed).toBe(r.fired);
    }
  });
});
