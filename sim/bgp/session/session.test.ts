import { describe, expect, it } from 'vitest';
import { NEVER, s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { grNet } from '../testing/fixtures.js';
import { testSession } from '../testing/session.js';
import type { Capability, OpenMessage } from '../wire/message.js';
import { type SessionState, sessionNextDeadline, stepSession } from './session.js';
import type { SessionOutput } from './types.js';

const T0 = 0 as Time;

const session = (cfg: PeerConfigInput = {}, uniform = () => 0): SessionState => testSession(cfg, uniform);

function open(holdTime: number, caps: Capability[] = [], myAs = 65002): OpenMessage {
  return { type: 'open', version: 4, myAs, holdTime, bgpId: '2.2.2.2', capabilities: caps };
}

const states = (out: SessionOutput[]) => out.flatMap((o) => (o.type === 'state-change' ? [o.to] : []));
const sent = (out: SessionOutput[]) => out.flatMap((o) => (o.type === 'send' ? [o.message] : []));

/** Drive a session to Established against a peer proposing `peerHold`. */
function establish(st: SessionState, peerHold = 90, caps: Capability[] = []): SessionOutput[] {
  const out = [
    ...stepSession(st, { type: 'manual-start' }, T0),
    ...stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, T0),
    ...stepSession(st, { type: 'message', conn: 1, message: open(peerHold, caps) }, T0),
    ...stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, T0),
  ];
  return out;
}

