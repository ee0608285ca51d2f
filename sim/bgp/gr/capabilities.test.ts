import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { mustResolve, resolvePeerConfig } from '../profile/registry.js';
import { type Capability, findCapability, type OpenMessage } from '../wire/message.js';
import { grCapabilities, negotiateGr, type RestartContext } from './capabilities.js';

const cold: RestartContext = { restarting: false, startedAt: 0 as Time, hadEstablished: false };
const restarted: RestartContext = { restarting: true, startedAt: 0 as Time, hadEstablished: false };
const open = (capabilities: Capability[]): OpenMessage => ({
  type: 'open',
  version: 4,
  myAs: 1,
  holdTime: 90,
  bgpId: '1.1.1.1',
  capabilities,
});
const gr = (cfg: PeerConfigInput, ctx = cold, now = s(1000)) => {
  const caps = grCapabilities(mustResolve(cfg), ctx, now);
  return { gr: findCapability(caps, 'graceful-restart'), llgr: findCapability(caps, 'llgr') };
};

describe('GR capability we advertise (RFC 4724 §3, RFC 8538 §2, RFC 9494 §3.1)', () => {
  it('helper-only mode sends the capability with no AFI/SAFI tuples', () => {
    expect(gr({ profile: 'rfc', gr: { mode: 'helper' } }).gr?.afis).toEqual([]);
  });
  it('sends no GR capability when GR is disabled', () => {
    expect(gr({ profile: 'rfc', gr: { mode: 'disable' } }).gr).toBeUndefined();
  });
  it('a restart without GR restart mode sends R = 0 and F = 0 under every profile (GoBGP without -r)', () => {
    const plain: RestartContext = {
      restarting: true,
      startedAt: s(990),
      hadEstablished: false,
      withoutGrRestartMode: true,
    };
    for (const profile of ['rfc', 'frr', 'metallb', 'bird', 'gobgp']) {
      const g = gr({ profile, gr: { mode: 'restart', preserveForwarding: true } }, plain, s(1000)).gr;
      expect([profile, g?.restartState, g?.afis.some((a) => a.forwardingState)]).toEqual([profile, false, false]);
    }
  });
  it('sets R only after a restart and never as a receiving speaker', () => {
    expect(gr({ profile: 'rfc' }).gr?.restartState).toBe(false);
    expect(gr({ profile: 'rfc' }, restarted).gr?.restartState).toBe(true);
    expect(gr({ profile: 'rfc' }, { ...restarted, hadEstablished: true }).gr?.restartState).toBe(false);
  });
  it('FRR sets R during its startup window (t_startup = restart time) even after a cold start', () => {
    const frr = { profile: 'frr', gr: { mode: 'restart' as const } };
    expect(gr(frr, cold, s(100)).gr?.restartState).toBe(true);
    expect(gr(frr, cold, s(121)).gr?.restartState).toBe(false);
  });
  it("FRR's startup window lasts 120 s from bgpd start whatever restart time is configured (t_startup armed before the config)", () => {
    const frr6 = { profile: 'frr', gr: { mode: 'restart' as const, restartTime: 6 } };
    expect(gr(frr6, cold, s(9)).gr?.restartState).toBe(true);
    expect(gr(frr6, cold, s(119)).gr?.restartState).toBe(true);
    expect(gr(frr6, cold, s(121)).gr?.restartState).toBe(false);
  });
  it('sets F per AF from preserve-forwarding, FRR ≥ 10.7 only inside a restart window', () => {
    const cfg = { gr: { mode: 'restart' as const, preserveForwarding: true } };
    expect(gr({ profile: 'frr-10.5', ...cfg }, cold, s(1000)).gr?.afis[0].forwardingState).toBe(true);
    expect(gr({ profile: 'frr-10.7', ...cfg }, cold, s(1000)).gr?.afis[0].forwardingState).toBe(false);
    expect(gr({ profile: 'frr-10.7', ...cfg }, cold, s(10)).gr?.afis[0].forwardingState).toBe(true);
    expect(gr({ profile: 'gobgp', gr: { mode: 'restart' } }, restarted).gr?.afis[0].forwardingState).toBe(true);
    expect(gr({ profile: 'gobgp', gr: { mode: 'restart' } }, cold).gr?.afis[0].forwardingState).toBe(false);
  });
  it('sets F only for the families listed in forwardingAfiSafis, per tuple (RFC 4724 §3)', () => {
    const v4 = { afi: 1, safi: 1 };
    const v6 = { afi: 2, safi: 1 };
    const g = gr({ profile: 'rfc', afiSafis: [v4, v6], gr: { forwardingAfiSafis: [v4] } }, restarted).gr;
    expect(g?.afis).toEqual([
      { ...v4, forwardingState: true },
      { ...v6, forwardingState: false },
    ]);
  });
  it('gives each LLGR tuple the F bit of its family when LLGR F follows GR (RFC 9494 §3.1)', () => {
    const v4 = { afi: 1, safi: 1 };
    const v6 = { afi: 2, safi: 1 };
    const cfg = {
      profile: 'rfc',
      afiSafis: [v4, v6],
      gr: { forwardingAfiSafis: [v6] },
      llgr: { advertise: 'tuples' as const, staleTime: 3600 },
    };
    expect(gr(cfg, restarted).llgr?.afis.map((a) => a.forwardingState)).toEqual([false, true]);
  });
  it('refuses a per-family F list for FRR, whose F bit is one switch for every family', () => {
    const r = resolvePeerConfig({
      profile: 'frr',
      afiSafis: [
        { afi: 1, safi: 1 },
        { afi: 2, safi: 1 },
      ],
      gr: { forwardingAfiSafis: [{ afi: 1, safi: 1 }] },
    });
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['gr.preserveForwarding']);
  });
  it('carries the N bit only where configured and supported (BIRD never sets it)', () => {
    expect(gr({ profile: 'frr' }).gr?.notification).toBe(true);
    expect(gr({ profile: 'bird', gr: { notification: true } }).gr?.notification).toBe(false);
  });
  it('FRR sends an LLGR tuple with F set and its local stale time whenever it sends GR', () => {
    expect(gr({ profile: 'frr' }).llgr?.afis).toEqual([{ afi: 1, safi: 1, forwardingState: true, staleTime: 0 }]);
    expect(gr({ profile: 'bird' }).llgr?.afis).toEqual([]);
    expect(gr({ profile: 'rfc' }).llgr).toBeUndefined();
  });
});

