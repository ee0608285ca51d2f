import { describe, expect, it } from 'vitest';
import { NEVER, s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { mustResolve } from '../profile/registry.js';
import { IPV4_UNICAST, IPV6_UNICAST } from '../profile/rfc.js';
import type { Capability, OpenMessage } from '../wire/message.js';
import { grCapabilities, negotiateGr } from './capabilities.js';
import {
  createHelperState,
  fireHelperTimers,
  helperAbort,
  helperDeadline,
  helperEndOfRib,
  helperReestablished,
  helperSessionDown,
  type RouteAction,
} from './helper.js';

const open = (capabilities: Capability[]): OpenMessage => ({
  type: 'open',
  version: 4,
  myAs: 1,
  holdTime: 90,
  bgpId: '9.9.9.9',
  capabilities,
});
const peerGr = (
  restartTime: number,
  afs: { afi: number; safi: number; f?: boolean }[],
  llst?: number,
): Capability[] => {
  const caps: Capability[] = [
    {
      type: 'graceful-restart',
      restartState: false,
      notification: false,
      restartTime,
      afis: afs.map((a) => ({ afi: a.afi, safi: a.safi, forwardingState: a.f ?? true })),
    },
  ];
  if (llst !== undefined)
    caps.push({
      type: 'llgr',
      afis: afs.map((a) => ({ afi: a.afi, safi: a.safi, forwardingState: a.f ?? true, staleTime: llst })),
    });
  return caps;
};

function setup(input: PeerConfigInput, caps: Capability[]) {
  const cfg = mustResolve(input);
  const local = open(grCapabilities(cfg, { restarting: false, startedAt: 0 as Time, hadEstablished: false }, s(1000)));
  const neg = negotiateGr(cfg, local, open(caps));
  const h = createHelperState(cfg);
  return { cfg, neg, h };
}
const GR = { gr: true, clause: 'RFC 4724 §4.2', text: '' };
const kinds = (out: RouteAction[]) => out.filter((o) => o.type !== 'gr-phase').map((o) => `${o.type}:${o.reason}`);

describe('GR helper (RFC 4724 §4.2)', () => {
  it('marks the routes stale and starts the restart timer with the Restart Time the peer advertised', () => {
    const { cfg, neg, h } = setup({ profile: 'rfc' }, peerGr(77, [IPV4_UNICAST]));
    const out: RouteAction[] = [];
    helperSessionDown(h, neg, GR, 'tcp-closed', s(10), cfg, out);
    expect(kinds(out)).toEqual(['routes-stale:tcp-closed']);
    expect(helperDeadline(h)).toBe(s(87));
  });

  it('has no deadline left once BFD aborts the restart (the kept deadline follows every change)', () => {
    const { cfg, neg, h } = setup({ profile: 'rfc' }, peerGr(77, [IPV4_UNICAST]));
    helperSessionDown(h, neg, GR, 'tcp-closed', s(10), cfg, []);
    expect(helperDeadline(h)).toBe(s(87));
    const out: RouteAction[] = [];
    helperAbort(h, 'bfd-down', 'RFC 5882 §4.3.1', out);
    expect(kinds(out)).toEqual(['routes-sweep-stale:bfd-down']);
    expect(helperDeadline(h)).toBe(NEVER);
  });

  it('deletes the stale routes when the restart timer expires', () => {
    const { cfg, neg, h } = setup({ profile: 'rfc' }, peerGr(77, [IPV4_UNICAST]));
    helperSessionDown(h, neg, GR, 'tcp-closed', s(10), cfg, []);
    const out: RouteAction[] = [];
    fireHelperTimers(h, s(87), cfg, out);
    expect(kinds(out)).toEqual(['routes-sweep-stale:restart-timer-expired']);
    expect(helperDeadline(h)).toBe(NEVER);
  });

  it('removes at once the routes of an AF the peer did not list, keeps those it did', () => {
    const { cfg, neg, h } = setup(
      { profile: 'rfc', afiSafis: [IPV4_UNICAST, IPV6_UNICAST] },
      peerGr(60, [IPV4_UNICAST]),
    );
    const out: RouteAction[] = [];
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, out);
    expect(out.filter((o) => o.type !== 'gr-phase').map((o) => [o.type, o.afiSafi.afi])).toEqual([
      ['routes-stale', 1],
      ['routes-delete', 2],
    ]);
  });

  it('flushes everything when the termination is not a GR trigger', () => {
    const { cfg, neg, h } = setup({ profile: 'rfc' }, peerGr(60, [IPV4_UNICAST]));
    const out: RouteAction[] = [];
    helperSessionDown(h, neg, { gr: false, clause: 'RFC 4724 §4', text: '' }, 'notification-received', s(0), cfg, out);
    expect(kinds(out)).toEqual(['routes-delete:notification-received']);
    expect(helperDeadline(h)).toBe(NEVER);
  });

  it('on re-establishment removes stale routes of an AF with F = 0 and stops the restart timer', () => {
    const { cfg, neg, h } = setup({ profile: 'rfc' }, peerGr(60, [IPV4_UNICAST]));
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    const again = setup({ profile: 'rfc' }, peerGr(60, [{ ...IPV4_UNICAST, f: false }])).neg;
    const out: RouteAction[] = [];
    helperReestablished(h, again, cfg, out);
    expect(kinds(out)).toEqual(['routes-sweep-stale:f-bit-clear']);
    expect(helperDeadline(h)).toBe(NEVER);
  });

  it('sweeps what is still stale on End-of-RIB for that AF only', () => {
    const { cfg, neg, h } = setup(
      { profile: 'rfc', afiSafis: [IPV4_UNICAST, IPV6_UNICAST] },
      peerGr(60, [IPV4_UNICAST, IPV6_UNICAST]),
    );
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    helperReestablished(h, neg, cfg, []);
    const out: RouteAction[] = [];
    helperEndOfRib(h, 'ipv6-unicast', new Set(['ipv6-unicast']), cfg, out);
    expect(out.filter((o) => o.type !== 'gr-phase').map((o) => [o.type, o.afiSafi.afi])).toEqual([
      ['routes-sweep-stale', 2],
    ]);
    expect(h.afs.get('ipv4-unicast')!.phase).toBe('sync');
  });

  it('GoBGP sweeps only once End-of-RIB has arrived for every negotiated AF', () => {
    const { cfg, neg, h } = setup(
      { profile: 'gobgp', gr: { mode: 'restart' }, afiSafis: [IPV4_UNICAST, IPV6_UNICAST] },
      peerGr(60, [IPV4_UNICAST, IPV6_UNICAST]),
    );
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    helperReestablished(h, neg, cfg, []);
    const out: RouteAction[] = [];
    helperEndOfRib(h, 'ipv6-unicast', new Set(['ipv6-unicast']), cfg, out);
    expect(kinds(out)).toEqual([]);
    helperEndOfRib(h, 'ipv4-unicast', new Set(['ipv6-unicast', 'ipv4-unicast']), cfg, out);
    expect(kinds(out)).toEqual(['routes-sweep-stale:end-of-rib', 'routes-sweep-stale:end-of-rib']);
  });

  it('restarts the local stale-path timer on every drop and sweeps when it expires', () => {
    const { cfg, neg, h } = setup(
      { profile: 'frr', gr: { mode: 'restart', stalePathTime: 50 } },
      peerGr(120, [IPV4_UNICAST]),
    );
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    expect(h.stalePathDeadline).toBe(s(50));
    helperReestablished(h, neg, cfg, []);
    helperSessionDown(h, neg, GR, 'tcp-closed', s(20), cfg, []);
    expect(h.stalePathDeadline).toBe(s(70));
    const out: RouteAction[] = [];
    fireHelperTimers(h, s(70), cfg, out);
    expect(kinds(out)).toEqual(['routes-sweep-stale:stale-path-timer-expired']);
  });
});

