// A `kubectl get nodes,svc,endpointslices,ipaddresspools,bgppeers,bgpadvertisements,cm -A -o yaml`
// dump of a dual-stack cluster: one `kind: List` with `items:`, objects from several namespaces,
// status and managedFields as kubectl prints them; plus a `---` stream beside it.
import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifests.js';
import { translate } from './translate.js';

const DUMP = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: kind-worker
    labels: { kubernetes.io/hostname: kind-worker }
  status:
    addresses:
    - { type: InternalIP, address: 172.18.0.3 }
    - { type: InternalIP, address: "fc00:f853:ccd:e793::3" }
    - { type: Hostname, address: kind-worker }
- apiVersion: v1
  kind: Node
  metadata: { name: kind-worker2 }
  status:
    addresses:
    - { type: InternalIP, address: 172.18.0.4 }
    - { type: InternalIP, address: "fc00:f853:ccd:e793::4" }
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
    annotations:
      metallb.universe.tf/loadBalancerIPs: 192.168.10.7,fc00:f853:ccd:e799::7
    managedFields: [{ manager: kubectl }]
  spec:
    type: LoadBalancer
    externalTrafficPolicy: Local
    ipFamilyPolicy: RequireDualStack
    ipFamilies: [IPv4, IPv6]
    clusterIPs: [10.96.0.20, "fd00:10:96::20"]
    selector: { app: web }
    ports: [{ port: 443, protocol: TCP, name: https }]
  status:
    loadBalancer:
      ingress: [{ ip: 192.168.10.7 }, { ip: "fc00:f853:ccd:e799::7" }]
- apiVersion: v1
  kind: Service
  metadata: { name: kubernetes, namespace: default }
  spec: { type: ClusterIP, clusterIP: 10.96.0.1 }
- apiVersion: discovery.k8s.io/v1
  kind: EndpointSlice
  metadata:
    name: web-abc12
    namespace: shop
    labels: { kubernetes.io/service-name: web }
  endpoints:
  - addresses: [10.244.1.5]
    nodeName: kind-worker2
    conditions: { ready: true }
  - addresses: [10.244.2.9]
    nodeName: kind-worker
    conditions: { ready: false }
- apiVersion: v1
  kind: ConfigMap
  metadata: { name: kube-root-ca.crt, namespace: shop }
- apiVersion: metallb.io/v1beta1
  kind: IPAddressPool
  metadata: { name: example, namespace: metallb-system, resourceVersion: "812" }
  spec: { addresses: [192.168.10.0/24, "fc00:f853:0ccd:e799::/124"], autoAssign: true, avoidBuggyIPs: false }
  status: {}
- apiVersion: metallb.io/v1beta2
  kind: BGPPeer
  metadata: { name: peer, namespace: metallb-system }
  spec: { myASN: 64512, peerASN: 64512, peerAddress: 172.30.0.3, enableGracefulRestart: true }
- apiVersion: metallb.io/v1beta2
  kind: BGPPeer
  metadata: { name: peerv6, namespace: metallb-system }
  spec: { myASN: 64512, peerASN: 64512, peerAddress: "fc00:f853:ccd:e793::5", enableGracefulRestart: true }
`;
const ADV = `apiVersion: metallb.io/v1beta1
kind: BGPAdvertisement
metadata:
  name: empty
  namespace: metallb-system
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

function imported(dump = DUMP) {
  const parsed = parseManifests([
    { file: 'cluster.yaml', text: dump },
    { file: 'adv.yaml', text: ADV },
  ]);
  expect(parsed.errors).toEqual([]);
  const t = translate(parsed.manifests, {
    nodes: 3,
    nodesGiven: true,
    routerProfile: 'frr',
    ecmp: 'hash-threshold',
    name: 'dump',
    files: [],
  });
  expect(t.errors).toEqual([]);
  return {
    scenario: t.scenario,
    notes: [...parsed.notes, ...t.notes].map((n) => `${n.level} ${n.where}: ${n.message}`),
  };
}

