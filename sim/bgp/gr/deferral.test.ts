import { describe, expect, it } from 'vitest';
import { NEVER, s, type Time } from '../../base/time.js';
import type { GrNegotiation } from './capabilities.js';
import {
  createDeferral,
  deferralCheck,
  deferralEndOfRib,
  deferralPeerDown,
  deferralPeerEstablished,
} from './deferral.js';

const neg = (grExchanged: boolean, peerRestartState: boolean) => ({ grExchanged, peerRestartState }) as GrNegotiation;
const T0 = 0 as Time;

describe('selection deferral on the restarting speaker (RFC 4724 §4.1)', () => {
  it('is inactive on a speaker that did not restart', () => {
    const d = createDeferral(false, T0, 120);
    expect(d.active).toBe(false);
    expect(deferralCheck(d, s(1))).toBeNull();
  });
  it('ends when End-of-RIB arrived from every GR peer', () => {
    const d = createDeferral(true, T0, 120);
    deferralPeerEstablished(d, s(1), 'a', neg(true, false), ['ipv4-unicast']);
    deferralPeerEstablished(d, s(1), 'b', neg(true, false), ['ipv4-unicast']);
    deferralEndOfRib(d, 'a', 'ipv4-unicast');
    expect(deferralCheck(d, s(2))).toBeNull();
    deferralEndOfRib(d, 'b', 'ipv4-unicast');
    expect(deferralCheck(d, s(3))).toBe('end-of-rib');
    expect(d.active).toBe(false);
  });
  it('does not wait for peers with R set or without the GR capability', () => {
    const d = createDeferral(true, T0, 120);
    deferralPeerEstablished(d, s(1), 'restarted', neg(true, true), ['ipv4-unicast']);
    deferralPeerEstablished(d, s(1), 'plain', neg(false, false), ['ipv4-unicast']);
    expect(deferralCheck(d, s(1))).toBe('end-of-rib');
  });
  it('ends when the Selection_Deferral_Timer expires, counted from the first Established peer', () => {
    const d = createDeferral(true, T0, 5);
    expect(d.deadline).toBe(NEVER);
    deferralPeerEstablished(d, s(10), 'a', neg(true, false), ['ipv4-unicast']);
    expect(deferralCheck(d, s(14.9))).toBeNull();
    expect(deferralCheck(d, s(15))).toBe('deferral-timer-expired');
  });
  it('stops waiting for a peer whose session went down', () => {
    const d = createDeferral(true, T0, 120);
    deferralPeerEstablished(d, s(1), 'a', neg(true, false), ['ipv4-unicast']);
    deferralPeerDown(d, 'a');
    expect(deferralCheck(d, s(2))).toBe('end-of-rib');
  });
});
