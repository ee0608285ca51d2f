import { afterEach, describe, expect, it } from 'vitest';
import { explainRecords, loadScenarioText, readTraceLines, type WorldRecord } from '../sim/index.js';
import type { HostAddress } from './daemons/host-address.js';
import { LiveSpeaker } from './live-speaker.js';
import { liveSetup } from './scenario-setup.js';
import { simRouteStates } from './sim-states.js';

const PREFIX = '10.100.0.10/32';

function scenario() {
  const text = JSON.stringify({
    name: 'live-pair',
    title: 'live pair',
    description: 'two live speakers on loopback',
    seed: 1,
    duration: '30s',
    speaker: {
      profile: 'frr-10.5',
      gracefulRestart: { mode: 'restart', restartTime: 6, preserveForwarding: true, notification: false },
      holdTime: 9,
    },
    nodes: [{ name: 'node-1', asn: 64513, address: '10.0.1.11' }],
    routers: [
      {
        name: 'tor-1',
        asn: 64512,
        address: '10.0.0.1',
        bgp: { profile: 'frr', gracefulRestart: { mode: 'helper', restartTime: 6, stalePathTime: 30 }, holdTime: 9 },
      },
    ],
    services: [{ name: 'web', prefix: PREFIX, externalTrafficPolicy: 'Cluster' }],
    workload: {
      clients: 1,
      arrivalRate: 0,
      initialConnections: 0,
      connectionDuration: { type: 'fixed', value: '1s' },
      packetRate: 1,
      packetSize: 100,
    },
  });
  const r = loadScenarioText(text, 'live-pair.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

const port = () => 20_000 + Math.floor(Math.random() * 20_000);
const running: LiveSpeaker[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function pair(host?: HostAddress) {
  const sc = scenario();
  const a = liveSetup(sc, 'node-1');
  const b = liveSetup(sc, 'tor-1');
  if (!a.ok || !b.ok) throw new Error('setup');
  const pa = port();
  const pb = pa + 1;
  const node = new LiveSpeaker({
    config: a.setup.config,
    local: { address: '127.0.0.1', port: pa },
    peers: { 'tor-1': { address: '127.0.0.1', port: pb } },
    prefixes: a.setup.prefixes,
    uptime: a.setup.uptime,
    ...(host ? { host } : {}),
  });
  const tor = new LiveSpeaker({
    config: b.setup.config,
    local: { address: '127.0.0.1', port: pb },
    peers: { 'node-1': { address: '127.0.0.1', port: pa } },
    prefixes: [],
    uptime: b.setup.uptime,
  });
  running.push(node, tor);
  await node.listen();
  await tor.listen();
  return { node, tor };
}

const established = (subject: string) => (r: WorldRecord) =>
  r.type === 'bgp-state' && r.subject === subject && r.to === 'Established';
const announced = (r: WorldRecord) =>
  r.type === 'bgp-message' &&
  r.subject === 'tor-1>node-1' &&
  r.dir === 'received' &&
  r.message === 'UPDATE' &&
  r.detail.includes(PREFIX);

/** The router's first connect is refused (the node is Idle) before the node connects: no collision (RFC 4271 §6.8). */
async function startRouterFirst(tor: LiveSpeaker, node: LiveSpeaker) {
  const refused = tor.waitFor((r) => r.type === 'bgp-state' && r.to === 'Active');
  tor.start();
  await refused;
  node.start();
}

describe('two live stalepath speakers over loopback sockets', () => {
  it('reach Established and the router learns the service route by UPDATE', async () => {
    const { node, tor } = await pair();
    const up = Promise.all([node.waitFor(established('node-1>tor-1')), tor.waitFor(established('tor-1>node-1'))]);
    const learned = tor.waitFor(announced);
    await startRouterFirst(tor, node);
    await up;
    await learned;
    expect(simRouteStates(tor.records, 'tor-1', 'node-1')[PREFIX]!.map(([s]) => s)).toEqual(['absent', 'fresh']);
  }, 20_000);

  it('reach Established when both connect at the same instant: the collision keeps the higher BGP Identifier’s connection (RFC 4271 §6.8)', async () => {
    const { node, tor } = await pair();
    const up = Promise.all([node.waitFor(established('node-1>tor-1')), tor.waitFor(established('tor-1>node-1'))]);
    const learned = tor.waitFor(announced);
    node.start();
    tor.start();
    await up;
    await learned;
    expect(simRouteStates(tor.records, 'tor-1', 'node-1')[PREFIX]!.map(([s]) => s)).toEqual(['absent', 'fresh']);
  }, 20_000);

  it("keeps the restarting speaker's route stale across a FIN, then sweeps on its End-of-RIB and holds it fresh", async () => {
    const { node, tor } = await pair();
    const learned = tor.waitFor(announced);
    await startRouterFirst(tor, node);
    await learned;
    const stale = tor.waitFor((r) => r.type === 'gr' && r.action === 'routes-stale' && r.subject === 'tor-1>node-1');
    node.stop('fin');
    await stale;
    const swept = tor.waitFor((r) => r.type === 'gr' && r.action === 'routes-sweep-stale');
    const relearned = tor.waitFor(announced);
    node.start('restart');
    await relearned;
    const sweep = await swept;
    expect(sweep).toMatchObject({ reason: 'end-of-rib' });
    const seq = simRouteStates(tor.records, 'tor-1', 'node-1')[PREFIX]!;
    expect(seq.map(([s]) => s)).toEqual(['absent', 'fresh', 'stale', 'fresh']);
    // The restarting speaker's OPEN carried R = 1 (RFC 4724 §4.1).
    expect(
      tor.records.some(
        (r) => r.type === 'bgp-message' && r.dir === 'received' && r.message === 'OPEN' && r.detail.includes('R=1'),
      ) || node.records.some((r) => r.type === 'bgp-message' && r.message === 'OPEN' && r.detail.includes('R=1')),
    ).toBe(true);
    // The live trace, written as `live --trace` writes it, reads back and narrates as a simulated one.
    const read = readTraceLines(tor.records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'tor-1.jsonl');
    expect(read).toMatchObject({ ok: true });
    const told = explainRecords(read.ok ? read.records : []).join('\n');
    expect(told).toMatch(/tor-1>node-1 +routes-stale ipv4-unicast \(tcp-closed\) \[RFC 4724 §4\.2\]/);
  }, 30_000);

  it("takes a crashed host's address away once its speaker is down and gives it back before the speaker dials again; a new connection while Established keeps it", async () => {
    const calls: [string, boolean][] = [];
    let speaker: LiveSpeaker | undefined;
    const host: HostAddress = {
      down: () => calls.push(['down', speaker?.process.running ?? true]),
      up: () => calls.push(['up', speaker?.process.running ?? true]),
    };
    const { node, tor } = await pair(host);
    speaker = node;
    const up = node.waitFor(established('node-1>tor-1'));
    await startRouterFirst(tor, node);
    await up;
    // The router's KEEPALIVEs are heard (the calibration aligns t0 on them).
    const asked = Date.now();
    expect(await node.nextKeepaliveHeard()).toBeGreaterThanOrEqual(asked);
    node.crash();
    expect(calls).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([['down', false]]);
    const back = node.waitFor(established('node-1>tor-1'));
    node.recover();
    expect(calls).toEqual([
      ['down', false],
      ['up', false],
    ]);
    await back;
    node.newConnection();
    // A crash and a recovery at the same instant (a calibration's new connection) leave the address be.
    const again = node.waitFor(established('node-1>tor-1'));
    node.crash();
    node.recover();
    await new Promise((r) => setImmediate(r));
    expect(calls).toHaveLength(2);
    await again;
  }, 30_000);
});