describe('GR negotiation', () => {
  const cfg = mustResolve({ profile: 'rfc', llgr: { advertise: 'tuples', staleTime: 100 } });
  const local = open(grCapabilities(cfg, cold, s(1)));
  it('is in effect only when both sides sent the capability', () => {
    expect(negotiateGr(cfg, local, open([])).grExchanged).toBe(false);
    const peer = open([
      { type: 'graceful-restart', restartState: false, notification: true, restartTime: 30, afis: [] },
    ]);
    expect(negotiateGr(cfg, local, peer).grExchanged).toBe(true);
    expect(negotiateGr(cfg, local, peer).nExchanged).toBe(true);
  });
  it('retains an AF only if the peer listed it, whatever its F bit', () => {
    const peer = open([
      {
        type: 'graceful-restart',
        restartState: false,
        notification: false,
        restartTime: 30,
        afis: [{ afi: 1, safi: 1, forwardingState: false }],
      },
    ]);
    const n = negotiateGr(cfg, local, peer).afs.get('ipv4-unicast')!;
    expect([n.retained, n.inGr, n.grForwarding]).toEqual([true, true, false]);
    const none = open([
      { type: 'graceful-restart', restartState: false, notification: false, restartTime: 30, afis: [] },
    ]);
    expect(negotiateGr(cfg, local, none).afs.get('ipv4-unicast')!.retained).toBe(false);
  });
  it('uses only the last GR capability instance (RFC 4724 §3)', () => {
    const peer = open([
      { type: 'graceful-restart', restartState: false, notification: false, restartTime: 30, afis: [] },
      { type: 'graceful-restart', restartState: true, notification: false, restartTime: 45, afis: [] },
    ]);
    expect(negotiateGr(cfg, local, peer).peerRestartTime).toBe(45);
  });
  it('disregards an LLGR capability sent without the GR capability (RFC 9494 §4.1)', () => {
    const peer = open([{ type: 'llgr', afis: [{ afi: 1, safi: 1, forwardingState: true, staleTime: 100 }] }]);
    const n = negotiateGr(cfg, local, peer);
    expect(n.peerLlgr).toBeUndefined();
    expect(n.afs.get('ipv4-unicast')!.llst).toBe(0);
  });
  it('FRR applies MIN(received LLST, local stale-time); the RFC profile the received value', () => {
    const peer = open([
      {
        type: 'graceful-restart',
        restartState: false,
        notification: false,
        restartTime: 0,
        afis: [{ afi: 1, safi: 1, forwardingState: true }],
      },
      { type: 'llgr', afis: [{ afi: 1, safi: 1, forwardingState: true, staleTime: 500 }] },
    ]);
    expect(negotiateGr(cfg, local, peer).afs.get('ipv4-unicast')!.llst).toBe(500);
    const frr = mustResolve({ profile: 'frr', llgr: { staleTime: 20 } });
    const frrLocal = open(grCapabilities(frr, cold, s(1)));
    expect(negotiateGr(frr, frrLocal, peer).afs.get('ipv4-unicast')!.llst).toBe(20);
  });
  it('an AF only in the LLGR capability is retained with Restart Time 0 (rfc) but ignored by FRR', () => {
    // RFC 9494 §4.2 vs FRR bgpd/bgp_open.c bgp_capability_llgr (needs PEER_CAP_RESTART_AF_RCV).
    const peer = open([
      { type: 'graceful-restart', restartState: false, notification: false, restartTime: 0, afis: [] },
      { type: 'llgr', afis: [{ afi: 1, safi: 1, forwardingState: true, staleTime: 500 }] },
    ]);
    const n = negotiateGr(cfg, local, peer).afs.get('ipv4-unicast')!;
    expect([n.retained, n.inGr, n.llst]).toEqual([true, false, 500]);
    const frr = mustResolve({ profile: 'frr', llgr: { staleTime: 600 } });
    const f = negotiateGr(frr, open(grCapabilities(frr, cold, s(1))), peer).afs.get('ipv4-unicast')!;
    expect([f.retained, f.inLlgr, f.llst]).toEqual([false, false, 0]);
  });
});

describe('helper-only mode', () => {
  it('sends Restart Time 0 and no tuples (rfc); FRR sends its configured 120 s', () => {
    expect(gr({ profile: 'rfc', gr: { mode: 'helper' } }).gr).toMatchObject({ restartTime: 0, afis: [] });
    expect(gr({ profile: 'frr' }).gr).toMatchObject({ restartTime: 120, afis: [] });
  });
});
