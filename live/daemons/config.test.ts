import { describe, expect, it } from 'vitest';
import { birdConfig } from './config/bird.js';
import { frrConfig } from './config/frr.js';
import { gobgpConfig } from './config/gobgp.js';
import { type DaemonSession, formatProblem } from './config/session.js';

const s = (bgp: object): DaemonSession => ({
  router: { name: 'tor-1', asn: 64512, bgp } as DaemonSession['router'],
  where: 'routers[0]',
  routerAddress: '10.0.0.1',
  neighbors: [{ address: '10.0.1.11', asn: 64513 }],
  dir: '/tmp/x',
});
const problems = (g: ReturnType<typeof frrConfig>) => (g.ok ? [] : g.problems.map(formatProblem));

describe('config generators', () => {
  it('FRR renders helper GR timers, N bit, LLGR stale time and neighbor timers', () => {
    const g = frrConfig(
      s({
        profile: 'frr-8.4',
        holdTime: 9,
        keepaliveTime: 3,
        gracefulRestart: { restartTime: 6, stalePathTime: 30, notification: true },
        llgr: { enabled: true, staleTime: 20 },
      }),
    );
    expect(g.ok && g.text).toContain(' bgp graceful-restart restart-time 6');
    expect(g.ok && g.text).toContain(' bgp graceful-restart stalepath-time 30');
    expect(g.ok && g.text).toContain(' bgp graceful-restart notification');
    expect(g.ok && g.text).toContain(' bgp long-lived-graceful-restart stale-time 20');
    expect(g.ok && g.text).toContain(' neighbor 10.0.1.11 timers 3 9');
  });
  it('BIRD refuses a stale-path timer, the N bit and F, naming field, value and reason', () => {
    const p = problems(
      birdConfig(
        s({
          profile: 'bird-2.0',
          gracefulRestart: { stalePathTime: 30, notification: true, preserveForwarding: true },
        }),
      ),
    );
    expect(p).toEqual([
      'routers[0].bgp.gracefulRestart.stalePathTime: 30: BIRD 2.0.12 has no stale-path timer',
      'routers[0].bgp.gracefulRestart.notification: true: BIRD 2.0.12 does not implement RFC 8538 (the N bit is always 0)',
      'routers[0].bgp.gracefulRestart.preserveForwarding: true: BIRD sets F only when started with -R; no config knob sets it',
    ]);
  });
  it('GoBGP refuses a stale-path timer and BFD; every daemon refuses a profile that is not the installed one', () => {
    const p = problems(
      gobgpConfig(s({ profile: 'gobgp', gracefulRestart: { stalePathTime: 30 }, bfd: { enabled: true } })),
    );
    expect(p.map((x) => x.split(':')[0])).toEqual([
      'routers[0].bgp.profile',
      'routers[0].bgp.bfd.enabled',
      'routers[0].bgp.gracefulRestart.stalePathTime',
    ]);
  });
  it('BIRD renders aware / on / LLGR, hold and keepalive, with multihop and strict bind for loopback addresses', () => {
    const g = birdConfig(
      s({
        profile: 'bird-2.0',
        holdTime: 9,
        keepaliveTime: 3,
        gracefulRestart: { mode: 'helper', restartTime: 6 },
        llgr: { enabled: true, staleTime: 20 },
      }),
    );
    for (const l of [
      'graceful restart aware;',
      'graceful restart time 6;',
      'long lived graceful restart on;',
      'long lived stale time 20;',
      'hold time 9;',
      'multihop;',
      'strict bind yes;',
    ]) {
      expect(g.ok && g.text).toContain(l);
    }
  });
});
