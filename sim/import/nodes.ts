// The scenario's nodes: the cluster's Node objects when the manifests hold them (names and
// InternalIPs, core/v1 NodeStatus.addresses: an IPv4 one → address, an IPv6 one → address6), else
// `--nodes` synthetic ones (their IPv6 addresses the scenario's defaults).

import { familyOf, fromBig, toBig } from './ip.js';
import { intToIpv4, ipv4ToInt } from './ipv4-int.js';
import type { Manifests } from './manifests.js';
import type { ImportNote } from './notes.js';
import { originWhere } from './notes.js';

type Note = (level: ImportNote['level'], where: string, message: string) => void;
const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

export interface ScenarioNodes {
  readonly nodes: { name: string; asn: number; address: string; address6?: string }[];
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
      // One address per family: the first IPv4 InternalIP is `address` (also the BGP Identifier,
      // RFC 6286 §2.1), the first IPv6 one `address6` (IPv6 sessions and next hops).
      const v4 = k.internalIPs.find((a) => familyOf(a) === 'IPv4');
      const v6raw = k.internalIPs.find((a) => familyOf(a) === 'IPv6');
      const v6 = v6raw === undefined ? undefined : fromBig(toBig(v6raw), 'IPv6'); // RFC 5952 text
      let address = v4;
      if (address === undefined) {
        while (used.has(intToIpv4(next))) next++;
        address = intToIpv4(next++);
        if (v6 !== undefined)
          note(
            'assumed',
            originWhere(k.origin, ['status', 'addresses']),
            `no IPv4 InternalIP: BGP Identifier ${address} assumed (the speaker's router-id; IPv6 address ${v6})`,
          );
      }
      used.add(address);
      const rest = k.internalIPs.filter((a) => a !== address && a !== v6raw);
      if (rest.length > 0) {
        note(
          'ignored',
          originWhere(k.origin, ['status', 'addresses']),
          `InternalIP ${rest.join(', ')} not carried: a scenario node has one address per family, ${[address, v6].filter(Boolean).join(' and ')}`,
        );
      }
      return { name, asn, address, ...(v6 !== undefined ? { address6: v6 } : {}) };
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
