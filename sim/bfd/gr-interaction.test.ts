import { describe, expect, it } from 'vitest';
import {
  type BfdDownContext,
  type BfdDownPolicy,
  bfdDownMeansForwardingFailure,
  decideBfdDown,
} from './gr-interaction.js';

const FRR_METALLB: BfdDownPolicy = { kind: 'frr', checkControlPlaneFailure: false, ignoresRemoteAdminDown: false };
const FRR_CPF: BfdDownPolicy = { kind: 'frr', checkControlPlaneFailure: true, ignoresRemoteAdminDown: true };

function ctx(over: Partial<BfdDownContext>): BfdDownContext {
  return {
    policy: { kind: 'rfc5882' },
    reason: 'detection-time-expired',
    to: 'Down',
    localCBit: false,
    remoteCBit: false,
    bgpEstablished: true,
    grNegotiated: true,
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

  it('aborts a GR in progress when both C bits are set (RFC 5882 §4.3.1)', () => {
    const d = decideBfdDown(ctx({ localCBit: true, remoteCBit: true, bgpEstablished: false }));
    expect(d).toMatchObject({ action: 'tear-down', reason: 'forwarding-plane-failure' });
  });

  it('leaves a GR in progress alone when a C bit is clear (RFC 5882 §4.3.2)', () => {
    const d = decideBfdDown(ctx({ localCBit: true, remoteCBit: false, bgpEstablished: false }));
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

  it('C23: FRR with check-control-plane-failure ignores the down when the peer’s C bit is clear and GR was negotiated', () => {
    const d = decideBfdDown(ctx({ policy: FRR_CPF, localCBit: true, remoteCBit: false }));
    expect(d).toMatchObject({ action: 'ignore', reason: 'control-plane-independent-clear' });
    // Without GR negotiated FRR is not in NSF mode, so the switch does not apply.
    expect(decideBfdDown(ctx({ policy: FRR_CPF, localCBit: true, grNegotiated: false })).action).toBe('tear-down');
  });

  it('C24: FRR ignores a BFD down that arrives after TCP closed (GR already running), but tears down if BFD wins the race', () => {
    expect(decideBfdDown(ctx({ policy: FRR_METALLB, bgpEstablished: false })).action).toBe('ignore');
    expect(decideBfdDown(ctx({ policy: FRR_METALLB, bgpEstablished: true })).action).toBe('tear-down');
  });

  it('C25: BIRD with `bfd graceful` starts GR; plain `bfd on` restarts the session', () => {
    expect(decideBfdDown(ctx({ policy: { kind: 'bird', graceful: true } })).action).toBe('graceful-restart');
    expect(decideBfdDown(ctx({ policy: { kind: 'bird', graceful: false } })).action).toBe('tear-down');
  });

  it('FRR ignores a peer’s AdminDown only from 10.7.0 on', () => {
    expect(decideBfdDown(ctx({ policy: FRR_CPF, reason: 'neighbor-admin-down', remoteCBit: true })).action).toBe(
      'ignore',
    );
    expect(decideBfdDown(ctx({ policy: FRR_METALLB, reason: 'neighbor-admin-down' })).action).toBe('tear-down');
  });

  it('never treats our own administrative disable as a failure', () => {
    for (const policy of [
      FRR_METALLB,
      FRR_CPF,
      { kind: 'rfc5882' } as const,
      { kind: 'bird', graceful: true } as const,
    ]) {
      expect(decideBfdDown(ctx({ policy, to: 'AdminDown', reason: 'admin-down' })).action).toBe('ignore');
    }
  });
});
