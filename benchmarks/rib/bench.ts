// RIB benchmark: a GR helper holding 1,000,000 IPv4 prefixes from one peer, with two other peers
// (one LLGR-capable, one not) receiving its best paths. Phases: mark stale (RFC 4724 §4.2), refresh
// 900,000 by re-advertisement, End-of-RIB sweep of the other 100,000, then the LLGR transition of a
// second restart (RFC 9494 §4.3) and the LLST sweep. Prefixes are generated deterministically.
// Run with `npm run bench rib` (passes --expose-gc).
import { Rib } from '../../sim/bgp/rib/index.js';
import type { PathAttributes } from '../../sim/bgp/wire/message.js';

const N = Number(process.argv[2] ?? 1_000_000);
const REFRESH = Math.floor(N * 0.9);
const gc = (globalThis as { gc?: () => void }).gc;

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function prefixOf(i: number): string {
  // Distinct /32s spread over 10.0.0.0/8 and beyond: i → 10.0.0.0 + i (wrapping into 11.x etc.).
  const a = 10 + Math.floor(i / 16_777_216);
  const r = i % 16_777_216;
  return `${a}.${(r >>> 16) & 255}.${(r >>> 8) & 255}.${r & 255}/32`;
}

function timed<T>(label: string, f: () => T): T {
  const t0 = process.hrtime.bigint();
  const r = f();
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`rib.${label}: ${dt.toFixed(3)} s`);
  return r;
}

// The baseline is taken before the prefix strings exist: the RIB keeps them, so they count.
const base = heap();
const prefixes: string[] = [];
for (let i = 0; i < N; i++) prefixes.push(prefixOf(i));
const attrs: PathAttributes = { origin: 0, asPath: [{ type: 'sequence', asns: [65001] }], nextHop: '192.0.2.1' };
const rib = new Rib({ localAs: 65000, routerId: '10.255.0.1' });
rib.addPeer({ id: 'speaker', asn: 65001, address: '192.0.2.1' });
rib.addPeer({ id: 'up-llgr', asn: 65100, address: '198.51.100.1', nextHopSelf: { 'ipv4-unicast': '198.51.100.2' } });
rib.addPeer({ id: 'up-plain', asn: 65200, address: '198.51.100.5', nextHopSelf: { 'ipv4-unicast': '198.51.100.6' } });
rib.peerUp('speaker', { routerId: '10.0.0.1', families: ['ipv4-unicast'] });
rib.peerUp('up-llgr', { routerId: '10.0.0.2', families: ['ipv4-unicast'], llgrStaleFamilies: ['ipv4-unicast'] });
rib.peerUp('up-plain', { routerId: '10.0.0.3', families: ['ipv4-unicast'] });

let r = timed(`learn ${N} routes`, () => rib.update('speaker', 'ipv4-unicast', { nlri: prefixes, attributes: attrs }));
console.log(
  `rib.learn updates sent: ${r.updates.reduce((s, u) => s + u.announced.reduce((t, a) => t + a.nlri.length, 0), 0)} prefixes`,
);
r = undefined as never;
const loaded = heap();
console.log(
  `rib.heap per route (prefix strings + Adj-RIB-In + Loc-RIB + 2 Adj-RIB-Out): ${((loaded - base) / N).toFixed(0)} bytes`,
);

r = timed(`markStale ${N} routes`, () => rib.markStale('speaker', 'ipv4-unicast'));
const reAttrs: PathAttributes = { origin: 0, asPath: [{ type: 'sequence', asns: [65001] }], nextHop: '192.0.2.1' };
const refreshed = prefixes.slice(0, REFRESH);
r = timed(`refresh ${REFRESH} routes`, () =>
  rib.update('speaker', 'ipv4-unicast', { nlri: refreshed, attributes: reAttrs }),
);
console.log(`rib.refresh changed prefixes: ${r.changed.length}`);
r = timed(`sweepStale (End-of-RIB) ${N - REFRESH} routes`, () => rib.sweepStale('speaker', 'ipv4-unicast'));
console.log(`rib.sweepStale changed prefixes: ${r.changed.length}`);

// Second restart: everything stale, then the restart time ends and LLGR begins.
rib.markStale('speaker', 'ipv4-unicast');
r = timed(`toLlgrStale ${REFRESH} routes`, () => rib.toLlgrStale('speaker', 'ipv4-unicast'));
const sent = (peer: string) => r.updates.find((u) => u.peer === peer);
console.log(`rib.toLlgrStale updates to LLGR peer: ${sent('up-llgr')?.announced[0]?.nlri.length ?? 0} prefixes`);
console.log(`rib.toLlgrStale withdrawals to non-LLGR peer: ${sent('up-plain')?.withdrawn.length ?? 0} prefixes`);
r = undefined as never;
const llgrHeap = heap();
console.log(`rib.heap per route in LLGR: ${((llgrHeap - base) / REFRESH).toFixed(0)} bytes`);
r = timed(`sweepLlgrStale ${REFRESH} routes`, () => rib.sweepLlgrStale('speaker', 'ipv4-unicast'));
console.log(`rib.sweepLlgrStale changed prefixes: ${r.changed.length}`);
if (!gc) console.log('rib.heap figures need --expose-gc (npm run bench passes it)');

// ECMP: four speakers advertise the same prefixes (maximum-paths 4, as MetalLB speakers behind a ToR);
// one speaker restarts and enters LLGR, so every prefix's multipath set shrinks from 4 to 3.
{
  const M = Math.floor(N / 10);
  const ecmp = new Rib({ localAs: 65000, routerId: '10.255.0.1', maximumPaths: 4 });
  const speakers = ['s1', 's2', 's3', 's4'];
  speakers.forEach((id, i) => {
    ecmp.addPeer({ id, asn: 65001, address: `192.0.2.${i + 1}` });
    ecmp.peerUp(id, { routerId: `10.0.0.${i + 1}`, families: ['ipv4-unicast'] });
  });
  ecmp.addPeer({ id: 'up', asn: 65100, address: '198.51.100.1', nextHopSelf: { 'ipv4-unicast': '198.51.100.2' } });
  ecmp.peerUp('up', { routerId: '10.0.1.1', families: ['ipv4-unicast'], llgrStaleFamilies: ['ipv4-unicast'] });
  const some = prefixes.slice(0, M);
  timed(`ecmp learn ${M} prefixes x 4 paths`, () => {
    speakers.forEach((id, i) => {
      ecmp.update(id, 'ipv4-unicast', {
        nlri: some,
        attributes: { origin: 0, asPath: [{ type: 'sequence', asns: [65001] }], nextHop: `192.0.2.${i + 1}` },
      });
    });
  });
  ecmp.markStale('s1', 'ipv4-unicast');
  const e = timed(`ecmp toLlgrStale ${M} prefixes (multipath 4 -> 3)`, () => ecmp.toLlgrStale('s1', 'ipv4-unicast'));
  console.log(`rib.ecmp FIB changes: ${e.fib.length} prefixes`);
}
