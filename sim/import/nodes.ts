// The scenario's nodes: the cluster's Node objects when the manifests hold them (names and
// InternalIPs, core/v1 NodeStatus.addresses), else `--nodes` synthetic ones.

import { familyOf } from './ip.js';
import { intToIpv4, ipv4ToInt } from './ipv4-int.js';
import type { Manifests } from './manifests.js';
import type { ImportNote } from './notes.js';
import { originWhere } from './notes.js';

type Note = (level: ImportNote['level'], where: string, message: string) => void;
const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

export interface ScenarioNodes {
  readonly nodes: { name: string; asn: number; address: string }[];
  /** Kubernetes node name → scenario node name. */
  readonly byKubeName: Map<string, string>;
}

export function nodesFor(
  m: Manifests,
  o: { readonly nodes: number; readonly nodesGiven?: boolean },
  asn: number,
  neighborAddrs: readonly string[],
  peerAddrs: readonly string[],
  note: Note,
): ScenarioNodes {
  const used = new Set<string>([...neighborAddrs, ...peerAddrs]);
  const byKubeName = new Map<string, string>();
  const kube = m.kube.nodes;
  if (kube.length > 0) {
    if (o.nodesGiven && o.nodes !== kube.length) {
      note('ignored', '--nodes', `${o.nodes}: the manifests list ${kube.length} Node objects, and those are the nodes`);
    }
    const taken = new Set<string>();
    let next = ipv4ToInt('10.0.1.11');
    const nodes = kube.map((k, i) => {
      let name = NAME_RE.test(k.name) && k.name.length <= 63 ? k.name : `node-${i + 1}`;
      if (taken.has(name)) name = `node-${i + 1}`;
      taken.add(name);
      if (name !== k.name)
        note(
          'assumed',
          originWhere(k.origin, ['metadata', 'name']),
          `renamed ${name} (a scenario name is at most 63 lowercase characters)`,
        );
      byKubeName.set(k.name, name);
      // One address per scenario node: the IPv4 InternalIP first, as the scenario's `address` holds.
      const v4 = k.internalIPs.find((a) => familyOf(a) === 'IPv4');
      let address = v4 ?? k.internalIPs[0];
      if (address === undefined) {
        while (used.has(intToIpv4(next))) next++;
        address = intToIpv4(next++);
      }
      used.add(address);
      const rest = k.internalIPs.filter((a) => a !== address);
      if (rest.length > 0) {
        note(
          'assumed',
          originWhere(k.origin, ['status', 'addresses']),
          `InternalIP ${rest.join(', ')} not carried: a scenario node has one address, ${address}`,
        );
      }
      return { name, asn, address };
    });
    note(
      'set',
      'nodes',
      `${nodes.length} node${nodes.length === 1 ? '' : 's'} from the Node objects, each running a speaker that peers with every router, AS ${asn} (myASN)`,
    );
    return { nodes, byKubeName };
  }
  const addresses: string[] = neighborAddrs.slice(0, o.nodes);
  for (let next = ipv4ToInt('10.0.1.11'); addresses.length < o.nodes; next++) {
    const a = intToIpv4(next);
    if (!used.has(a)) addresses.push(a);
  }
  const nodes = addresses.map((address, i) => ({ name: `node-${i + 1}`, asn, address }));
  note(
    'assumed',
    'nodes',
    `${o.nodes} Kubernetes node${o.nodes === 1 ? '' : 's'} (--nodes), each running a speaker that peers with every router, AS ${asn} (myASN)${
      neighborAddrs.length ? `; addresses from the router config's neighbors first (${neighborAddrs.join(', ')})` : ''
    }`,
  );
  for (const n of nodes) byKubeName.set(n.name, n.name);
  return { nodes, byKubeName };
}
