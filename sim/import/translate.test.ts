import { describe, expect, it } from 'vitest';
import { type ImportMetallbInput, importMetallb } from './import-metallb.js';

interface PeerSpec {
  name?: string;
  address?: string;
  extra?: string;
}
const peer = ({ name = 'tor', address = '10.0.0.1', extra = '' }: PeerSpec = {}) =>
  `apiVersion: metallb.io/v1beta2\nkind: BGPPeer\nmetadata:\n  name: ${name}\nspec:\n  peerASN: 64512\n  myASN: 64513\n  peerAddress: ${address}\n${extra}`;
const bfd = (name: string, spec = '') =>
  `apiVersion: metallb.io/v1beta1\nkind: BFDProfile\nmetadata:\n  name: ${name}\nspec:\n${spec || '  {}\n'}`;
const pool = (addresses: string, extra = '') =>
  `apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: web\nspec:\n  addresses: [${addresses}]\n${extra}`;
const adv = (spec: string) =>
  `apiVersion: metallb.io/v1beta1\nkind: BGPAdvertisement\nmetadata:\n  name: a\nspec:\n${spec || '  {}\n'}`;

function run(docs: string[], o: Partial<ImportMetallbInput> = {}) {
  return importMetallb({ manifests: [{ file: 'm.yaml', text: docs.join('---\n') }], ...o });
}
function ok(docs: string[], o: Partial<ImportMetallbInput> = {}) {
  const r = run(docs, o);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}
const messages = (r: ReturnType<typeof run>, level: string) =>
  r.notes.filter((n) => n.level === level).map((n) => `${n.where}: ${n.message}`);

describe('BGPPeer → speaker side, as MetalLB FRR mode renders it', () => {
  it('no timers: FRR traditional hold 180 s / keepalive 60 s, and says so', () => {
    const r = ok([peer()]);
    expect(r.scenario.speaker).toMatchObject({ profile: 'metallb', holdTime: 180, keepaliveTime: 60 });
    expect(messages(r, 'default')).toContainEqual(
      expect.stringMatching(/spec\.holdTime: absent.*hold 180 s \/ keepalive 60 s/),
    );
  });

  it('holdTime only: keepalive = hold / 3', () => {
    const r = ok([peer({ extra: '  holdTime: 1m30s\n' })]);
    expect(r.scenario.speaker).toMatchObject({ holdTime: 90, keepaliveTime: 30 });
    expect(messages(r, 'default')).toContainEqual(
      expect.stringMatching(/spec\.keepaliveTime: absent: keepalive = holdTime \/ 3 = 30 s/),
    );
  });

  it('keepaliveTime only: hold = 3 × keepalive', () => {
    expect(ok([peer({ extra: '  keepaliveTime: 3s\n' })]).scenario.speaker).toMatchObject({
      holdTime: 9,
      keepaliveTime: 3,
    });
  });

  it('renders timers in whole seconds, truncated, as frr.go does (hold 10 s → keepalive 3 s)', () => {
    const r = ok([peer({ extra: '  holdTime: 10s\n' })]);
    expect(r.scenario.speaker).toMatchObject({ holdTime: 10, keepaliveTime: 3 });
    expect(messages(r, 'default')).toContainEqual(expect.stringMatching(/3\.333333333 s/));
    expect(messages(r, 'default')).toContainEqual(expect.stringMatching(/timers 3 10/));
  });

  it('connectTime becomes the connect-retry time; absent, the profile default applies', () => {
    expect(ok([peer({ extra: '  connectTime: 5s\n' })]).scenario.speaker).toMatchObject({ connectRetryTime: 5 });
    expect(ok([peer()]).scenario.speaker).not.toHaveProperty('connectRetryTime');
  });

  it('enableGracefulRestart: Restart mode, Restart Time 120 s, F bit set, N bit off', () => {
    expect(ok([peer({ extra: '  enableGracefulRestart: true\n' })]).scenario.speaker?.gracefulRestart).toEqual({
      mode: 'restart',
      restartTime: 120,
      preserveForwarding: true,
      notification: false,
    });
  });

  it('without enableGracefulRestart: helper only, N bit off', () => {
    const r = ok([peer()]);
    expect(r.scenario.speaker?.gracefulRestart).toEqual({ mode: 'helper', notification: false });
    expect(messages(r, 'default')).toContainEqual(expect.stringMatching(/routers keep none/));
  });

  it('bfdProfile: the profile intervals in ms; absent fields take 300 ms × 3, each said', () => {
    const r = ok([peer({ extra: '  bfdProfile: fast\n' }), bfd('fast', '  transmitInterval: 100\n')]);
    expect(r.scenario.speaker?.bfd).toEqual({
      enabled: true,
      transmitInterval: '100ms',
      receiveInterval: '300ms',
      detectMultiplier: 3,
    });
    expect(messages(r, 'default').filter((m) => m.includes('BFDProfile fast'))).toEqual([
      expect.stringMatching(/spec\.receiveInterval: absent: 300 ms/),
      expect.stringMatching(/spec\.detectMultiplier: absent: 3/),
    ]);
  });

  it('no bfdProfile: no BFD', () => {
    expect(ok([peer()]).scenario.speaker).not.toHaveProperty('bfd');
  });

  it('myASN is the nodes AS, peerASN and peerAddress the router', () => {
    const r = ok([peer()]);
    expect(r.scenario.nodes.map((n) => n.asn)).toEqual([64513, 64513, 64513]);
    expect(r.scenario.routers[0]).toMatchObject({ name: 'tor', asn: 64512, address: '10.0.0.1' });
  });
});