describe('session FSM (RFC 4271 §8)', () => {
  it('walks Idle → Connect → OpenSent → OpenConfirm → Established, sending OPEN then KEEPALIVE', () => {
    const st = session();
    const out = establish(st);
    expect(states(out)).toEqual(['Connect', 'OpenSent', 'OpenConfirm', 'Established']);
    expect(sent(out).map((m) => m.type)).toEqual(['open', 'keepalive']);
    expect(out.some((o) => o.type === 'tcp-connect')).toBe(true);
    expect(out.some((o) => o.type === 'established')).toBe(true);
  });

  it('negotiates the smaller hold time and a keepalive of a third of it, jittered by the driver draw', () => {
    const st = session({ timers: { holdTime: 90 } });
    establish(st, 30);
    expect(st.holdTime).toBe(30);
    expect(st.keepaliveTime).toBe(10);
    // uniform() = 0 ⇒ factor 0.75 (RFC 4271 §10).
    expect(st.timers.keepalive).toBe(s(7.5));
    expect(st.timers.hold).toBe(s(30));
    expect(sessionNextDeadline(st)).toBe(s(7.5));
  });

  it('refuses an OPEN with a 2 s hold time with OPEN Message Error / Unacceptable Hold Time', () => {
    const st = session();
    stepSession(st, { type: 'manual-start' }, T0);
    stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, T0);
    const out = stepSession(st, { type: 'message', conn: 1, message: open(2) }, T0);
    expect(sent(out)).toEqual([{ type: 'notification', code: 2, subcode: 6, data: new Uint8Array(0) }]);
    expect(states(out)).toEqual(['Idle']);
    // Automatic restart after the 1 s idle hold.
    expect(states(stepSession(st, { type: 'tick' }, s(1)))).toEqual(['Connect']);
  });

  it('refuses an OPEN from an unexpected AS with Bad Peer AS', () => {
    const st = session();
    stepSession(st, { type: 'manual-start' }, T0);
    stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, T0);
    const out = stepSession(st, { type: 'message', conn: 1, message: open(90, [], 65099) }, T0);
    expect(sent(out).map((m) => (m.type === 'notification' ? [m.code, m.subcode] : []))).toEqual([[2, 2]]);
  });

  it('answers a KEEPALIVE in OpenSent with an FSM Error (RFC 6608 subcode 1)', () => {
    const st = session();
    stepSession(st, { type: 'manual-start' }, T0);
    stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, T0);
    const out = stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, T0);
    expect(sent(out).map((m) => (m.type === 'notification' ? [m.code, m.subcode] : []))).toEqual([[5, 1]]);
  });

  it('falls back to Active when the connection is refused and retries after the jittered ConnectRetry time', () => {
    const st = session({ timers: { connectRetryTime: 120 } });
    stepSession(st, { type: 'manual-start' }, T0);
    const out = stepSession(st, { type: 'tcp-connection-fails' }, T0);
    expect(states(out)).toEqual(['Active']);
    expect(sessionNextDeadline(st)).toBe(s(90));
    const retry = stepSession(st, { type: 'tick' }, s(90));
    expect(states(retry)).toEqual(['Connect']);
    expect(retry.some((o) => o.type === 'tcp-connect')).toBe(true);
  });

  it('refuses an incoming connection while Idle', () => {
    const st = session();
    const out = stepSession(st, { type: 'tcp-established', conn: 7, outbound: true }, T0);
    expect(out).toEqual([{ type: 'tcp-close', conn: 7, reason: 'idle' }]);
    expect(st.fsm).toBe('Idle');
  });

  it('FRR takes an incoming connection in Idle once Clearing (10 ms after a session that carried routes) is over, and closes one that comes while Clearing', () => {
    const update = { type: 'update' as const, withdrawn: [], attributes: {}, nlri: [{ prefix: '10.0.0.0/24' }] };
    const withRoutes = () => {
      const st = session({ profile: 'frr-8.4' });
      establish(st);
      stepSession(st, { type: 'message', conn: 1, message: update as never }, T0);
      stepSession(st, { type: 'tcp-closed', conn: 1 }, s(1));
      return st;
    };
    const clearing = withRoutes();
    // bgp_clear_node_queue_init spec.hold = 10 ms, then the 1 s start timer (bgp_fsm.c Clearing → Idle).
    expect(clearing.timers.idleHold).toBe(s(2.01));
    expect(stepSession(clearing, { type: 'tcp-established', conn: 2, outbound: false }, s(1.005))).toEqual([
      { type: 'tcp-close', conn: 2, reason: 'idle' },
    ]);
    const idle = withRoutes();
    const out = stepSession(idle, { type: 'tcp-established', conn: 3, outbound: false }, s(1.5));
    expect(states(out)).toEqual(['Active', 'OpenSent']);
    expect(sent(out).map((m) => m.type)).toEqual(['open']);
    expect(idle.timers.idleHold).toBe(NEVER);
    // Nothing learned, nothing to clear: Idle (and the start timer) at once.
    const bare = session({ profile: 'frr-8.4' });
    establish(bare);
    stepSession(bare, { type: 'tcp-closed', conn: 1 }, s(1));
    expect(bare.timers.idleHold).toBe(s(2));
  });

  it('sends a KEEPALIVE when the keepalive timer fires and re-arms it', () => {
    const st = session({ timers: { holdTime: 90 } });
    establish(st);
    const out = stepSession(st, { type: 'tick' }, s(22.5));
    expect(sent(out)).toEqual([{ type: 'keepalive' }]);
    expect(st.timers.keepalive).toBe(s(45));
  });

  it('restarts the hold timer on every message received', () => {
    const st = session({ timers: { holdTime: 90 } });
    establish(st);
    stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, s(50));
    expect(st.timers.hold).toBe(s(140));
  });

  it('runs no hold or keepalive timer when the negotiated hold time is 0', () => {
    const st = session({ timers: { holdTime: 0 } });
    establish(st, 90);
    expect(st.holdTime).toBe(0);
    expect([st.timers.hold, st.timers.keepalive]).toEqual([NEVER, NEVER]);
  });

  it('ignores messages on a connection that is not the session one', () => {
    const st = session();
    establish(st);
    const out = stepSession(
      st,
      { type: 'message', conn: 9, message: { type: 'notification', code: 6, subcode: 2, data: new Uint8Array() } },
      T0,
    );
    expect(out).toEqual([]);
    expect(st.fsm).toBe('Established');
  });

  it('stays down after a manual stop and restarts automatically after any other failure', () => {
    const st = session({ timers: { idleHoldTime: 5 } });
    establish(st);
    stepSession(st, { type: 'manual-stop' }, T0);
    expect(st.fsm).toBe('Idle');
    expect(st.timers.idleHold).toBe(NEVER);
    const st2 = session({ timers: { idleHoldTime: 5 } });
    establish(st2);
    stepSession(st2, { type: 'tcp-closed', conn: 1 }, T0);
    expect(st2.timers.idleHold).toBe(s(5));
    expect(states(stepSession(st2, { type: 'tick' }, s(5)))).toEqual(['Connect']);
  });
});

