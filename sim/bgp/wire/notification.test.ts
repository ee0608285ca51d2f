import { describe, expect, it } from 'vitest';
import { decode, encode } from './codec.js';
import * as wire from './index.js';
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

describe('error code registry', () => {
  it('carries the RFC 4271 §4.5 codes, §6.1–§6.3 subcodes, RFC 4486/8538/9384 Cease subcodes and RFC 9494 communities', () => {
    const pick = (names: string[]) => names.map((n) => (wire as unknown as Record<string, number>)[n]);
    expect(
      pick([
        'ERR_MESSAGE_HEADER',
        'ERR_OPEN',
        'ERR_UPDATE',
        'ERR_HOLD_TIMER_EXPIRED',
        'ERR_FSM',
        'ERR_CEASE',
        'ERR_ROUTE_REFRESH',
      ]),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pick(['HDR_CONNECTION_NOT_SYNCHRONIZED', 'HDR_BAD_MESSAGE_LENGTH', 'HDR_BAD_MESSAGE_TYPE'])).toEqual([
      1, 2, 3,
    ]);
    expect(
      pick([
        'OPEN_UNSUPPORTED_VERSION_NUMBER',
        'OPEN_BAD_PEER_AS',
        'OPEN_BAD_BGP_IDENTIFIER',
        'OPEN_UNSUPPORTED_OPTIONAL_PARAMETER',
        'OPEN_UNACCEPTABLE_HOLD_TIME',
        'OPEN_UNSUPPORTED_CAPABILITY',
      ]),
    ).toEqual([1, 2, 3, 4, 6, 7]);
    expect(
      pick([
        'UPDATE_MALFORMED_ATTRIBUTE_LIST',
        'UPDATE_UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE',
        'UPDATE_MISSING_WELL_KNOWN_ATTRIBUTE',
        'UPDATE_ATTRIBUTE_FLAGS_ERROR',
        'UPDATE_ATTRIBUTE_LENGTH_ERROR',
        'UPDATE_INVALID_ORIGIN_ATTRIBUTE',
        'UPDATE_INVALID_NEXT_HOP_ATTRIBUTE',
        'UPDATE_OPTIONAL_ATTRIBUTE_ERROR',
        'UPDATE_INVALID_NETWORK_FIELD',
        'UPDATE_MALFORMED_AS_PATH',
      ]),
    ).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11]);
    expect(
      pick([
        'CEASE_MAX_PREFIXES',
        'CEASE_ADMIN_SHUTDOWN',
        'CEASE_PEER_DECONFIGURED',
        'CEASE_ADMIN_RESET',
        'CEASE_CONNECTION_REJECTED',
        'CEASE_OTHER_CONFIG_CHANGE',
        'CEASE_CONNECTION_COLLISION',
        'CEASE_OUT_OF_RESOURCES',
        'CEASE_HARD_RESET',
        'CEASE_BFD_DOWN',
      ]),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pick(['LLGR_STALE', 'NO_LLGR'])).toEqual([0xffff0006, 0xffff0007]);
    expect(
      pick(['CAP_MULTIPROTOCOL', 'CAP_ROUTE_REFRESH', 'CAP_GRACEFUL_RESTART', 'CAP_FOUR_OCTET_AS', 'CAP_LLGR']),
    ).toEqual([1, 2, 64, 65, 71]);
  });
});
