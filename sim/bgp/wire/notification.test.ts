import { describe, expect, it } from 'vitest';
import { decode, encode } from './codec.js';
import {
  CEASE_ADMIN_RESET,
  CEASE_ADMIN_SHUTDOWN,
  CEASE_BFD_DOWN,
  CEASE_HARD_RESET,
  ERR_CEASE,
  ERR_HOLD_TIMER_EXPIRED,
} from './message.js';
import {
  adminShutdown,
  hardReset,
  shutdownCommunication,
  unwrapHardReset,
  utf8Decode,
  utf8Encode,
} from './notification.js';
import { hex, toHex } from './testing.js';

describe('Hard Reset (RFC 8538 §3.1)', () => {
  it('puts the original code, subcode and data at the front of Cease/Hard Reset data', () => {
    const n = hardReset({ code: ERR_HOLD_TIMER_EXPIRED, subcode: 0, data: hex('aa bb') });
    expect([n.code, n.subcode, toHex(n.data)]).toEqual([ERR_CEASE, CEASE_HARD_RESET, '04 00 aa bb']);
  });

  it('unwraps the encapsulated NOTIFICATION after a trip over the wire', () => {
    const wire = decode(encode(hardReset({ code: ERR_CEASE, subcode: CEASE_BFD_DOWN })));
    expect(wire.ok).toBe(true);
    if (!wire.ok || wire.msg.type !== 'notification') return;
    expect(unwrapHardReset(wire.msg)).toEqual({ type: 'notification', code: 6, subcode: 10, data: new Uint8Array() });
  });

  it('does not unwrap other notifications, nor a Hard Reset too short to hold a code and subcode', () => {
    expect(unwrapHardReset({ type: 'notification', code: 6, subcode: 2, data: hex('06 02') })).toBeUndefined();
    expect(unwrapHardReset({ type: 'notification', code: 6, subcode: 9, data: hex('06') })).toBeUndefined();
  });
});

describe('Shutdown Communication (RFC 9003 §2)', () => {
  it('encodes a length octet followed by UTF-8', () => {
    const n = adminShutdown('maint ✓');
    expect([n.code, n.subcode, toHex(n.data)]).toEqual([6, 2, '09 6d 61 69 6e 74 20 e2 9c 93']);
    expect(shutdownCommunication(n)).toBe('maint ✓');
  });

  it('sends a plain Administrative Shutdown with no data when there is no message', () => {
    expect(adminShutdown().data.length).toBe(0);
    expect(shutdownCommunication(adminShutdown())).toBeUndefined();
  });

  it('applies to Administrative Reset too', () => {
    expect(shutdownCommunication(adminShutdown('reset', CEASE_ADMIN_RESET))).toBe('reset');
  });

  it('cuts a message longer than 255 octets at a character boundary', () => {
    const n = adminShutdown('é'.repeat(200));
    expect(n.data[0]).toBe(254);
    expect(shutdownCommunication(n)).toBe('é'.repeat(127));
  });

  it('ignores a length past the data or invalid UTF-8 rather than failing', () => {
    const base = { type: 'notification' as const, code: ERR_CEASE, subcode: CEASE_ADMIN_SHUTDOWN };
    expect(shutdownCommunication({ ...base, data: hex('05 61 62') })).toBeUndefined();
    expect(shutdownCommunication({ ...base, data: hex('02 c0 80') })).toBeUndefined();
  });
});

describe('UTF-8 helpers', () => {
  it('round-trips astral characters and rejects overlong and surrogate encodings', () => {
    const s = 'a€😀';
    expect(toHex(utf8Encode(s))).toBe('61 e2 82 ac f0 9f 98 80');
    expect(utf8Decode(utf8Encode(s))).toBe(s);
    expect(utf8Decode(hex('e0 80 80'))).toBeUndefined();
    expect(utf8Decode(hex('ed a0 80'))).toBeUndefined();
    expect(utf8Decode(hex('f0 9f 98'))).toBeUndefined();
  });
});
