// MetalLB's own published shapes as a user feeds them (our own copies, written here): the
// configsamples/deployment_bgp.yaml set — one pool with an IPv4 and an IPv6 range, an IPv4 and an
// IPv6 BGPPeer, an empty BGPAdvertisement, a Deployment and a LoadBalancer Service — and a
// `kubectl get -A -o yaml` List dump of a dual-stack cluster.
import { describe, expect, it } from 'vitest';
import { profileNames } from '../bgp/profile/index.js';
import { loadScenarioText } from '../scenario/load.js';
import { runScenario } from '../scenario/run.js';
import { renderAddressFamilies as frrNeighborStanzas } from './frr-families.js';
import { importMetallb } from './import-metallb.js';
import { parseManifests } from './manifests.js';
import { translate } from './translate.js';

const DEPLOYMENT_BGP = `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: example
  namespace: metallb-system
spec:
  addresses:
  - 192.168.10.0/24
  - fc00:f853:0ccd:e799::/124
---
apiVersion: metallb.io/v1beta1
kind: BGPAdvertisement
metadata:
  name: empty
  namespace: metallb-system
---
apiVersion: metallb.io/v1beta2
kind: BGPPeer
metadata:
  name: peer
  namespace: metallb-system
spec:
  myASN: 64512
  peerASN: 64512
  peerAddress: 172.30.0.3
---
apiVersion: metallb.io/v1beta2
kind: BGPPeer
metadata:
  name: peerv6
  namespace: metallb-system
spec:
  myASN: 64512
  peerASN: 64512
  peerAddress: fc00:f853:ccd:e793::5
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1
        ports:
        - name: http
          containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  ports:
  - name: http
    port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: nginx
  type: LoadBalancer
`;

/** The same set with the Service asking for both families. */
const DUAL = DEPLOYMENT_BGP.replace(
  '  type: LoadBalancer\n',
  '  type: LoadBalancer\n  ipFamilyPolicy: RequireDualStack\n  ipFamilies: [IPv4, IPv6]\n',
);

/** And the IPv4 peer carrying both families on its one session (MetalLB dualStackAddressFamily). */
const DUAL_SESSION = DUAL.replace(
  '  peerAddress: 172.30.0.3\n',
  '  peerAddress: 172.30.0.3\n  dualStackAddressFamily: true\n',
);