describe('LLGR helper (RFC 9494 §4.2)', () => {
  it('with Restart Time 0 enters LLGR at once and deletes at the LLST', () => {
    const { cfg, neg, h } = setup(
      { profile: 'rfc', llgr: { advertise: 'tuples', staleTime: 0 } },
      peerGr(0, [IPV4_UNICAST], 40),
    );
    const out: RouteAction[] = [];
    helperSessionDown(h, neg, GR, 'tcp-closed', s(5), cfg, out);
    expect(kinds(out)).toEqual(['routes-stale:tcp-closed', 'routes-llgr-stale:restart-timer-expired']);
    expect(helperDeadline(h)).toBe(s(45));
    const exp: RouteAction[] = [];
    fireHelperTimers(h, s(45), cfg, exp);
    expect(kinds(exp)).toEqual(['routes-sweep-stale:llst-expired']);
  });

  it('keeps the LLST timer running after re-establishment; FRR cancels it', () => {
    const caps = peerGr(0, [IPV4_UNICAST], 40);
    const rfc = setup({ profile: 'rfc', llgr: { advertise: 'tuples', staleTime: 0 } }, caps);
    helperSessionDown(rfc.h, rfc.neg, GR, 'tcp-closed', s(0), rfc.cfg, []);
    helperReestablished(rfc.h, rfc.neg, rfc.cfg, []);
    expect(helperDeadline(rfc.h)).toBe(s(40));
    const frr = setup({ profile: 'frr', llgr: { staleTime: 40 } }, caps);
    helperSessionDown(frr.h, frr.neg, GR, 'tcp-closed', s(0), frr.cfg, []);
    helperReestablished(frr.h, frr.neg, frr.cfg, []);
    expect(frr.h.afs.get('ipv4-unicast')!.llstDeadline).toBe(NEVER);
  });

  it('checks the new LLGR capability after the LLGR period began: no LLGR cap ⇒ sweep', () => {
    const { cfg, neg, h } = setup(
      { profile: 'rfc', llgr: { advertise: 'tuples', staleTime: 0 } },
      peerGr(0, [IPV4_UNICAST], 40),
    );
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    const noLlgr = setup(
      { profile: 'rfc', llgr: { advertise: 'tuples', staleTime: 0 } },
      peerGr(0, [IPV4_UNICAST]),
    ).neg;
    const out: RouteAction[] = [];
    helperReestablished(h, noLlgr, cfg, out);
    expect(kinds(out)).toEqual(['routes-sweep-stale:no-llgr-capability']);
  });

  it('does not delete previously stale routes on a second drop during LLGR, nor restart the LLST timer', () => {
    const { cfg, neg, h } = setup(
      { profile: 'rfc', llgr: { advertise: 'tuples', staleTime: 0 } },
      peerGr(0, [IPV4_UNICAST], 100),
    );
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    helperReestablished(h, neg, cfg, []);
    const out: RouteAction[] = [];
    helperSessionDown(h, neg, GR, 'tcp-closed', s(60), cfg, out);
    expect(kinds(out)).toEqual(['routes-stale:tcp-closed', 'routes-llgr-stale:restart-timer-expired']);
    expect(helperDeadline(h)).toBe(s(100));
  });
});