describe('peers → routers', () => {
  it('one router per distinct peer address', () => {
    const r = ok([peer({ name: 'a' }), peer({ name: 'b', address: '10.0.0.2' })]);
    expect(r.scenario.routers.map((x) => [x.name, x.address])).toEqual([
      ['a', '10.0.0.1'],
      ['b', '10.0.0.2'],
    ]);
  });

  it('peers sharing an address collapse into one router, the last one given wins, with a warning', () => {
    const r = ok([peer({ name: 'a' }), peer({ name: 'b', extra: '  enableGracefulRestart: true\n' })]);
    expect(r.scenario.routers.map((x) => x.name)).toEqual(['b']);
    expect(r.scenario.speaker?.gracefulRestart?.mode).toBe('restart');
    expect(messages(r, 'warning')).toEqual([
      expect.stringMatching(/2 BGPPeers name 10\.0\.0\.1 \(a, b\).*uses the last one given, b/),
    ]);
  });

  it('peers that differ in speaker settings: one speaker config, with a warning naming the difference', () => {
    const r = ok([
      peer({ name: 'a', extra: '  enableGracefulRestart: true\n' }),
      peer({ name: 'b', address: '10.0.0.2', extra: '  holdTime: 9s\n' }),
    ]);
    expect(r.scenario.speaker).toMatchObject({ holdTime: 180, gracefulRestart: { mode: 'restart' } });
    expect(messages(r, 'warning')).toEqual([
      expect.stringMatching(
        /BGPPeer b\) spec: differs from BGPPeer a in enableGracefulRestart false \(vs true\), timers 3\/9/,
      ),
    ]);
  });

  it('BFD runs only with the routers whose peer has a bfdProfile', () => {
    const r = ok([
      peer({ name: 'a', extra: '  bfdProfile: fast\n' }),
      peer({ name: 'b', address: '10.0.0.2' }),
      bfd('fast'),
    ]);
    expect(r.scenario.routers.map((x) => x.bgp?.bfd)).toEqual([{ enabled: true }, undefined]);
    expect(messages(r, 'assumed')).toContainEqual(expect.stringMatching(/routers a .*assumed to run BFD/));
  });

  it('nodeSelectors are reported: synthetic nodes have no labels', () => {
    const r = ok([peer({ extra: '  nodeSelectors:\n  - matchLabels: { rack: r1 }\n' })]);
    expect(messages(r, 'ignored')).toEqual([expect.stringMatching(/spec\.nodeSelectors: nodes are synthetic/)]);
  });
});