describe('session transport events between two speakers', () => {
  const rfc = { profile: 'rfc', timers: { holdTime: 9 } };
  it('detects a silent peer only by the hold timer, one hold time after the last message', () => {
    const net = grNet({ r: rfc, h: rfc });
    const last = net.log
      .filter((e) => e.node === 'r' && e.out.type === 'peer' && e.out.output.type === 'send')
      .at(-1)!.at;
    const t0 = net.now;
    net.blackhole('r', 'h');
    net.runFor(s(20));
    const down = net.speaker('h').sessions.get('r')!.lastDownAt;
    expect(net.speaker('h').sessions.get('r')!.lastDownReason).toBe('hold-timer-expired');
    expect(down).toBeGreaterThan(t0);
    // The last KEEPALIVE from r reached h 1 ms after it was sent; no input came since.
    const lastKa = net.log
      .filter((e) => e.node === 'r' && e.at < t0 && e.out.type === 'peer' && e.out.output.type === 'send')
      .at(-1)!.at;
    expect(down - (lastKa + 1000)).toBeLessThanOrEqual(s(9));
    expect(last).toBeLessThan(t0);
  });

  it('treats a FIN from a live kernel as session loss at once', () => {
    const net = grNet({ r: rfc, h: rfc });
    const t0 = net.now;
    net.crashProcess('r');
    net.runFor(s(0.002));
    expect(net.speaker('h').sessions.get('r')!.lastDownReason).toBe('tcp-closed');
    expect(net.speaker('h').sessions.get('r')!.lastDownAt).toBe(t0 + 1000);
  });

  it('keeps a session with hold time 0 up through any silence', () => {
    const zero = { profile: 'rfc', timers: { holdTime: 0 } };
    const net = grNet({ r: zero, h: zero });
    net.blackhole('r', 'h');
    net.runFor(s(10_000));
    expect(net.fsm('h', 'r')).toBe('Established');
  });

  it('sends a KEEPALIVE every third of the hold time', () => {
    const net = grNet({ r: rfc, h: rfc, settle: s(31) });
    const kas = net.log.filter(
      (e) =>
        e.node === 'h' &&
        e.out.type === 'peer' &&
        e.out.output.type === 'send' &&
        e.out.output.message.type === 'keepalive',
    );
    // One in OpenSent→OpenConfirm, then one every 3 s (no jitter in the test net).
    expect(kas.length).toBeGreaterThanOrEqual(10);
    expect(kas.length).toBeLessThanOrEqual(12);
  });

  it('the FRR helper only listens while it waits for a GR peer; the rfc helper keeps retrying', () => {
    const frr = {
      profile: 'frr',
      gr: { mode: 'restart' as const, preserveForwarding: true },
      timers: { connectRetryTime: 5 },
    };
    const net = grNet({ r: frr, h: frr, rOriginate: ['10.0.0.0/24'] });
    net.crashProcess('r');
    net.runFor(s(3));
    const h = net.speaker('h').sessions.get('r')!;
    expect(h.fsm).toBe('Active');
    expect(h.timers.connectRetry).toBe(NEVER);
    const rfcNet = grNet({
      r: { profile: 'rfc' },
      h: { profile: 'rfc', timers: { connectRetryTime: 5 } },
      rOriginate: ['10.0.0.0/24'],
    });
    rfcNet.crashProcess('r');
    rfcNet.runFor(s(3));
    expect(rfcNet.speaker('h').sessions.get('r')!.timers.connectRetry).not.toBe(NEVER);
  });
});