describe('FRR LLGR_WAIT after re-establishment (code reading: bgp_fsm.c bgp_establish, bgp_route.c bgp_clear_stale_route)', () => {
  const caps = peerGr(0, [IPV4_UNICAST], 40);
  it('keeps the unrefreshed LLGR-stale routes after End-of-RIB; the rfc profile sweeps them', () => {
    const rfc = setup({ profile: 'rfc', llgr: { advertise: 'tuples', staleTime: 0 } }, caps);
    helperSessionDown(rfc.h, rfc.neg, GR, 'tcp-closed', s(0), rfc.cfg, []);
    helperReestablished(rfc.h, rfc.neg, rfc.cfg, []);
    const r: RouteAction[] = [];
    helperEndOfRib(rfc.h, 'ipv4-unicast', new Set(['ipv4-unicast']), rfc.cfg, r);
    expect(kinds(r)).toEqual(['routes-sweep-stale:end-of-rib']);

    const frr = setup({ profile: 'frr', llgr: { staleTime: 40 } }, caps);
    helperSessionDown(frr.h, frr.neg, GR, 'tcp-closed', s(0), frr.cfg, []);
    helperReestablished(frr.h, frr.neg, frr.cfg, []);
    const f: RouteAction[] = [];
    helperEndOfRib(frr.h, 'ipv4-unicast', new Set(['ipv4-unicast']), frr.cfg, f);
    expect(kinds(f)).toEqual([]);
    expect(frr.h.afs.get('ipv4-unicast')!.phase).toBe('none');
  });
  it('removes nothing when the returning FRR peer fails the LLGR capability check', () => {
    const frr = setup({ profile: 'frr', llgr: { staleTime: 40 } }, caps);
    helperSessionDown(frr.h, frr.neg, GR, 'tcp-closed', s(0), frr.cfg, []);
    const noLlgr = setup({ profile: 'frr', llgr: { staleTime: 40 } }, peerGr(0, [IPV4_UNICAST])).neg;
    const out: RouteAction[] = [];
    helperReestablished(frr.h, noLlgr, frr.cfg, out);
    expect(kinds(out)).toEqual([]);
  });
});