describe('cross-reference errors', () => {
  it('a bfdProfile that names no BFDProfile', () => {
    const r = run([peer({ extra: '  bfdProfile: fast-detect\n' }), bfd('slow')]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      'm.yaml:9 (document 1, BGPPeer tor) spec.bfdProfile: names no BFDProfile ("fast-detect"; known: slow)',
    ]);
  });

  it('duplicate names and no peer at all', () => {
    const dup = run([peer(), peer({ address: '10.0.0.2' })]);
    expect(!dup.ok && dup.errors[0]).toMatch(/\(document 2, BGPPeer tor\) metadata\.name: duplicate BGPPeer "tor"/);
    const none = run([bfd('x')]);
    expect(!none.ok && none.errors).toEqual(['no BGPPeer in the manifests: there is no BGP session to simulate']);
  });
});

describe('pools and advertisements → services', () => {
  it("a service per advertised pool, at the pool's first address", () => {
    const r = ok([peer(), pool('10.100.0.10-10.100.0.20'), adv('  ipAddressPools: [web]\n')]);
    expect(r.scenario.services).toEqual([{ name: 'web', prefix: '10.100.0.10/32', externalTrafficPolicy: 'Cluster' }]);
    expect(r.scenario.workload.service).toBe('web');
  });

  it('avoidBuggyIPs skips the .0 address', () => {
    const r = ok([peer(), pool('10.100.0.0/24', '  avoidBuggyIPs: true\n'), adv('')]);
    expect(r.scenario.services[0].prefix).toBe('10.100.0.1/32');
  });

  it('aggregationLength advertises the aggregate', () => {
    const r = ok([peer(), pool('10.100.0.10/32'), adv('  aggregationLength: 24\n')]);
    expect(r.scenario.services[0].prefix).toBe('10.100.0.0/24');
  });

  it('no BGPAdvertisement: an empty one is assumed, and said', () => {
    const r = ok([peer(), pool('10.100.0.10/32')]);
    expect(r.scenario.services).toHaveLength(1);
    expect(messages(r, 'assumed')).toContainEqual(
      expect.stringMatching(/no BGPAdvertisement: MetalLB would announce nothing/),
    );
  });

  it('no IPAddressPool: the seed address 10.100.0.10/32, and said', () => {
    const r = ok([peer()]);
    expect(r.scenario.services[0].prefix).toBe('10.100.0.10/32');
    expect(messages(r, 'assumed')).toContainEqual(expect.stringMatching(/no IPAddressPool/));
  });

  it('a pool no advertisement selects is not announced; none announced is an error', () => {
    const r = run([peer(), pool('10.100.0.10/32'), adv('  ipAddressPools: [other]\n')]);
    expect(!r.ok && r.errors).toEqual([
      'no IPAddressPool is selected by a BGPAdvertisement: MetalLB would announce nothing over BGP',
    ]);
    expect(messages(r, 'warning')).toEqual([
      expect.stringMatching(/spec\.ipAddressPools: names no IPAddressPool \("other"\)/),
    ]);
  });

  it('advertisement peers and nodeSelectors that restrict the announcement are reported as not modelled', () => {
    const r = ok([
      peer({ name: 'a' }),
      peer({ name: 'b', address: '10.0.0.2' }),
      pool('10.100.0.10/32'),
      adv('  peers: [a]\n  nodeSelectors: [{ matchLabels: { x: y } }]\n'),
    ]);
    expect(messages(r, 'ignored')).toEqual([
      expect.stringMatching(/spec\.peers: advertising to some peers only is not modelled/),
      expect.stringMatching(/spec\.nodeSelectors: nodes are synthetic/),
    ]);
  });

  it('ipAddressPoolSelectors are reported: pool labels are not read', () => {
    const r = ok([peer(), pool('10.100.0.10/32'), adv('  ipAddressPoolSelectors: [{ matchLabels: { a: b } }]\n')]);
    expect(r.scenario.services).toHaveLength(1);
    expect(messages(r, 'ignored')).toEqual([
      expect.stringMatching(/spec\.ipAddressPoolSelectors: pool labels are not read: .* every pool/),
    ]);
  });
});

