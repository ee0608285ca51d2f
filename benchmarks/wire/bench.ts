// Wire codec benchmark: encode and decode throughput for the messages a GR run moves most —
// KEEPALIVEs, full-table IPv4 UPDATEs (attributes + ~1000 /24s per 4096-octet message), IPv6
// MP_REACH UPDATEs, End-of-RIB markers — plus framing a concatenated stream. Deterministic inputs.
import {
  decode,
  encode,
  encodeAll,
  endOfRib,
  Framer,
  type Message,
  type UpdateMessage,
} from '../../sim/bgp/wire/index.js';

const attrs = {
  origin: 0 as const,
  asPath: [{ type: 'sequence' as const, asns: [65001, 65002, 4200000001] }],
  nextHop: '192.0.2.1',
  med: 10,
  communities: [0xffff0006, 0xfde90001],
};
const v4 = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`);
const v6 = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${i.toString(16)}::/48`);

const cases: [string, Message][] = [
  ['keepalive', { type: 'keepalive' }],
  ['end-of-rib-ipv6', endOfRib(2, 1)],
  ['update-ipv4-1000', { type: 'update', withdrawn: [], attributes: attrs, nlri: v4(1000) }],
  [
    'update-ipv6-400',
    {
      type: 'update',
      withdrawn: [],
      attributes: { ...attrs, nextHop: undefined, mpReach: { afi: 2, safi: 1, nextHop: '2001:db8::1', nlri: v6(400) } },
      nlri: [],
    } as UpdateMessage,
  ],
];

function perSecond(label: string, iterations: number, unit: string, f: () => void): void {
  for (let i = 0; i < Math.min(1000, iterations); i++) f(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) f();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`wire.${label}: ${(iterations / s).toFixed(0)} ${unit}/s`);
}

for (const [name, m] of cases) {
  const bytes = encode(m);
  const n = m.type === 'update' ? 2000 : 200_000;
  perSecond(`encode ${name} (${bytes.length} octets)`, n, 'msg', () => encode(m));
  perSecond(`decode ${name} (${bytes.length} octets)`, n, 'msg', () => decode(bytes));
}

const table = { type: 'update' as const, withdrawn: [], attributes: attrs, nlri: v4(100_000) };
const t0 = process.hrtime.bigint();
const parts = encodeAll(table);
const te = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`wire.encodeAll 100000 IPv4 routes into ${parts.length} UPDATEs: ${te.toFixed(3)} s`);

const stream = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
let at = 0;
for (const p of parts) {
  stream.set(p, at);
  at += p.length;
}
const t1 = process.hrtime.bigint();
const f = new Framer();
let routes = 0;
for (let i = 0; i < stream.length; i += 1460) {
  for (const o of f.push(stream.subarray(i, i + 1460))) {
    if (o.type === 'frame') {
      const r = decode(o.bytes);
      if (r.ok && r.msg.type === 'update') routes += r.msg.nlri.length;
    }
  }
}
const tf = Number(process.hrtime.bigint() - t1) / 1e9;
console.log(`wire.frame+decode 100000 IPv4 routes in 1460-octet segments: ${tf.toFixed(3)} s (${routes} routes)`);
