/**
 * BIRD ≤ 2.13's hold-timer expiry (proto/bgp/bgp.c bgp_hold_timeout → bgp_error →
 * bgp_conn_enter_close_state, or → bgp_conn_enter_idle_state → bgp_close_conn with LLGR): the handler
 * stops the session's KEEPALIVE timer at once, and only the flush waits for the next main-loop wake-up
 * (sysdep/unix/io.c io_loop). Calibration bird-hold-expiry-after-freeze (BIRD 2.0.12, bird.log):
 * `Error: Hold timer expired` 07.579, `> removed [sole]` 10.584: the full 3 s idle poll, no KEEPALIVE
 * timer of the dead session cutting it short.
 */
import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import { Net } from '../testing/net.js';

const P1 = '10.0.1.0/24';

function frozenPeer(profile: string): { net: Net; lastHeard: Time; holdAt: Time } {
  const net = new Net();
  const timers = { holdTime: 9, keepaliveTime: 3 };
  net.declare('h', 65002, '10.0.0.2');
  net.add({
    name: 'r',
    asn: 65001,
    routerId: '1.1.1.1',
    address: '10.0.0.1',
    peers: { h: { timers } },
    originate: [{ prefix: P1 }],
  });
  net.add({ name: 'h', asn: 65002, routerId: '2.2.2.2', address: '10.0.0.2', peers: { r: { profile, timers } } });
  net.runFor(s(20.3457));
  expect(net.fsm('h', 'r')).toBe('Established');
  net.blackhole('h', 'r');
  const session = net.speaker('h').sessions.get('r')!;
  const lastHeard = session.lastReceivedAt;
  // BIRD jitters the hold timer 0.75–1 × (proto/bgp/bgp.c bgp_start_timer; profile holdJitter).
  const holdAt = session.timers.hold;
  expect(holdAt).toBeGreaterThanOrEqual(lastHeard + s(6.75));
  expect(holdAt).toBeLessThanOrEqual(lastHeard + s(9));
  net.runFor(s(15));
  return { net, lastHeard, holdAt };
}

const downAt = (net: Net) =>
  net.outputs('h', (o) => o.type === 'peer' && o.peer === 'r' && o.output.type === 'session-down')[0]!.at;
const keepalivesSent = (net: Net, after: Time) =>
  net
    .outputs('h', (o) => o.type === 'peer' && o.output.type === 'send' && o.output.message.type === 'keepalive')
    .filter((e) => e.at > after);

describe("BIRD ≤ 2.13 hold-timer expiry with the session's only peer silent", () => {
  it('stops its KEEPALIVE timer when the hold timer fires, so the flush waits the full 3 s idle poll', () => {
    const { net, holdAt: fired } = frozenPeer('bird-2.0');
    expect(downAt(net)).toBe(fired + s(3));
    expect(keepalivesSent(net, fired)).toEqual([]);
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });
  it('BIRD 2.19 flushes when the hold timer fires', () => {
    const { net, holdAt } = frozenPeer('bird');
    expect(downAt(net)).toBe(holdAt);
  });
});