describe('options and the router configuration', () => {
  it('--nodes, --ecmp, --router-profile and --name shape the scenario', () => {
    const r = ok([peer()], { nodes: 5, ecmp: 'maglev', routerProfile: 'bird', name: 'mine' });
    expect(r.scenario.name).toBe('mine');
    expect(r.scenario.nodes.map((n) => n.address)).toEqual([
      '10.0.1.11',
      '10.0.1.12',
      '10.0.1.13',
      '10.0.1.14',
      '10.0.1.15',
    ]);
    expect(r.scenario.routers[0]).toMatchObject({ ecmp: { type: 'maglev' }, bgp: { profile: 'bird' } });
  });

  it('rejects an unknown router profile and a resilient group without buckets', () => {
    const r = run([peer()], { routerProfile: 'junos-99', ecmp: 'resilient' });
    expect(!r.ok && r.errors).toEqual([
      expect.stringMatching(/^--router-profile: unknown profile "junos-99"/),
      expect.stringMatching(/^--ecmp resilient needs --buckets N/),
    ]);
    expect(ok([peer()], { ecmp: 'resilient', buckets: 64 }).scenario.routers[0].ecmp).toEqual({
      type: 'resilient',
      buckets: 64,
    });
  });

  it('router config lines set the router side; neighbor addresses name the nodes', () => {
    const text =
      'router bgp 64512\n bgp graceful-restart\n bgp graceful-restart stalepath-time 300\n bgp long-lived-graceful-restart stale-time 3600\n timers bgp 3 9\n neighbor 10.0.1.10 remote-as 64513\n neighbor 10.0.1.10 bfd\n address-family ipv4 unicast\n  maximum-paths 8\n';
    const r = ok([peer({ extra: '  bfdProfile: f\n' }), bfd('f')], { routerConfig: { file: 'r.conf', text } });
    expect(r.scenario.routers[0]).toMatchObject({
      bgp: {
        gracefulRestart: { mode: 'restart', stalePathTime: 300 },
        llgr: { enabled: true, staleTime: 3600 },
        holdTime: 9,
        keepaliveTime: 3,
        bfd: { enabled: true },
      },
      maximumPaths: 8,
    });
    expect(r.scenario.nodes[0].address).toBe('10.0.1.10');
    expect(messages(r, 'set')).toHaveLength(6);
  });

  it('a router running BFD for a peer without bfdProfile gets no BFD session, with a warning', () => {
    const r = ok([peer()], { routerConfig: { file: 'r.conf', text: 'neighbor 10.0.1.10 bfd\n' } });
    expect(r.scenario.routers[0].bgp?.bfd).toEqual({ enabled: false });
    expect(messages(r, 'warning')).toContainEqual(expect.stringMatching(/has no bfdProfile/));
  });

  it('a peer with bfdProfile and a router config without BFD: a warning that no BFD session comes up', () => {
    const r = ok([peer({ extra: '  bfdProfile: f\n' }), bfd('f')], {
      routerConfig: { file: 'r.conf', text: 'bgp graceful-restart\n' },
    });
    expect(r.scenario.routers[0].bgp).not.toHaveProperty('bfd');
    expect(messages(r, 'warning')).toContainEqual(expect.stringMatching(/no BFD session comes up/));
  });

  it('settings the router profile refuses stop the import (a helper-only router told to restart)', () => {
    const r = run([peer()], {
      routerProfile: 'openbgpd',
      routerConfig: { file: 'r.conf', text: 'bgp graceful-restart\n' },
    });
    expect(!r.ok && r.errors).toEqual([
      expect.stringMatching(
        /^imported scenario: routers\[0\]\.bgp\.gracefulRestart\.mode: openbgpd is a GR helper only/,
      ),
    ]);
  });

  it('router config errors stop the import', () => {
    const r = run([peer()], { routerConfig: { file: 'r.conf', text: 'bgp graceful-restart stalepath-time 0\n' } });
    expect(!r.ok && r.errors[0]).toMatch(/^r\.conf:1: .*out of range/);
  });

  it('unknown router config lines are listed as ignored', () => {
    const r = ok([peer()], { routerConfig: { file: 'r.conf', text: 'bgp log-neighbor-changes\n' } });
    expect(messages(r, 'ignored')).toEqual(['r.conf:1: "bgp log-neighbor-changes": not understood']);
  });
});
