import { describe, expect, it } from 'vitest';
import { CEASE_MAX_PREFIXES, ERR_CEASE } from '../wire/message.js';
import { maxPrefixExceeded } from './max-prefix.js';

describe('maximum-prefix NOTIFICATION (RFC 4486 §4)', () => {
  it('carries AFI (2 octets), SAFI (1) and the limit (4), big-endian', () => {
    const n = maxPrefixExceeded('ipv6-unicast', 0x01020304).notification;
    expect([n.code, n.subcode]).toEqual([ERR_CEASE, CEASE_MAX_PREFIXES]);
    expect([...n.data]).toEqual([0, 2, 1, 1, 2, 3, 4]);
  });
});