/** Imports through the whole path (loader and profiles included) and runs the scenario. */
function importAndRun(text: string) {
  const r = importMetallb({ manifests: [{ file: 'deployment_bgp.yaml', text }] });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const loaded = loadScenarioText(JSON.stringify({ ...r.scenario, duration: '150s' }), 'imported', {
    profiles: profileNames(),
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return { imported: r, run: runScenario(loaded.scenario) };
}

function translated(text: string, file = 'deployment_bgp.yaml') {
  const parsed = parseManifests([{ file, text }]);
  expect(parsed.errors).toEqual([]);
  const t = translate(parsed.manifests, {
    nodes: 3,
    routerProfile: 'frr',
    ecmp: 'hash-threshold',
    name: 'dual',
    files: [file],
  });
  expect(t.errors).toEqual([]);
  return { ...t, notes: [...parsed.notes, ...t.notes] };
}
const lines = (notes: readonly { level: string; where: string; message: string }[], level: string) =>
  notes.filter((n) => n.level === level).map((n) => `${n.where}: ${n.message}`);

describe("MetalLB's deployment_bgp.yaml sample", () => {
  it('imports without an error: the IPv6 range, the IPv6 peer, the Deployment and the Service are all read', () => {
    const t = translated(DEPLOYMENT_BGP);
    expect(t.scenario?.routers.map((r) => [r.name, r.address, r.address6, r.transport, r.families, r.asn])).toEqual([
      ['peer', '172.30.0.3', undefined, undefined, ['ipv4-unicast'], 64512],
      ['peerv6', undefined, 'fc00:f853:ccd:e793::5', 'ipv6', ['ipv6-unicast'], 64512],
    ]);
    expect(lines(t.notes, 'assumed')).toContainEqual(
      expect.stringMatching(
        /^routers peerv6 \(fc00:f853:ccd:e793::5\): an IPv6 peer: sessions run over IPv6 .*BGP Identifier \(router-id\) is not in the manifests, 10\.0\.0\.2 is assumed/,
      ),
    );
  });

  it('a Service without ipFamilies is SingleStack of the primary family: one IPv4 service at the lowest pool address', () => {
    const t = translated(DEPLOYMENT_BGP);
    expect(t.scenario?.services).toEqual([
      { name: 'nginx', prefix: '192.168.10.0/32', externalTrafficPolicy: 'Cluster' },
    ]);
    expect(lines(t.notes, 'assumed')).toContainEqual(
      expect.stringMatching(
        /^deployment_bgp\.yaml:\d+ \(document 6, Service nginx\) spec\.ipFamilies: absent.*SingleStack.*IPv4 assumed/,
      ),
    );
    expect(lines(t.notes, 'set')).toContainEqual(
      expect.stringMatching(
        /^services nginx: Service default\/nginx IPv4 192\.168\.10\.0 \(the lowest free address of pool example\).*BGPAdvertisement empty.*ports 80\/TCP http/,
      ),
    );
  });

  it('RequireDualStack: two services, one per family, each announced at its full length', () => {
    const t = translated(DUAL);
    expect(t.scenario?.services).toEqual([
      { name: 'nginx', prefix: '192.168.10.0/32', externalTrafficPolicy: 'Cluster' },
      { name: 'nginx-ipv6', prefix: 'fc00:f853:ccd:e799::/128', externalTrafficPolicy: 'Cluster' },
    ]);
  });

  it('FRR mode sends the IPv4 prefix to the IPv4 peer only and the IPv6 prefix to the IPv6 peer only, and says so', () => {
    const t = translated(DUAL);
    expect(lines(t.notes, 'set')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /\(document 3, BGPPeer peer\) spec\.peerAddress: 172\.30\.0\.3: MetalLB activates address-family ipv4 unicast for this neighbor, so it is sent 192\.168\.10\.0\/32 and not fc00:f853:ccd:e799::\/128/,
        ),
        expect.stringMatching(
          /\(document 4, BGPPeer peerv6\) spec\.peerAddress: fc00:f853:ccd:e793::5: MetalLB activates address-family ipv6 unicast for this neighbor, so it is sent fc00:f853:ccd:e799::\/128 and not 192\.168\.10\.0\/32/,
        ),
      ]),
    );
    expect(lines(t.notes, 'warning')).toEqual([]);
  });

  it('renders the address families as MetalLB FRR mode does for the two peers (neighboripfamily.tmpl, frr.tmpl)', () => {
    const parsed = parseManifests([{ file: 'd.yaml', text: DUAL }]);
    expect(frrNeighborStanzas(parsed.manifests.peers, ['192.168.10.0/32', 'fc00:f853:ccd:e799::/128'])).toEqual([
      '  address-family ipv4 unicast',
      '    neighbor 172.30.0.3 activate',
      '    neighbor 172.30.0.3 route-map 172.30.0.3-in in',
      '    neighbor 172.30.0.3 route-map 172.30.0.3-out out',
      '  exit-address-family',
      '  address-family ipv6 unicast',
      '    neighbor fc00:f853:ccd:e793::5 activate',
      '    neighbor fc00:f853:ccd:e793::5 route-map fc00:f853:ccd:e793::5-in in',
      '    neighbor fc00:f853:ccd:e793::5 route-map fc00:f853:ccd:e793::5-out out',
      '  exit-address-family',
      '  address-family ipv4 unicast',
      '    network 192.168.10.0/32',
      '  exit-address-family',
      '  address-family ipv6 unicast',
      '    network fc00:f853:ccd:e799::/128',
      '  exit-address-family',
    ]);
  });

  it('dualStackAddressFamily on the IPv4 peer activates both families: that router carries both, without a warning', () => {
    const parsed = parseManifests([{ file: 'd.yaml', text: DUAL_SESSION }]);
    expect(frrNeighborStanzas(parsed.manifests.peers.slice(0, 1), [])).toEqual([
      '  address-family ipv4 unicast',
      '    neighbor 172.30.0.3 activate',
      '    neighbor 172.30.0.3 route-map 172.30.0.3-in in',
      '    neighbor 172.30.0.3 route-map 172.30.0.3-out out',
      '  exit-address-family',
      '  address-family ipv6 unicast',
      '    neighbor 172.30.0.3 activate',
      '    neighbor 172.30.0.3 route-map 172.30.0.3-in in',
      '    neighbor 172.30.0.3 route-map 172.30.0.3-out out',
      '  exit-address-family',
    ]);
    const t = translated(DUAL_SESSION, 'd.yaml');
    expect(t.scenario?.routers.map((r) => [r.name, r.transport, r.families])).toEqual([
      ['peer', undefined, ['ipv4-unicast', 'ipv6-unicast']],
      ['peerv6', 'ipv6', ['ipv6-unicast']],
    ]);
    expect(lines(t.notes, 'warning')).toEqual([]);
  });

  it('the whole import succeeds and the scenario runs with clients on both families, none meeting a router without its route', () => {
    const { imported, run } = importAndRun(DUAL);
    expect(imported.scenario.workload?.service).toEqual(['nginx', 'nginx-ipv6']);
    const f = run.metrics.byFamily;
    expect(f.ipv4.packets.delivered).toBeGreaterThan(0);
    expect(f.ipv6.packets.delivered).toBeGreaterThan(0);
    // Each family enters only through the router that is sent it: no client meets a router without its route.
    expect([f.ipv4.packets.lost, f.ipv6.packets.lost, run.metrics.connections.resetByCause.noRoute]).toEqual([0, 0, 0]);
  });

  it('the IPv6 prefix is routed at the IPv6 router only, the IPv4 prefix at the IPv4 router only, as MetalLB sends them', () => {
    const { run } = importAndRun(DUAL);
    const hops = (router: string, prefix: string) => run.world.traffic.nextHopsOf(router, prefix);
    const nodes = ['node-1', 'node-2', 'node-3'];
    expect(hops('peerv6', 'fc00:f853:ccd:e799::/128')).toEqual(nodes);
    expect(hops('peer', 'fc00:f853:ccd:e799::/128')).toEqual([]);
    expect(hops('peer', '192.168.10.0/32')).toEqual(nodes);
    expect(hops('peerv6', '192.168.10.0/32')).toEqual([]);
  });

  it('with dualStackAddressFamily on the IPv4 peer, that router routes the IPv6 prefix too', () => {
    const { run } = importAndRun(DUAL_SESSION);
    expect(run.world.traffic.nextHopsOf('peer', 'fc00:f853:ccd:e799::/128')).toEqual(['node-1', 'node-2', 'node-3']);
    expect(run.metrics.byFamily.ipv6.packets.lost).toBe(0);
  });
});
