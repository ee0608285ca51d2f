/**
 * BIRD ≤ 2.13 sends a new session's initial feed and its End-of-RIB only at the next main-loop
 * wake-up (sysdep/unix/io.c io_loop; fixed in 2.14 by 6a242b3ec). Calibration bird-eor-sweep
 * (BIRD 2.0.12, bird.log): `State changed to up` 38.354 → the restarting speaker's End-of-RIB
 * released 40.657, 2.30 s later.
 */
import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import { Net } from '../testing/net.js';
import { isEndOfRib } from '../wire/message.js';

const P1 = '10.0.1.0/24';

/** `h` (the profile under test) and a peer `r`; when `h` went Established and sent its first UPDATE and End-of-RIB. */
function bringUp(profile: string): { up: Time; firstUpdate: Time; eor: Time } {
  const net = new Net();
  const timers = { holdTime: 9, keepaliveTime: 3 };
  net.declare('h', 65002, '10.0.0.2');
  net.add({ name: 'r', asn: 65001, routerId: '1.1.1.1', address: '10.0.0.1', peers: { h: { timers } } });
  net.add({
    name: 'h',
    asn: 65002,
    routerId: '2.2.2.2',
    address: '10.0.0.2',
    peers: { r: { profile, timers } },
    originate: [{ prefix: P1 }],
  });
  net.runFor(s(30));
  const up = net.enteredAt('h', 'r', 'Established')!;
  const sends = net.outputs(
    'h',
    (o) => o.type === 'peer' && o.peer === 'r' && o.output.type === 'send' && o.output.message.type === 'update',
  );
  const isEor = (e: (typeof sends)[number]) =>
    e.out.type === 'peer' && e.out.output.type === 'send' && e.out.output.message.type === 'update'
      ? isEndOfRib(e.out.output.message) !== null
      : false;
  return { up, firstUpdate: sends[0]!.at, eor: sends.find(isEor)!.at };
}

describe("BIRD ≤ 2.13 sends a new session's feed and End-of-RIB at the next main-loop wake-up", () => {
  it('bird-2.0 feeds a newly Established peer only at the next wake-up, within the 3 s idle poll', () => {
    const { up, firstUpdate, eor } = bringUp('bird-2.0');
    expect(firstUpdate).toBeGreaterThan(up);
    expect(firstUpdate - up).toBeLessThanOrEqual(s(3));
    expect(eor).toBe(firstUpdate);
  });
  it('bird 2.19 feeds it at once', () => {
    const { up, firstUpdate, eor } = bringUp('bird');
    expect(firstUpdate).toBe(up);
    expect(eor).toBe(up);
  });
});
