/** One session machine on its own, for the FSM and timer tests: local AS 65001 (1.1.1.1) to peer AS 65002. */
import type { Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { mustResolve } from '../profile/registry.js';
import { createSession, type SessionState } from '../session/session.js';

/** `uniform` is the session's draw in [0, 1) (jitters); the default draws the middle of every range. */
export function testSession(cfg: PeerConfigInput = {}, uniform: () => number = () => 0.5): SessionState {
  return createSession({
    peer: 'p',
    config: mustResolve(cfg),
    identity: { localAs: 65001, bgpId: '1.1.1.1', peerAs: 65002, restarting: false, startedAt: 0 as Time },
    uniform,
  });
}
