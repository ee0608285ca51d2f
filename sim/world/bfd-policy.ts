/**
 * What the world tells `decideBfdDown` (sim/bfd/gr-interaction.ts) about one side of a session:
 * the profile's BFD client traits (gr-reference §2.8, never the profile's name), the scenario's
 * BFD switches and the BGP session's state.
 */
import type { BfdDownContext, BfdDownPolicy } from '../bfd/index.js';
import { helperActive } from '../bgp/gr/index.js';
import type { ResolvedPeerConfig } from '../bgp/profile/index.js';
import type { SessionState } from '../bgp/session/index.js';
import type { BfdSpec } from './spec.js';

/** The profile's BFD reaction; null when the implementation has no BFD (GoBGP). */
export function bfdPolicy(config: ResolvedPeerConfig, spec: BfdSpec): BfdDownPolicy | null {
  const b = config.traits.bfd;
  if (!b) return null;
  switch (b.policy) {
    case 'bird':
      return {
        kind: 'bird',
        graceful: config.behaviour.bfdDown === 'graceful',
        ignoresRemoteAdminDown: b.ignoresRemoteAdminDown,
      };
    case 'frr':
      return {
        kind: 'frr',
        checkControlPlaneFailure: spec.checkControlPlaneFailure,
        ignoresRemoteAdminDown: b.ignoresRemoteAdminDown,
        strictHold: b.strictHold,
      };
    case 'rfc5882':
      return { kind: 'rfc5882', ignoresRemoteAdminDown: b.ignoresRemoteAdminDown };
  }
}

/** The session's side of the context: Established, GR in progress, NSF mode, configured hold time. */
export function bfdSessionContext(
  st: SessionState,
): Pick<BfdDownContext, 'bgpEstablished' | 'grInProgress' | 'nsfMode' | 'holdTimeConfigured' | 'holdTime'> {
  const neg = st.negotiation;
  return {
    bgpEstablished: st.fsm === 'Established',
    grInProgress: helperActive(st.helper),
    // FRR bgp_fsm.c bgp_peer_process_gr_cap_clear_stale: PEER_STATUS_NSF_MODE needs nsf_af_count > 0,
    // an AF both sides carry that the peer listed in its GR capability, not the bare capability.
    nsfMode: neg ? neg.grExchanged && [...neg.afs.values()].some((af) => af.inGr) : false,
    holdTimeConfigured: st.config.timers.holdTimeConfigured,
    holdTime: st.config.timers.holdTime,
  };
}
