// BGP session machines in steady state and through a GR cycle: one hub speaker with N spokes,
// explicit per-KEEPALIVE scheduling (the reference mode), driven by the test net's drive loop.
import { s, type Time } from '../../sim/base/time.js';
import { mustResolve } from '../../sim/bgp/profile/registry.js';
import { createSession, sessionNextDeadline, stepSession } from '../../sim/bgp/session/session.js';
import { Net } from '../../sim/bgp/testing/net.js';

// The machine alone: one Established session fed KEEPALIVE ticks and received KEEPALIVEs.
{
  const st = createSession({
    peer: 'p',
    config: mustResolve({ profile: 'rfc', timers: { holdTime: 9 } }),
    identity: { localAs: 65001, bgpId: '1.1.1.1', peerAs: 65002, restarting: false, startedAt: 0 as Time },
    uniform: () => 0.5,
  });
  const T0 = 0 as Time;
  stepSession(st, { type: 'manual-start' }, T0);
  stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, T0);
  stepSession(
    st,
    {
      type: 'message',
      conn: 1,
      message: { type: 'open', version: 4, myAs: 65002, holdTime: 9, bgpId: '2.2.2.2', capabilities: [] },
    },
    T0,
  );
  stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, T0);
  const n = 1_000_000;
  const ka = { type: 'message' as const, conn: 1, message: { type: 'keepalive' as const } };
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const now = sessionNextDeadline(st);
    stepSession(st, { type: 'tick' }, now);
    stepSession(st, ka, now);
  }
  const dt = (performance.now() - t0) / 1000;
  console.log(`bgp.session machine steps: ${Math.round((2 * n) / dt)} steps/s`);
}

function star(spokes: number, routesPerSpoke: number): Net {
  const net = new Net();
  const cfg = {
    profile: 'frr',
    gr: { mode: 'restart' as const, preserveForwarding: true },
    timers: { holdTime: 9, keepaliveTime: 3 },
  };
  net.declare('hub', 65000, '10.255.0.1');
  for (let i = 0; i < spokes; i++) {
    const originate = Array.from({ length: routesPerSpoke }, (_, j) => ({ prefix: `10.${i >> 8}.${i & 255}.${j}/32` }));
    net.add({
      name: `s${i}`,
      asn: 65001 + i,
      routerId: `1.0.${i >> 8}.${i & 255}`,
      address: `10.254.${i >> 8}.${i & 255}`,
      peers: { hub: cfg },
      originate,
    });
  }
  const peers: Record<string, typeof cfg> = {};
  for (let i = 0; i < spokes; i++) peers[`s${i}`] = cfg;
  net.add({ name: 'hub', asn: 65000, routerId: '9.9.9.9', address: '10.255.0.1', peers });
  return net;
}

const spokes = 100;
const net = star(spokes, 10);
let t = performance.now();
net.runFor(s(10));
console.log(`bgp.session establish ${spokes} sessions x 10 routes: ${((performance.now() - t) / 1000).toFixed(3)} s`);
const before = net.log.length;
t = performance.now();
net.runFor(s(3600), 10_000_000);
const dt = (performance.now() - t) / 1000;
const outputs = net.log.length - before;
console.log(`bgp.session steady state ${spokes} sessions, 1 h virtual: ${dt.toFixed(3)} s`);
console.log(`bgp.session steady state via test net (harness-bound): ${Math.round(outputs / dt)} outputs/s`);
t = performance.now();
for (let i = 0; i < spokes; i++) net.crashProcess(`s${i}`);
net.runFor(s(200), 10_000_000);
console.log(
  `bgp.session GR cycle ${spokes} peers (stale, restart-timer sweep): ${((performance.now() - t) / 1000).toFixed(3)} s`,
);
