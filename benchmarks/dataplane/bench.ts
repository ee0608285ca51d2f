// Data-plane figures: lookups per second per ECMP scheme, the cost of removing and re-adding a next
// hop with 1,000,000 live connections, and bytes per live connection. One figure per line.
import { s } from '../../sim/base/time.js';
import { DataPlane } from '../../sim/dataplane/data-plane.js';
import { createEcmpGroup, type EcmpConfig } from '../../sim/dataplane/ecmp/config.js';
import { ECMP_SCHEMES, type EcmpScheme } from '../../sim/dataplane/ecmp/group.js';
import { fmix32, hash5Tuple } from '../../sim/dataplane/hash.js';

const CONFIGS: Record<EcmpScheme, EcmpConfig> = {
  modulo: { scheme: 'modulo' },
  'hash-threshold': { scheme: 'hash-threshold' },
  resilient: { scheme: 'resilient', buckets: 4096 },
  maglev: { scheme: 'maglev' },
  rendezvous: { scheme: 'rendezvous' },
};
const NODES = Array.from({ length: 8 }, (_, i) => `node-${i}`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function lookups(): void {
  const n = 1 << 20;
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = fmix32(i + 1);
  for (const scheme of ECMP_SCHEMES) {
    const g = createEcmpGroup(CONFIGS[scheme], 1, s(0));
    g.setNextHops(NODES, s(0));
    let sink = 0;
    for (let i = 0; i < n; i++) sink += g.lookup(hashes[i]!); // warm-up
    const rounds = 20;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (let i = 0; i < n; i++) sink += g.lookup(hashes[i]!);
    const dt = (performance.now() - t0) / 1000;
    console.log(`ecmp.lookup ${scheme} (8 next hops): ${((rounds * n) / dt / 1e6).toFixed(1)} M lookups/s`);
    if (sink === -1) console.log('');
  }
  {
    const g = createEcmpGroup(CONFIGS.maglev, 1, s(0));
    g.setNextHops(NODES, s(0));
    let sink = 0;
    const rounds = 10;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < n; i++)
        sink += g.lookup(hash5Tuple(7, 6, 0x0a000000 + (i & 8191), 0xc0a80a01, 32768 + r, 443));
    }
    const dt = (performance.now() - t0) / 1000;
    console.log(`hash5Tuple + maglev lookup: ${((rounds * n) / dt / 1e6).toFixed(1)} M/s`);
    if (sink === -1) console.log('');
  }
  {
    const t0 = performance.now();
    const g = createEcmpGroup({ scheme: 'maglev' }, 1, s(0));
    g.setNextHops(
      Array.from({ length: 1000 }, (_, i) => `b${i}`),
      s(0),
    );
    console.log(`maglev table build M=65537 N=1000: ${(performance.now() - t0).toFixed(1)} ms`);
  }
}

function changes(): void {
  const live = 1_000_000;
  for (const scheme of ECMP_SCHEMES) {
    gc();
    const dp = new DataPlane({ initialCapacity: live });
    const g = dp.addGroup({ router: 'r1', prefix: 'p', ecmp: CONFIGS[scheme], hashSeed: 1, hashPolicy: 'l4' }, s(0));
    dp.setNextHops(g, NODES, s(0));
    const t0 = performance.now();
    for (let i = 0; i < live; i++) dp.openHashed(g, fmix32(i + 1), s(3600 + (i % 3600)), 10, 800, s(0));
    const tOpen = (performance.now() - t0) / 1000;
    console.log(`dataplane.open ${scheme} ${live} connections: ${(live / tOpen / 1e6).toFixed(2)} M/s`);
    let t = performance.now();
    const removed = dp.setNextHops(g, NODES.slice(0, 7), s(1));
    const tRemove = (performance.now() - t) / 1000;
    // Connections born during the outage are the ones a re-add can move: top back up to 1,000,000.
    for (let i = 0; dp.liveConnections < live; i++) {
      dp.openHashed(g, fmix32(live + i + 1), s(3600 + (i % 3600)), 10, 800, s(1));
    }
    t = performance.now();
    const readded = dp.setNextHops(g, NODES, s(2));
    const tAdd = (performance.now() - t) / 1000;
    console.log(
      `dataplane.setNextHops ${scheme} remove 1 of 8, ${live} live: ${tRemove.toFixed(3)} s (${removed.moved} moved, ${removed.resets.rehash} reset)`,
    );
    console.log(
      `dataplane.setNextHops ${scheme} re-add, ${live} live: ${tAdd.toFixed(3)} s (${readded.moved} moved, ${readded.resets.rehash} reset)`,
    );
    t = performance.now();
    dp.failNode('node-3', s(3));
    console.log(
      `dataplane.failNode ${scheme} ${dp.liveConnections} live: ${((performance.now() - t) / 1000).toFixed(3)} s`,
    );
  }
}

function memory(): void {
  const live = 1_000_000;
  gc();
  const m0 = process.memoryUsage();
  const dp = new DataPlane();
  const g = dp.addGroup({ router: 'r1', prefix: 'p', ecmp: CONFIGS.maglev, hashSeed: 1, hashPolicy: 'l4' }, s(0));
  dp.setNextHops(g, NODES, s(0));
  for (let i = 0; i < live; i++) dp.openHashed(g, fmix32(i + 1), s(3600 + (i % 3600)), 10, 800, s(0));
  gc();
  const m1 = process.memoryUsage();
  const measured = m1.heapUsed + m1.arrayBuffers - (m0.heapUsed + m0.arrayBuffers);
  const rep = dp.memory();
  console.log(
    `dataplane bytes per live connection (measured heap, ${live} live, grown): ${(measured / live).toFixed(1)} B`,
  );
  console.log(
    `dataplane bytes per live connection (typed arrays incl. slack): ${rep.bytesPerLiveConnection.toFixed(1)} B`,
  );
  console.log(
    `dataplane bytes per connection slot: ${((rep.connectionBytes + rep.timerBytes) / rep.connectionSlots).toFixed(1)} B`,
  );
}

memory();
lookups();
changes();
