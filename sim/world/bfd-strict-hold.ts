/**
 * FRR 10.4+ BFD strict hold timer (`bgpd/bgp_bfd.c`): armed by a BFD Up→Down on an Established
 * session when `decideBfdDown` says `strict-hold`; at expiry
 * (`bgp_bfd_strict_holdtime_expire`) Cease/BFD Down and BGP_Stop.
 *
 * Only these cancel it: the session leaving Established for any other reason (`bgp_stop`,
 * bgp_fsm.c:1658) and the session reaching Established again (bgp_fsm.c:2459). BFD coming back Up
 * does not. A timer already running is kept (`event_add_timer` on a set `t_hold_timer`).
 * Cancellation is lazy: the expiry checks the session is the one it was armed for.
 */
import { type Duration, s, type Time } from '../base/time.js';
import type { BgpEndpoint } from './bgp-endpoint.js';

interface Armed {
  readonly incarnation: number;
  readonly establishedAt: Time;
}

export class BfdStrictHoldTimers {
  private readonly armed = new Map<BgpEndpoint, Armed>();

  constructor(private readonly later: (delay: Duration, fn: () => void) => void) {}

  /** Arms the timer for `ep`'s Established session; false when one is already running for it. */
  arm(ep: BgpEndpoint, seconds: number, expire: () => void): boolean {
    const st = ep.state;
    if (!st) return false;
    const current = this.armed.get(ep);
    if (current && this.stillFor(ep, current)) return false;
    const token: Armed = { incarnation: ep.incarnation, establishedAt: st.establishedAt };
    this.armed.set(ep, token);
    this.later(s(seconds), () => {
      if (this.armed.get(ep) !== token) return;
      this.armed.delete(ep);
      if (this.stillFor(ep, token)) expire();
    });
    return true;
  }

  /** The same process incarnation, still in the Established session the timer was armed in. */
  private stillFor(ep: BgpEndpoint, a: Armed): boolean {
    const st = ep.state;
    return (
      st !== null &&
      ep.incarnation === a.incarnation &&
      st.fsm === 'Established' &&
      st.establishedAt === a.establishedAt
    );
  }
}
