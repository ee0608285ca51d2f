import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../world/records.js';
import { isNotableRecord, narrate, narrationText } from './narrate.js';
import { grEpisode, seconds } from './testing.js';

const message = (m: string, detail: string, clause: string): WorldRecord => ({
  t: seconds(1),
  type: 'bgp-message',
  subject: 'node-2>tor-1',
  dir: 'sent',
  message: m,
  detail,
  clause,
});

describe('narration of trace records', () => {
  it('tells a session loss with its RFC clause', () => {
    const down = grEpisode().find((r) => r.type === 'bgp-down')!;
    expect(narrate(down)).toEqual({
      text: 'session down (tcp-closed): graceful restart applies (per address family below)',
      clause: 'RFC 4724 §4.2',
    });
  });

  it('tells every BGP message with the clause its record carries', () => {
    const open = message('OPEN', 'AS 64513 hold 180s GR R=0 N=1 time=120s F=[1]', 'RFC 4724 §3; RFC 8538 §2');
    expect(narrationText(narrate(open)!)).toBe(
      'sent OPEN AS 64513 hold 180s GR R=0 N=1 time=120s F=[1] [RFC 4724 §3; RFC 8538 §2]',
    );
    const cease = message('NOTIFICATION', '6/9', 'RFC 4271 §6.7; RFC 8538 §3');
    expect(narrationText(narrate(cease)!)).toBe('sent NOTIFICATION 6/9 [RFC 4271 §6.7; RFC 8538 §3]');
  });

  it('tells a BFD state change with the clause of its reason', () => {
    const expiry: WorldRecord = {
      t: seconds(60.8),
      type: 'bfd-state',
      subject: 'tor-1>node-2',
      from: 'Up',
      to: 'Down',
      diag: 'control-detection-time-expired',
      reason: 'detection-time-expired',
      clause: 'RFC 5880 §6.8.4',
    };
    expect(narrationText(narrate(expiry)!)).toBe(
      'BFD Up → Down (detection-time-expired, diag control-detection-time-expired) [RFC 5880 §6.8.4]',
    );
  });

  it('leaves KEEPALIVEs untold, and they are not events to stop at', () => {
    const ka = message('KEEPALIVE', '', 'RFC 4271 §4.4');
    expect(narrate(ka)).toBeUndefined();
    expect(isNotableRecord(ka)).toBe(false);
    expect(grEpisode().every((r) => isNotableRecord(r) === (narrate(r) !== undefined))).toBe(true);
  });
});