describe('GoBGP End-of-RIB for all families (pkg/server/peer.go recvedAllEOR)', () => {
  const dual = { gr: { mode: 'helper' as const }, afiSafis: [IPV4_UNICAST, IPV6_UNICAST] };
  it('gobgp ≥ 3.23 waits only for the families the peer listed in its GR capability', () => {
    const { cfg, neg, h } = setup({ profile: 'gobgp', ...dual }, peerGr(60, [IPV4_UNICAST]));
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    helperReestablished(h, neg, cfg, []);
    const out: RouteAction[] = [];
    helperEndOfRib(h, 'ipv4-unicast', new Set(['ipv4-unicast']), cfg, out);
    expect(kinds(out)).toEqual(['routes-sweep-stale:end-of-rib']);
  });
  it('GoBGP before 3.23 (eorScope all-afs) waits for every configured family', () => {
    const { cfg, neg, h } = setup(
      { profile: 'gobgp', ...dual, behaviour: { eorScope: 'all-afs' } },
      peerGr(60, [IPV4_UNICAST]),
    );
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, []);
    helperReestablished(h, neg, cfg, []);
    const out: RouteAction[] = [];
    helperEndOfRib(h, 'ipv4-unicast', new Set(['ipv4-unicast']), cfg, out);
    expect(kinds(out)).toEqual([]);
  });
});

describe('BIRD ≤ 2.13 late timer actions', () => {
  it('starts the LLST timer when the restart timer fires and applies only the route change late', () => {
    const { cfg, neg, h } = setup(
      { profile: 'bird-2.13', llgr: { advertise: 'tuples', staleTime: 0 } },
      peerGr(30, [IPV4_UNICAST], 40),
    );
    const lag = () => s(2.5);
    helperSessionDown(h, neg, GR, 'tcp-closed', s(0), cfg, [], lag);
    expect(h.afs.get('ipv4-unicast')!.restartDeadline).toBe(s(30));
    const atFire: RouteAction[] = [];
    fireHelperTimers(h, s(30), cfg, atFire, lag);
    expect(kinds(atFire)).toEqual([]);
    expect(h.afs.get('ipv4-unicast')!.phase).toBe('llgr');
    expect(h.afs.get('ipv4-unicast')!.llstDeadline).toBe(s(70));
    const late: RouteAction[] = [];
    fireHelperTimers(h, s(32.5), cfg, late, lag);
    expect(kinds(late)).toEqual(['routes-llgr-stale:restart-timer-expired']);
  });
});
