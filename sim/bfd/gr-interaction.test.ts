import { describe, expect, it } from 'vitest';
import {
  type BfdDownContext,
  type BfdDownPolicy,
  bfdDownMeansForwardingFailure,
  decideBfdDown,
  strictHoldApplies,
} from './gr-interaction.js';

const RFC: BfdDownPolicy = { kind: 'rfc5882', ignoresRemoteAdminDown: true };
/** FRR ≥ 10.6 as MetalLB renders the router side: no check-control-plane-failure. */
const FRR_METALLB: BfdDownPolicy = {
  kind: 'frr',
  checkControlPlaneFailure: false,
  ignoresRemoteAdminDown: false,
  strictHold: null,
};
const FRR_CPF: BfdDownPolicy = {
  kind: 'frr',
  checkControlPlaneFailure: true,
  ignoresRemoteAdminDown: true,
  strictHold: null,
};
/** FRR 10.4.0–10.5.x (MetalLB's 10.5.3). */
const FRR_105: BfdDownPolicy = {
  kind: 'frr',
  checkControlPlaneFailure: false,
  ignoresRemoteAdminDown: false,
  strictHold: { seconds: 30, when: 'hold-zero-or-unset' },
};
/** FRR ≥ 10.6.0. */
const FRR_107: BfdDownPolicy = {
  ...FRR_105,
  ignoresRemoteAdminDown: true,
  strictHold: { seconds: 30, when: 'hold-zero' },
};

function ctx(over: Partial<BfdDownContext>): BfdDownContext {
  return {
    policy: RFC,
    reason: 'detection-time-expired',
    to: 'Down',
    localCBit: false,
    remoteCBit: false,
    bgpEstablished: true,
    grInProgress: false,
    nsfMode: true,
    holdTimeConfigured: false,
    holdTime: 180,
    ...over,
  };
}

