// Which address families MetalLB's FRR mode activates on each neighbor and which service prefixes
// each neighbor is sent — so the import knows which router hears which family.
//
// internal/bgp/frr/frr.go: a neighbor's family is ipfamily.ForAddress(peerAddress), or DualStack when
// the BGPPeer sets dualStackAddressFamily (or is unnumbered); an advertised prefix whose family is
// neither the neighbor's nor DualStack is skipped for that neighbor ("if neighbor.IPFamily != family
// && neighbor.IPFamily != ipfamily.DualStack { continue }"). So without dualStackAddressFamily an
// IPv4 session carries IPv4 prefixes only, and an IPv6 session IPv6 prefixes only. disableMP is
// not read in FRR mode (upstream golden TestIPv4AndIPv6SessionsDisableMP: one family per neighbor).
// templates/neighboripfamily.tmpl renders the `address-family … unicast / neighbor X activate`
// stanzas (activateNeighborFor: the neighbor's family, or both for DualStack); frr.tmpl renders
// the prefixes as `network` lines under `no bgp default ipv4-unicast`.
import { familyOf, type IpFamily } from './ip.js';

export interface NeighborLike {
  readonly peerAddress: string;
  readonly dualStackAddressFamily: boolean;
}

/** The families activated on this neighbor, IPv4 first as the template renders them. */
export function neighborFamilies(p: NeighborLike): IpFamily[] {
  if (p.dualStackAddressFamily) return ['IPv4', 'IPv6'];
  return [familyOf(p.peerAddress) ?? 'IPv4'];
}

/** The prefixes this neighbor is sent, of those the speaker advertises. */
export function prefixesFor(p: NeighborLike, prefixes: readonly string[]): string[] {
  const fams = neighborFamilies(p);
  return prefixes.filter((x) => fams.includes(familyOf(x.split('/')[0]) ?? 'IPv4'));
}

const afi = (f: IpFamily) => (f === 'IPv4' ? 'ipv4' : 'ipv6');

/**
 * The address-family part of `router bgp` as MetalLB renders it for these neighbors and prefixes
 * (neighboripfamily.tmpl per neighbor, then frr.tmpl's `network` lines per family). Used to check
 * the import against MetalLB's own rendering; the route-map names are the neighbor ID (config.go ID()).
 */
export function renderAddressFamilies(neighbors: readonly NeighborLike[], prefixes: readonly string[]): string[] {
  const lines: string[] = [];
  for (const n of neighbors) {
    for (const f of neighborFamilies(n)) {
      const a = n.peerAddress;
      lines.push(
        `  address-family ${afi(f)} unicast`,
        `    neighbor ${a} activate`,
        `    neighbor ${a} route-map ${a}-in in`,
        `    neighbor ${a} route-map ${a}-out out`,
        '  exit-address-family',
      );
    }
  }
  for (const f of ['IPv4', 'IPv6'] as const) {
    const own = prefixes.filter((x) => familyOf(x.split('/')[0]) === f);
    if (own.length === 0) continue;
    lines.push(`  address-family ${afi(f)} unicast`, ...own.map((x) => `    network ${x}`), '  exit-address-family');
  }
  return lines;
}
