import { describe, expect, it } from 'vitest';
import { autoFlowLabel, flowHash, flowHashOf, foldIPv6, formatIPv4, PROTO_TCP, parseIPv4 } from './flow-key.js';
import { fmix32, hash3Tuple, hash5Tuple, hashString } from './hash.js';

const popcount = (x: number): number => {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
};

describe('flow hashing', () => {
  it('is deterministic and depends on the router seed', () => {
    expect(hash5Tuple(1, 6, 0x0a000001, 0xc0a80001, 40000, 443)).toBe(
      hash5Tuple(1, 6, 0x0a000001, 0xc0a80001, 40000, 443),
    );
    expect(hash5Tuple(1, 6, 0x0a000001, 0xc0a80001, 40000, 443)).not.toBe(
      hash5Tuple(2, 6, 0x0a000001, 0xc0a80001, 40000, 443),
    );
  });

  it('ignores ports under the L3 policy and uses them under L4', () => {
    const k1 = { protocol: PROTO_TCP, src: 0x0a000001, dst: 0xc0a80001, srcPort: 40000, dstPort: 443 };
    const k2 = { ...k1, srcPort: 40001 };
    expect(flowHash('l3', 9, k1)).toBe(flowHash('l3', 9, k2));
    expect(flowHash('l3', 9, k1)).toBe(hash3Tuple(9, PROTO_TCP, k1.src, k1.dst));
    expect(flowHash('l4', 9, k1)).not.toBe(flowHash('l4', 9, k2));
  });

  it('hashes the IPv6 flow label under the L3 policy and not under L4 (rt6_multipath_hash)', () => {
    const k1 = { protocol: PROTO_TCP, src: 0x0a000001, dst: 0xc0a80001, srcPort: 40000, dstPort: 443, flowLabel: 1 };
    const k2 = { ...k1, flowLabel: 2 };
    expect(flowHash('l3', 9, k1)).not.toBe(flowHash('l3', 9, k2));
    expect(flowHash('l4', 9, k1)).toBe(flowHash('l4', 9, k2));
  });

  it("spreads one IPv6 client's connections over a group under the L3 policy (auto flow labels)", () => {
    const client = foldIPv6(0x20010db8, 0, 0, 1);
    const service = foldIPv6(0xfd000100, 0, 0, 0x10);
    const buckets = (v6: boolean) => {
      const seen = new Set<number>();
      for (let port = 40000; port < 40064; port++) {
        const flowLabel = autoFlowLabel(PROTO_TCP, client, service, port, 443);
        const k = { protocol: PROTO_TCP, src: client, dst: service, srcPort: port, dstPort: 443 };
        seen.add((flowHash('l3', 7, v6 ? { ...k, flowLabel } : k) >>> 0) % 4);
      }
      return seen.size;
    };
    expect(buckets(false)).toBe(1);
    expect(buckets(true)).toBe(4);
  });

  it('draws a 20-bit flow label per connection (auto flow labels)', () => {
    const labels = new Set<number>();
    for (let port = 1; port <= 1000; port++) labels.add(autoFlowLabel(PROTO_TCP, 1, 2, port, 443));
    expect(labels.size).toBeGreaterThan(990);
    expect(Math.max(...labels)).toBeLessThanOrEqual(0xfffff);
  });

  it('avalanches: one flipped input bit flips about half the output bits', () => {
    let flips = 0;
    let trials = 0;
    for (let i = 0; i < 2000; i++) {
      const base = hash5Tuple(7, 6, 0x0a000000 + i, 0xc0a80001, 32768 + i, 443);
      for (let b = 0; b < 32; b += 5) {
        flips += popcount(base ^ hash5Tuple(7, 6, (0x0a000000 + i) ^ (1 << b), 0xc0a80001, 32768 + i, 443));
        trials++;
      }
    }
    expect(flips / trials).toBeGreaterThan(15.5);
    expect(flips / trials).toBeLessThan(16.5);
  });

  it('spreads sequential client addresses evenly over 256 top-byte bins (chi-square)', () => {
    const bins = new Float64Array(256);
    const n = 256_000;
    for (let i = 0; i < n; i++) bins[hash3Tuple(3, 6, 0x0a000000 + i, 0xc0a80001) >>> 24]!++;
    const e = n / 256;
    const chi2 = bins.reduce((a, o) => a + ((o - e) * (o - e)) / e, 0);
    // 255 degrees of freedom: mean 255, sd ≈ 22.6; 6 sd above the mean would be a broken mixer.
    expect(chi2).toBeLessThan(255 + 6 * 22.6);
  });

  it('finalises with the MurmurHash3 fmix32 constants', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('hashes names with the seed', () => {
    expect(hashString(0, 'node-1')).not.toBe(hashString(1, 'node-1'));
    expect(hashString(0, 'node-1')).not.toBe(hashString(0, 'node-2'));
  });
});

describe('addresses as numbers', () => {
  it('parses and formats IPv4 as uint32', () => {
    expect(parseIPv4('10.0.0.1')).toBe(0x0a000001);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
    expect(formatIPv4(0xc0a80a01)).toBe('192.168.10.1');
    expect(parseIPv4('10.0.0')).toBeUndefined();
    expect(parseIPv4('10.0.0.256')).toBeUndefined();
    expect(parseIPv4('10.0.x.1')).toBeUndefined();
  });

  it('folds IPv6 addresses to distinct 32-bit keys', () => {
    const a = foldIPv6(0x20010db8, 0, 0, 1);
    const b = foldIPv6(0x20010db8, 0, 0, 2);
    expect(a).not.toBe(b);
    expect(a >>> 0).toBe(a);
  });
});

describe('flow hash from fields', () => {
  it('equals the hash of the key object under both policies, with and without a flow label', () => {
    for (let i = 0; i < 200; i++) {
      const k = {
        protocol: PROTO_TCP,
        src: (0x64400000 + i * 7) >>> 0,
        dst: 0x0a640a0a,
        srcPort: 32768 + i,
        dstPort: 443,
      };
      const label = autoFlowLabel(k.protocol, k.src, k.dst, k.srcPort, k.dstPort);
      for (const policy of ['l3', 'l4'] as const) {
        expect(flowHashOf(policy, 9, k.protocol, k.src, k.dst, k.srcPort, k.dstPort, -1)).toBe(flowHash(policy, 9, k));
        expect(flowHashOf(policy, 9, k.protocol, k.src, k.dst, k.srcPort, k.dstPort, label)).toBe(
          flowHash(policy, 9, { ...k, flowLabel: label }),
        );
      }
    }
  });
});