describe('a kubectl List dump of a dual-stack cluster', () => {
  it('the Node objects are the nodes, their IPv4 InternalIP the address and their IPv6 one the address6', () => {
    const r = imported();
    expect(r.scenario?.nodes).toEqual([
      { name: 'kind-worker', asn: 64512, address: '172.18.0.3', address6: 'fc00:f853:ccd:e793::3' },
      { name: 'kind-worker2', asn: 64512, address: '172.18.0.4', address6: 'fc00:f853:ccd:e793::4' },
    ]);
    expect(r.notes.filter((n) => n.includes('InternalIP'))).toEqual([]);
  });

  it('an IPv6-only Node keeps its IPv6 InternalIP as address6 and is given a BGP Identifier, said on an assumed line', () => {
    const r = imported(DUMP.replace('    - { type: InternalIP, address: 172.18.0.3 }\n', ''));
    expect(r.scenario?.nodes?.[0]).toEqual({
      name: 'kind-worker',
      asn: 64512,
      address: '10.0.1.11',
      address6: 'fc00:f853:ccd:e793::3',
    });
    expect(r.notes).toContainEqual(
      "assumed cluster.yaml:12 (document 1, Node kind-worker) items[0].status.addresses: no IPv4 InternalIP: BGP Identifier 10.0.1.11 assumed (the speaker's router-id; IPv6 address fc00:f853:ccd:e793::3)",
    );
    expect(r.notes).toContainEqual('ignored --nodes: 3: the manifests list 2 Node objects, and those are the nodes');
  });

  it('the dual-stack Service: its requested IPs by the deprecated annotation, ETP Local on the nodes with ready endpoints', () => {
    const r = imported();
    expect(r.scenario?.services).toEqual([
      { name: 'web', prefix: '192.168.10.7/32', externalTrafficPolicy: 'Local', endpoints: ['kind-worker2'] },
      {
        name: 'web-ipv6',
        prefix: 'fc00:f853:ccd:e799::7/128',
        externalTrafficPolicy: 'Local',
        endpoints: ['kind-worker2'],
      },
    ]);
    expect(r.notes).toContainEqual(
      expect.stringMatching(
        /^set services web: Service shop\/web IPv4 192\.168\.10\.7 \(requested by metallb\.universe\.tf\/loadBalancerIPs\)/,
      ),
    );
    expect(r.notes).toContainEqual(
      expect.stringMatching(
        /^set cluster\.yaml:\d+ \(document 1, Service web\) items\[2\]\.spec\.externalTrafficPolicy: Local: pods on kind-worker2 \(from EndpointSlice cluster\.yaml:\d+ \(document 1, EndpointSlice web-abc12\) items\[4\]\)/,
      ),
    );
  });

  it('a ClusterIP Service, a ConfigMap and a Namespace are skipped with a note naming file, document and kind', () => {
    const r = imported();
    expect(r.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ignored cluster\.yaml:\d+ \(document 1, Service kubernetes\) items\[3\]\.spec\.type: ClusterIP: MetalLB assigns addresses to type LoadBalancer services only$/,
        ),
        expect.stringMatching(
          /^ignored cluster\.yaml:\d+ \(document 1, ConfigMap kube-root-ca\.crt\) items\[5\]: skipped: not read/,
        ),
        'ignored adv.yaml:7 (document 2, Namespace shop): skipped: namespaces change nothing the simulation models',
      ]),
    );
  });

  it('status.loadBalancer.ingress gives the assigned address when nothing is requested', () => {
    const text = DUMP.replace(/ {4}annotations:\n.*\n/, '');
    const parsed = parseManifests([
      { file: 'cluster.yaml', text },
      { file: 'adv.yaml', text: ADV },
    ]);
    const t = translate(parsed.manifests, {
      nodes: 3,
      routerProfile: 'frr',
      ecmp: 'hash-threshold',
      name: 'dump',
      files: [],
    });
    expect(t.scenario?.services.map((s) => s.prefix)).toEqual(['192.168.10.7/32', 'fc00:f853:ccd:e799::7/128']);
    expect(t.notes.map((n) => n.message)).toContainEqual(
      expect.stringMatching(/assigned \(status\.loadBalancer\.ingress\)/),
    );
  });
});