describe('BFD down (RFC 5882, RFC 9384)', () => {
  const frr = { profile: 'frr', gr: { mode: 'restart' as const, preserveForwarding: true } };
  it('while Established sends Cease/BFD Down, as a Hard Reset with N, and flushes the peer routes', () => {
    const net = grNet({ r: frr, h: frr, rOriginate: ['10.0.0.0/24'] });
    const t0 = net.now;
    net.input('h', 'r', { type: 'bfd-down' });
    net.runFor(s(0.01));
    const sent = net.notificationsSent('h', 'r').filter((n) => n.at >= t0);
    expect(sent.map((n) => [n.code, n.subcode, n.data[0], n.data[1]])).toEqual([[6, 9, 6, 10]]);
    expect(net.route('h', 'r', '10.0.0.0/24')).toBeUndefined();
    expect(net.route('r', 'h', '10.0.0.0/24')).toBeUndefined();
  });
  it('a process stop with GR exchanged is narrated as FRR/BIRD behaviour with the RFC 4724 §4 reason, not §4.1', () => {
    const st = session({ profile: 'frr', gr: { mode: 'restart' } });
    const caps: Capability[] = [
      { type: 'graceful-restart', restartState: false, notification: false, restartTime: 120, afis: [] },
    ];
    establish(st, 90, caps);
    const out = stepSession(st, { type: 'process-stop' }, s(1));
    const why = out.flatMap((o) => (o.type === 'explain' ? [o] : []));
    expect(why.map((w) => w.clause)).toEqual(['FRR bgp_terminate / BIRD graceful restart']);
    expect(why[0].text).toMatch(/RFC 4724 §4/);
    expect(sent(out).some((m) => m.type === 'notification')).toBe(false);
  });
  it('with BIRD `bfd graceful` closes without NOTIFICATION and keeps the routes stale', () => {
    const bird = { profile: 'bird', gr: { mode: 'restart' as const }, behaviour: { bfdDown: 'graceful' as const } };
    const net = grNet({ r: bird, h: bird, rOriginate: ['10.0.0.0/24'] });
    const t0 = net.now;
    net.input('h', 'r', { type: 'bfd-down' });
    net.runFor(s(0.01));
    expect(net.notificationsSent('h', 'r').filter((n) => n.at >= t0)).toEqual([]);
    expect(net.route('h', 'r', '10.0.0.0/24')).toBe('stale');
  });
  it('after the TCP close is ignored unless forwarding is known lost, which aborts GR (RFC 5882 §4.3.1)', () => {
    const net = grNet({ r: frr, h: frr, rOriginate: ['10.0.0.0/24'] });
    net.crashProcess('r');
    net.runFor(s(0.9));
    net.input('h', 'r', { type: 'bfd-down' });
    expect(net.route('h', 'r', '10.0.0.0/24')).toBe('stale');
    net.input('h', 'r', { type: 'bfd-down', abortGr: true });
    expect(net.route('h', 'r', '10.0.0.0/24')).toBeUndefined();
  });
});

describe('pair harness knobs', () => {
  it('establishes and converges through a lossy link, only later, and deterministically per seed', () => {
    const run = (loss: number, seed: number) => {
      const net = grNet({
        r: { profile: 'rfc' },
        h: { profile: 'rfc' },
        rOriginate: ['10.0.0.0/24'],
        loss,
        seed,
        settle: s(0),
      });
      return net.runUntilTrue(() => net.route('h', 'r', '10.0.0.0/24') === 'fresh', s(60));
    };
    const clean = run(0, 1);
    const lossy = run(0.5, 7);
    expect(lossy).toBeGreaterThan(clean);
    expect(run(0.5, 7)).toBe(lossy);
  });
  it('uses a large hold timer in OpenSent (RFC 4271 §8.2.2: 4 minutes)', () => {
    const st = session();
    stepSession(st, { type: 'manual-start' }, T0);
    stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, T0);
    expect(st.timers.hold).toBe(s(240));
    const out = stepSession(st, { type: 'tick' }, s(240));
    expect(sent(out).map((m) => (m.type === 'notification' ? m.code : -1))).toEqual([4]);
  });
});

