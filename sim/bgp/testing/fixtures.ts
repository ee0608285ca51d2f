/**
 * Test topologies shared by the GR conformance cases: a restarting speaker R and a helper H, and
 * optionally third peers T of H. Names follow gr-reference §3 (H = helper, R = restarter, T = third peer).
 */
import { s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { Net, type NetOptions, type OriginateSpec } from './net.js';

export const R = { name: 'r', asn: 65001, routerId: '1.1.1.1', address: '10.0.0.1' } as const;
export const H = { name: 'h', asn: 65002, routerId: '2.2.2.2', address: '10.0.0.2' } as const;
export const T = { name: 't', asn: 65003, routerId: '3.3.3.3', address: '10.0.0.3' } as const;

export interface GrNetOptions extends NetOptions {
  /** H's session config toward R. */
  readonly h: PeerConfigInput;
  /** R's session config toward H. */
  readonly r: PeerConfigInput;
  readonly rOriginate?: readonly (string | OriginateSpec)[];
  readonly hOriginate?: readonly (string | OriginateSpec)[];
  /** A third peer T of H: T's config toward H and H's toward T. */
  readonly t?: { readonly t: PeerConfigInput; readonly h: PeerConfigInput };
  /** How long to let the sessions come up before the stimulus (default 10 s). */
  readonly settle?: Time;
}

const spec = (x: string | OriginateSpec): OriginateSpec => (typeof x === 'string' ? { prefix: x } : x);

/** Build R ↔ H (↔ T), run until settled, and return the net with `now` as the stimulus time. */
export function grNet(o: GrNetOptions): Net {
  const net = new Net(o);
  net.declare(H.name, H.asn, H.address);
  if (o.t) net.declare(T.name, T.asn, T.address);
  net.add({ ...R, peers: { h: o.r }, originate: (o.rOriginate ?? []).map(spec) });
  const hPeers: Record<string, PeerConfigInput> = { r: o.h };
  if (o.t) hPeers.t = o.t.h;
  net.add({ ...H, peers: hPeers, originate: (o.hOriginate ?? []).map(spec) });
  if (o.t) net.add({ ...T, peers: { h: o.t.t } });
  net.runFor(o.settle ?? s(10));
  return net;
}

/** FRR `timers 1 3` + `timers connect 1`, as the FRR topotests configure. */
export const FRR_FAST = { timers: { keepaliveTime: 1, holdTime: 3, connectRetryTime: 1 } } as const;
