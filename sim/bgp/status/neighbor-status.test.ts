import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import { grNet } from '../testing/fixtures.js';
import { neighborGrStatus, notificationReason, selectionDeferralStatus } from './neighbor-status.js';
import { renderNeighborGr } from './render.js';

const frrRestart = { profile: 'frr', gr: { mode: 'restart' as const, preserveForwarding: true } };
const status = (net: ReturnType<typeof grNet>, node: string, peer: string) =>
  neighborGrStatus(net.speaker(node).sessions.get(peer)!, net.now);

describe('neighbor GR status (FRR show bgp neighbors)', () => {
  it('shows Restart both ways with the received bits, F bit and End-of-RIB state', () => {
    const net = grNet({ r: frrRestart, h: frrRestart, rOriginate: ['10.0.0.0/24'], settle: s(200) });
    const st = status(net, 'h', 'r');
    // The session came up inside FRR's 120 s startup window, so the peer's OPEN carried R = 1.
    expect([st.localGrMode, st.remoteGrMode, st.rBit, st.nBit]).toEqual(['Restart', 'Restart', true, true]);
    expect([st.configuredRestartTime, st.receivedRestartTime, st.capability]).toEqual([
      120,
      120,
      'advertised and received',
    ]);
    expect(st.afs[0]).toMatchObject({ name: 'IPv4 Unicast', fBit: true, endOfRibSent: true, endOfRibReceived: true });
    expect(st.endOfRibReceived).toEqual(['IPv4 Unicast']);
    expect(st.addressFamiliesByPeer).toEqual([{ name: 'IPv4 Unicast', preserved: true }]);
    // r sent an UPDATE before its End-of-RIB; h had nothing to send.
    expect(status(net, 'r', 'h').afs[0].endOfRibSentAfterUpdate).toBe(true);
    expect(st.afs[0].endOfRibSentAfterUpdate).toBe(false);
  });

  it('notes the UPDATE sent before End-of-RIB again on each new session', () => {
    const net = grNet({ r: frrRestart, h: frrRestart, rOriginate: ['10.0.0.0/24'], settle: s(200) });
    const before = net.speaker('r').sessions.get('h')!.establishedCount;
    net.input('r', 'h', { type: 'admin-reset' });
    net.runFor(s(200));
    expect(net.speaker('r').sessions.get('h')!.establishedCount).toBe(before + 1);
    expect(status(net, 'r', 'h').afs[0].endOfRibSentAfterUpdate).toBe(true);
  });

  it('reports a helper-only peer as Remote GR Mode Helper, a peer without GR as Disable', () => {
    const helper = { profile: 'frr' };
    expect(status(grNet({ r: helper, h: helper }), 'h', 'r').remoteGrMode).toBe('Helper');
    const none = grNet({ r: { profile: 'frr', gr: { mode: 'disable' as const } }, h: helper });
    expect(status(none, 'h', 'r').remoteGrMode).toBe('Disable');
    expect(status(none, 'r', 'h').remoteGrMode).toBe('NotApplicable');
    expect(status(none, 'r', 'h').localGrMode).toBe('Disable');
  });

  it('counts down the restart and stale-path timers while the peer is away', () => {
    const net = grNet({ r: frrRestart, h: frrRestart, rOriginate: ['10.0.0.0/24'] });
    const t0 = net.now;
    net.crashProcess('r');
    net.runUntil((t0 + s(20) + 1000) as Time);
    const st = status(net, 'h', 'r');
    expect([st.restartTimeRemaining, st.stalePathTimeRemaining]).toEqual([100, 340]);
    expect(st.afs[0].phase).toBe('stale');
    const text = renderNeighborGr(st);
    expect(text).toContain('The remaining time of restart timer is 100');
    expect(text).toContain('The remaining time of stalepath timer is 340');
    expect(text).toContain('Local GR Mode: Restart');
    expect(text).toContain('Configured Stale Path Time(sec): 360');
  });

  it('shows the LLGR stale time and what is left of it', () => {
    const llgr = { profile: 'frr', gr: { mode: 'restart' as const, restartTime: 0 }, llgr: { staleTime: 60 } };
    const net = grNet({ r: llgr, h: llgr, rOriginate: ['10.0.0.0/24'] });
    const t0 = net.now;
    net.crashProcess('r');
    net.runUntil((t0 + s(10) + 1000) as Time);
    const st = status(net, 'h', 'r');
    expect(st.afs[0]).toMatchObject({ llgrStaleTime: 60, llgrStaleRemaining: 50, phase: 'llgr' });
    expect(renderNeighborGr(st)).toContain('LLGR Stale Path Time(sec): 60');
  });

  it('names the last NOTIFICATION in FRR words and flags a Hard Reset', () => {
    expect(notificationReason(4, 0)).toBe('Hold Timer Expired');
    expect(notificationReason(6, 4)).toBe('Cease/Administrative Reset');
    const net = grNet({ r: frrRestart, h: frrRestart });
    net.input('h', 'r', { type: 'admin-reset' });
    net.runFor(s(0.01));
    const st = status(net, 'r', 'h');
    expect([st.lastNotificationReason, st.lastNotificationHardReset]).toEqual(['Cease/Administrative Reset', true]);
    expect(renderNeighborGr(st)).toContain('Last notification: Cease/Administrative Reset (Hard Reset)');
  });

  it('shows the restarting speaker waiting for End-of-RIB with the deferral time left', () => {
    const h = { profile: 'frr', gr: { mode: 'restart' as const, preserveForwarding: true }, sendEndOfRib: false };
    const r = { profile: 'frr', gr: { mode: 'restart' as const, preserveForwarding: true, selectionDeferralTime: 30 } };
    const net = grNet({ r, h, settle: s(200) });
    net.crashProcess('r');
    net.restart('r', { restarting: true });
    const up = net.runUntilTrue(() => net.fsm('r', 'h') === 'Established', s(10));
    net.runUntil((up + s(10)) as Time);
    const d = selectionDeferralStatus(net.speaker('r').deferral, net.now);
    expect(d).toEqual({
      deferring: true,
      remaining: 20,
      waitingFor: [{ peer: 'h', families: ['ipv4-unicast'] }],
      completedBy: null,
    });
    net.runUntil((up + s(31)) as Time);
    expect(selectionDeferralStatus(net.speaker('r').deferral, net.now)).toMatchObject({
      deferring: false,
      completedBy: 'deferral-timer-expired',
    });
  });
});