describe('GR while the peer fails to come back', () => {
  it('a reconnection that fails before Established leaves the stale routes and the restart timer alone', () => {
    const cfg = { profile: 'rfc', gr: { restartTime: 60 } };
    const net = grNet({ r: cfg, h: cfg, rOriginate: ['10.0.0.0/24'] });
    const t0 = net.now;
    net.crashProcess('r');
    net.runFor(s(1));
    const deadline = net.speaker('h').sessions.get('r')!.helper.afs.get('ipv4-unicast')!.restartDeadline;
    expect(deadline).toBe(t0 + 1000 + s(60));
    // R comes back misconfigured (wrong AS): H refuses its OPEN, again and again.
    net.restart('r', { restarting: true, spec: { asn: 65099 } });
    net.runFor(s(30));
    const errors = net.notificationsSent('h', 'r').filter((n) => n.at > t0 && n.code === 2);
    expect(errors.length).toBeGreaterThan(0);
    expect(net.route('h', 'r', '10.0.0.0/24')).toBe('stale');
    expect(net.speaker('h').sessions.get('r')!.helper.afs.get('ipv4-unicast')!.restartDeadline).toBe(deadline);
    net.runUntil((deadline + 1) as Time);
    expect(net.route('h', 'r', '10.0.0.0/24')).toBeUndefined();
  });
});

describe('implied keepalives (steady state without per-packet steps)', () => {
  it('arms no keepalive or hold timer while on, and resumes both from the times the driver gives', () => {
    const st = session({ timers: { holdTime: 90 } });
    establish(st);
    stepSession(st, { type: 'implied-keepalives', on: true }, T0);
    expect([st.timers.hold, st.timers.keepalive]).toEqual([NEVER, NEVER]);
    expect(sessionNextDeadline(st)).toBe(NEVER);
    // An UPDATE still arrives, but does not re-arm the hold timer while implied.
    stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, s(100));
    expect(st.timers.hold).toBe(NEVER);
    // Silence begins: the peer's last KEEPALIVE (implied) arrived at 3590 s; ours is next due at 3600 s.
    stepSession(st, { type: 'implied-keepalives', on: false, lastReceivedAt: s(3590), nextSendAt: s(3600) }, s(3595));
    expect([st.timers.hold, st.timers.keepalive]).toEqual([s(3680), s(3600)]);
    const out = stepSession(st, { type: 'tick' }, s(3680));
    expect(st.lastDownReason).toBe('hold-timer-expired');
    expect(sent(out).some((m) => m.type === 'notification' && m.code === 4)).toBe(true);
  });
  it('detects the hold-timer expiry at the same time as the explicit schedule would', () => {
    const explicit = session({ timers: { holdTime: 9 } });
    establish(explicit);
    // Explicit: the peer's KEEPALIVEs arrive every 3 s up to 30 s, then silence.
    for (let t = 3; t <= 30; t += 3)
      stepSession(explicit, { type: 'message', conn: 1, message: { type: 'keepalive' } }, s(t));
    const implied = session({ timers: { holdTime: 9 } });
    establish(implied);
    stepSession(implied, { type: 'implied-keepalives', on: true }, T0);
    stepSession(implied, { type: 'implied-keepalives', on: false, lastReceivedAt: s(30), nextSendAt: s(30.75) }, s(31));
    expect(sessionNextDeadline(implied) <= s(39)).toBe(true);
    expect(implied.timers.hold).toBe(explicit.timers.hold);
  });
});
