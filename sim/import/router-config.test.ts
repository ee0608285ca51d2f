import { describe, expect, it } from 'vitest';
import { parseRouterConfig } from './router-config.js';

// Seed 000 step 4, FRR and Cisco IOS-XE.
const FRR = `vtysh
configure terminal
router bgp 64512
  bgp graceful-restart
  bgp graceful-restart restart-time 120
  bgp graceful-restart stalepath-time 360
  neighbor 10.0.1.10 remote-as 64513
  address-family ipv4 unicast
    neighbor 10.0.1.10 activate
  exit-address-family
end
write memory
`;
const CISCO = `! Enable graceful restart on a Cisco router
router bgp 64512
  bgp graceful-restart
  bgp graceful-restart restart-time 120
  bgp graceful-restart stalepath-time 360
  neighbor 10.0.1.10 remote-as 64513
`;

describe('router configuration lines', () => {
  it('reads the seed FRR block: GR restart mode, restart time, stale-path time, neighbor', () => {
    const c = parseRouterConfig(FRR, 'r.conf');
    expect(c.errors).toEqual([]);
    expect(c.ignored).toEqual([]);
    expect(c.asn).toBe(64512);
    expect(c.bgp).toEqual({ gracefulRestart: { mode: 'restart', restartTime: 120, stalePathTime: 360 } });
    expect(c.neighbors).toEqual([{ address: '10.0.1.10', remoteAs: 64513, line: 7 }]);
    expect(c.applied.map((a) => a.line)).toEqual([4, 5, 6]);
  });

  it('reads the seed Cisco IOS-XE block the same way', () => {
    const c = parseRouterConfig(CISCO, 'r.conf');
    expect(c.bgp).toEqual(parseRouterConfig(FRR, 'r.conf').bgp);
    expect(c.ignored).toEqual([]);
  });

  it('reads timers bgp KEEPALIVE HOLD in that order', () => {
    expect(parseRouterConfig('timers bgp 3 9', 'r').bgp).toMatchObject({ keepaliveTime: 3, holdTime: 9 });
  });

  it('reads the LLGR stale time; 0 means LLGR off, as in FRR', () => {
    expect(parseRouterConfig('bgp long-lived-graceful-restart stale-time 3600', 'r').bgp.llgr).toEqual({
      enabled: true,
      staleTime: 3600,
    });
    expect(parseRouterConfig('bgp long-lived-graceful-restart stale-time 0', 'r').bgp.llgr).toEqual({
      enabled: false,
      staleTime: 0,
    });
  });

  it('reads neighbor bfd (FRR) and fall-over bfd (Cisco), and check-control-plane-failure', () => {
    expect(parseRouterConfig('neighbor 10.0.1.10 bfd', 'r').bgp.bfd).toEqual({ enabled: true });
    expect(parseRouterConfig('neighbor 10.0.1.10 fall-over bfd', 'r').bgp.bfd).toEqual({ enabled: true });
    expect(parseRouterConfig('neighbor 10.0.1.10 bfd check-control-plane-failure', 'r').bgp.bfd).toEqual({
      enabled: true,
      checkControlPlaneFailure: true,
    });
  });

  it('reads maximum-paths, separately for iBGP', () => {
    const c = parseRouterConfig('maximum-paths 8\nmaximum-paths ibgp 4', 'r');
    expect([c.maximumPaths, c.maximumPathsIbgp]).toEqual([8, 4]);
  });

  it('reads the N bit, F bit, selection deferral and per-neighbor GR modes', () => {
    const c = parseRouterConfig(
      'bgp graceful-restart notification\nbgp graceful-restart preserve-fw-state\nbgp graceful-restart select-defer-time 30\nneighbor 10.0.1.10 graceful-restart-helper',
      'r',
    );
    expect(c.bgp.gracefulRestart).toEqual({
      notification: true,
      preserveForwarding: true,
      selectionDeferralTime: 30,
      mode: 'helper',
    });
    expect(parseRouterConfig('bgp graceful-restart-disable', 'r').bgp.gracefulRestart).toEqual({ mode: 'disable' });
  });

  it('lists unknown lines and understood-but-unmodelled lines as ignored, with line numbers and why', () => {
    const c = parseRouterConfig('router bgp 64512\n bgp log-neighbor-changes\n bgp router-id 1.1.1.1\n', 'r');
    expect(c.ignored).toEqual([
      { line: 2, text: 'bgp log-neighbor-changes', why: 'not understood' },
      { line: 3, text: 'bgp router-id 1.1.1.1', why: 'router IDs are not modelled' },
    ]);
  });

  it('rejects values outside the protocol fields, with file and line', () => {
    const c = parseRouterConfig('bgp graceful-restart restart-time 4096\ntimers bgp 1 2', 'r.conf');
    expect(c.errors).toEqual([
      'r.conf:1: "bgp graceful-restart restart-time 4096": 4096 is out of range (0–4095, the 12-bit Restart Time of RFC 4724 §3)',
      'r.conf:2: "timers bgp 1 2": hold time 2 must be 0 or at least 3 s (RFC 4271 §4.2)',
    ]);
  });
});
