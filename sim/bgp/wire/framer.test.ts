import { describe, expect, it } from 'vitest';
import { decode, encode } from './codec.js';
import { Framer } from './framer.js';
import { endOfRib, type Message } from './message.js';
import { frame, toHex } from './testing.js';

const messages: Message[] = [
  { type: 'keepalive' },
  { type: 'open', version: 4, myAs: 65001, holdTime: 90, bgpId: '10.0.0.1', capabilities: [{ type: 'route-refresh' }] },
  endOfRib(2, 1),
  {
    type: 'update',
    withdrawn: [],
    attributes: { origin: 0, asPath: [{ type: 'sequence', asns: [65001] }], nextHop: '10.0.0.1' },
    nlri: Array.from({ length: 600 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`),
  },
  { type: 'notification', code: 6, subcode: 2, data: new Uint8Array() },
];
const stream = (() => {
  const parts = messages.map((m) => encode(m));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
})();

function feed(chunkSizes: (i: number) => number) {
  const f = new Framer();
  const frames: Uint8Array[] = [];
  for (let at = 0, i = 0; at < stream.length; i++) {
    const n = Math.max(1, chunkSizes(i));
    for (const o of f.push(stream.subarray(at, at + n))) {
      expect(o.type).toBe('frame');
      if (o.type === 'frame') frames.push(o.bytes);
    }
    at += n;
  }
  expect(f.pending).toBe(0);
  return frames.map((b) => decode(b));
}

describe('Framer (RFC 4271 §4.1)', () => {
  it('yields each message whole however the stream is chunked', () => {
    const expected = messages.map((msg) => ({ ok: true, msg }));
    expect(feed(() => stream.length)).toEqual(expected);
    expect(feed(() => 1)).toEqual(expected);
    expect(feed((i) => [7, 19, 1, 300, 2][i % 5])).toEqual(expected);
  });

  it('holds back a partial message until its last octet arrives', () => {
    const f = new Framer();
    const ka = encode({ type: 'keepalive' });
    expect(f.push(ka.subarray(0, 18))).toEqual([]);
    expect(f.pending).toBe(18);
    expect(f.push(ka.subarray(18))).toEqual([{ type: 'frame', bytes: ka }]);
  });

  it('reports a bad marker as soon as the header is in, then stays failed (RFC 4271 §6.1)', () => {
    const f = new Framer();
    const bad = frame(4, []);
    bad[0] = 0;
    const out = f.push(bad);
    expect(out).toEqual([{ type: 'error', error: expect.objectContaining({ code: 1, subcode: 1 }) }]);
    expect(f.push(encode({ type: 'keepalive' }))).toEqual([]);
    expect(f.error?.subcode).toBe(1);
  });

  it('reports an oversized length from the header without waiting for the body (RFC 4271 §6.1)', () => {
    const f = new Framer();
    const ka = encode({ type: 'keepalive' });
    const out = f.push(new Uint8Array([...ka, ...frame(2, [], 5000).subarray(0, 19)]));
    expect(out.map((o) => o.type)).toEqual(['frame', 'error']);
    const err = out[1];
    expect(err.type === 'error' && [err.error.code, err.error.subcode, toHex(err.error.data)]).toEqual([1, 2, '13 88']);
  });

  it('reports an unknown message type with Bad Message Type (RFC 4271 §6.1)', () => {
    const out = new Framer().push(frame(9, []));
    expect(out[0].type === 'error' && [out[0].error.code, out[0].error.subcode]).toEqual([1, 3]);
  });
});