describe('what a BFD down means for BGP and GR (RFC 5882 §4.3, gr-reference §2.8)', () => {
  it('calls it a forwarding-plane failure only with the C bit set in both directions (RFC 5882 §4.3.1)', () => {
    expect(bfdDownMeansForwardingFailure(true, true)).toBe(true);
    expect(bfdDownMeansForwardingFailure(true, false)).toBe(false);
    expect(bfdDownMeansForwardingFailure(false, true)).toBe(false);
    expect(bfdDownMeansForwardingFailure(false, false)).toBe(false);
  });

  it('aborts a GR in progress when both C bits are set, as if the restart timer expired (RFC 5882 §4.3.1, §10.2)', () => {
    const d = decideBfdDown(ctx({ localCBit: true, remoteCBit: true, bgpEstablished: false, grInProgress: true }));
    expect(d).toMatchObject({ action: 'abort-gr', reason: 'forwarding-plane-failure' });
  });

  it('with both C bits set, tears an Established session down, and leaves alone one already down without GR', () => {
    expect(decideBfdDown(ctx({ localCBit: true, remoteCBit: true })).action).toBe('tear-down');
    const gone = decideBfdDown(ctx({ localCBit: true, remoteCBit: true, bgpEstablished: false }));
    expect(gone).toMatchObject({ action: 'ignore', reason: 'session-already-down' });
  });

  it('leaves a GR in progress alone when a C bit is clear (RFC 5882 §4.3.2)', () => {
    const d = decideBfdDown(ctx({ localCBit: true, remoteCBit: false, bgpEstablished: false, grInProgress: true }));
    expect(d).toMatchObject({ action: 'ignore', reason: 'graceful-restart-in-progress' });
  });

  it('signals a topology change when BFD fails before GR started, C bits clear (RFC 5882 §10.2, §4.3.2.2)', () => {
    expect(decideBfdDown(ctx({}))).toMatchObject({ action: 'tear-down', reason: 'bfd-down-before-graceful-restart' });
  });

  it('does not report a peer’s AdminDown as a failure (RFC 5882 §3.2)', () => {
    expect(decideBfdDown(ctx({ reason: 'neighbor-admin-down' })).action).toBe('ignore');
  });

  it('C21: FRR as MetalLB renders it sends Cease/BFD Down and flushes while BGP is Established', () => {
    const d = decideBfdDown(ctx({ policy: FRR_METALLB }));
    expect(d).toMatchObject({ action: 'tear-down', reason: 'bfd-down-cease' });
  });

  it('C22: FRR with check-control-plane-failure and the peer’s C bit set withdraws despite GR', () => {
    const d = decideBfdDown(ctx({ policy: FRR_CPF, localCBit: true, remoteCBit: true }));
    expect(d.action).toBe('tear-down');
  });

  it('C23: FRR with check-control-plane-failure ignores the down when the peer’s C bit is clear and the peer is in NSF mode', () => {
    const d = decideBfdDown(ctx({ policy: FRR_CPF, localCBit: true, remoteCBit: false }));
    expect(d).toMatchObject({ action: 'ignore', reason: 'control-plane-independent-clear' });
  });

  it('FRR keys check-control-plane-failure on NSF mode: a helper-only peer (GR capability, no AF tuple) is torn down', () => {
    // bgp_bfd.c:70-72 tests PEER_STATUS_NSF_MODE, which needs nsf_af_count > 0, not the bare capability.
    expect(decideBfdDown(ctx({ policy: FRR_CPF, localCBit: true, nsfMode: false })).action).toBe('tear-down');
  });

  it('C24: FRR ignores a BFD down that arrives after TCP closed (GR already running), but tears down if BFD wins the race', () => {
    const afterTcp = ctx({ policy: FRR_METALLB, bgpEstablished: false, grInProgress: true });
    expect(decideBfdDown(afterTcp).action).toBe('ignore');
    expect(decideBfdDown(ctx({ policy: FRR_METALLB, bgpEstablished: true })).action).toBe('tear-down');
    // The C bits do not change FRR's answer: it has no RFC 5882 §4.3.1 abort.
    expect(decideBfdDown({ ...afterTcp, localCBit: true, remoteCBit: true }).action).toBe('ignore');
  });

  it('C25: BIRD with `bfd graceful` starts GR; plain `bfd on` restarts the session', () => {
    const bird = (graceful: boolean): BfdDownPolicy => ({ kind: 'bird', graceful, ignoresRemoteAdminDown: false });
    expect(decideBfdDown(ctx({ policy: bird(true) })).action).toBe('graceful-restart');
    expect(decideBfdDown(ctx({ policy: bird(false) })).action).toBe('tear-down');
  });

  it('FRR ignores a peer’s AdminDown only from 10.7.0 on', () => {
    expect(decideBfdDown(ctx({ policy: FRR_CPF, reason: 'neighbor-admin-down', remoteCBit: true })).action).toBe(
      'ignore',
    );
    expect(decideBfdDown(ctx({ policy: FRR_METALLB, reason: 'neighbor-admin-down' })).action).toBe('tear-down');
  });

  it('FRR 10.4–10.5 waits for the 30 s strict hold timer when the neighbor has no timers configured', () => {
    const d = decideBfdDown(ctx({ policy: FRR_105, holdTimeConfigured: false, holdTime: 180 }));
    expect(d).toMatchObject({ action: 'strict-hold', reason: 'bfd-strict-hold', delay: 30 });
    // `neighbor X timers 60 180`: peer->holdtime is set, Cease/BFD Down at once.
    expect(decideBfdDown(ctx({ policy: FRR_105, holdTimeConfigured: true })).action).toBe('tear-down');
    // `neighbor X timers 0 0`: hold 0 waits too.
    expect(decideBfdDown(ctx({ policy: FRR_105, holdTimeConfigured: true, holdTime: 0 })).action).toBe('strict-hold');
  });

  it('FRR ≥ 10.6 arms the strict hold timer only for a hold time of 0 (190756abfb)', () => {
    expect(decideBfdDown(ctx({ policy: FRR_107, holdTimeConfigured: false })).action).toBe('tear-down');
    expect(decideBfdDown(ctx({ policy: FRR_107, holdTimeConfigured: true, holdTime: 0 })).action).toBe('strict-hold');
    expect(strictHoldApplies({ seconds: 30, when: 'hold-zero' }, false, 0)).toBe(true);
  });

  it('FRR’s strict hold timer is not armed for a session already down: GR continues', () => {
    const d = decideBfdDown(ctx({ policy: FRR_105, bgpEstablished: false, grInProgress: true }));
    expect(d.action).toBe('ignore');
  });

  it('never treats our own administrative disable as a failure', () => {
    for (const policy of [
      FRR_METALLB,
      FRR_CPF,
      FRR_105,
      RFC,
      { kind: 'bird', graceful: true, ignoresRemoteAdminDown: false } as const,
    ]) {
      expect(decideBfdDown(ctx({ policy, to: 'AdminDown', reason: 'admin-down' })).action).toBe('ignore');
    }
  });
});
