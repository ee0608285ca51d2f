// Pools, advertisements and (when given) LoadBalancer Services → the scenario's services, one per
// address family a service is given: MetalLB announces each assigned address as its own prefix
// (internal/bgp/frr/frr.go: ipV4Prefixes / ipV6Prefixes), so a dual-stack Service is two scenario
// services, "<name>" for its first family and "<name>-ipv6" (or "-ipv4") for the second.
//
// Families follow Kubernetes and MetalLB: spec.clusterIPs decide when present (ipfamily.ForService);
// else ipFamilyPolicy SingleStack (the default) takes ipFamilies[0], PreferDualStack and
// RequireDualStack take both. The address: metallb.io/loadBalancerIPs or spec.loadBalancerIP (not
// both: controller/service.go getDesiredLbIPs), else what status.loadBalancer.ingress shows was
// assigned, else the lowest free one of the annotated pool (metallb.io/address-pool) or of the first
// pool with the families (allocator.go findBestPoolForService). Pods for externalTrafficPolicy Local
// come from Pods, EndpointSlices, Endpoints, or a workload's replica count.
import { familyOf, type IpFamily, prefixOf } from './ip.js';
import { type KubeService, selects } from './kube-objects.js';
import type { BgpAdvertisementResource, BgpPeerResource, IpAddressPoolResource, Manifests } from './manifests.js';
import { type ImportNote, originWhere } from './notes.js';
import { PoolAllocator, poolFamilies, poolHolding } from './pool-alloc.js';

export interface ScenarioService {
  name: string;
  prefix: string;
  externalTrafficPolicy: 'Cluster' | 'Local';
  endpoints?: string[];
}

type Note = (level: ImportNote['level'], where: string, message: string) => void;
const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;
const other = (f: IpFamily): IpFamily => (f === 'IPv4' ? 'IPv6' : 'IPv4');

export interface ServiceContext {
  readonly m: Manifests;
  readonly chosen: readonly BgpPeerResource[];
  /** Kubernetes node name → scenario node name; and every scenario node, in order. */
  readonly nodeNames: ReadonlyMap<string, string>;
  readonly scenarioNodes: readonly string[];
  readonly note: Note;
  readonly errors: string[];
}

/**
 * The scenario's services, and the ones that came from the first Service (or pool): one, or two for
 * a dual-stack one (its IPv4 and its IPv6 address), which is what the clients connect to.
 */
export interface ScenarioServices {
  readonly services: ScenarioService[];
  readonly first: string[];
}

export function servicesFor(c: ServiceContext): ScenarioServices {
  const source = new Map<ScenarioService, number>();
  const services = servicesOf(c, source);
  const firstSource = services.length > 0 ? source.get(services[0]) : undefined;
  return { services, first: services.filter((sv) => source.get(sv) === firstSource).map((sv) => sv.name) };
}

function servicesOf(c: ServiceContext, source: Map<ScenarioService, number>): ScenarioService[] {
  const { m, note } = c;
  const pools = new Map(m.pools.map((p) => [p.name, p]));
  if (m.pools.length === 0) {
    note(
      'assumed',
      'services',
      'no IPAddressPool: one LoadBalancer service "web" at 10.100.0.10/32 (the address in the seed article)',
    );
    return [{ name: 'web', prefix: '10.100.0.10/32', externalTrafficPolicy: 'Cluster' }];
  }
  const advs = checkAdvertisements(c, pools);
  const seen = new Map<string, BgpAdvertisementResource | undefined | null>();
  const covering = (pool: IpAddressPoolResource): BgpAdvertisementResource | undefined | null => {
    if (!seen.has(pool.name)) seen.set(pool.name, coveringOnce(pool));
    return seen.get(pool.name);
  };
  const coveringOnce = (pool: IpAddressPoolResource): BgpAdvertisementResource | undefined | null => {
    if (advs.length === 0) return undefined; // the assumed empty advertisement
    const all = advs.filter((a) => a.ipAddressPools.includes(pool.name) || a.ipAddressPools.length === 0);
    if (all.length === 0) return null;
    if (all.length > 1) {
      note(
        'ignored',
        originWhere(pool.origin),
        `${all.length} BGPAdvertisements select this pool: only the first, ${all[0].name}, is modelled`,
      );
    }
    return all[0];
  };
  const lbServices = m.kube.services;
  const out =
    lbServices.length > 0 ? fromKubeServices(c, lbServices, covering, source) : fromPools(c, covering, source);
  if (out.length === 0) {
    c.errors.push(
      lbServices.length > 0
        ? 'no LoadBalancer Service gets an address that a BGPAdvertisement announces: MetalLB would announce nothing over BGP'
        : 'no IPAddressPool is selected by a BGPAdvertisement: MetalLB would announce nothing over BGP',
    );
  }
  return out;
}

/** The announced prefix: the address at the advertisement's aggregation length (v4 32, v6 128 by default). */
function announced(
  address: string,
  adv: BgpAdvertisementResource | undefined,
): { prefix: string; len: number; max: number } {
  const v6 = familyOf(address) === 'IPv6';
  const max = v6 ? 128 : 32;
  const len = (v6 ? adv?.aggregationLengthV6 : adv?.aggregationLength) ?? max;
  return { prefix: prefixOf(address, len), len, max };
}

function fromPools(
  c: ServiceContext,
  covering: (p: IpAddressPoolResource) => BgpAdvertisementResource | undefined | null,
  source: Map<ScenarioService, number>,
): ScenarioService[] {
  const out: ScenarioService[] = [];
  const alloc = new PoolAllocator();
  c.m.pools.forEach((pool, poolIndex) => {
    const adv = covering(pool);
    if (adv === null) {
      c.note(
        'ignored',
        originWhere(pool.origin),
        'no BGPAdvertisement selects this pool: MetalLB does not announce it over BGP',
      );
      return;
    }
    const base = NAME_RE.test(pool.name) ? pool.name : `service-${out.length + 1}`;
    poolFamilies(pool).forEach((f, i) => {
      const first = alloc.lowestFree(pool, f);
      if (first === undefined) return;
      const name = i === 0 ? base : `${base}-${f.toLowerCase()}`;
      const { prefix, len, max } = announced(first, adv);
      const sv: ScenarioService = { name, prefix, externalTrafficPolicy: 'Cluster' };
      out.push(sv);
      source.set(sv, poolIndex);
      c.note(
        'assumed',
        `services ${name}`,
        `one LoadBalancer service on pool ${pool.name}, given its first ${i === 0 && poolFamilies(pool).length === 1 ? '' : `${f} `}address ${first} (MetalLB allocates the lowest free one), advertised as ${prefix}${
          len !== max ? ` (aggregationLength${f === 'IPv6' ? 'V6' : ''} ${len})` : ''
        }; externalTrafficPolicy Cluster`,
      );
    });
  });
  return out;
}

function fromKubeServices(
  c: ServiceContext,
  services: readonly KubeService[],
  covering: (p: IpAddressPoolResource) => BgpAdvertisementResource | undefined | null,
  source: Map<ScenarioService, number>,
): ScenarioService[] {
  const { m, note } = c;
  const out: ScenarioService[] = [];
  const alloc = new PoolAllocator();
  const taken = new Set<string>();
  // Addresses asked for or already assigned are not free for the others.
  for (const s of services) {
    for (const ip of [
      ...(s.lbIPsAnnotation?.ips ?? []),
      ...(s.loadBalancerIP ? [s.loadBalancerIP] : []),
      ...s.ingressIPs,
    ])
      alloc.take(ip);
  }
  for (const [serviceIndex, s] of services.entries()) {
    const w = (path: (string | number)[] = []) => originWhere(s.origin, path);
    const skip = (path: (string | number)[], why: string) => note('warning', w(path), `${why}; the service is skipped`);
    const families = familiesOf(s, note);
    // --- the addresses ---
    let ips: string[];
    let how: string;
    if (s.lbIPsAnnotation && s.loadBalancerIP) {
      skip(
        ['metadata', 'annotations', s.lbIPsAnnotation.key],
        `MetalLB refuses a service with both ${s.lbIPsAnnotation.key} and spec.loadBalancerIP (controller/service.go)`,
      );
      continue;
    }
    const requested = s.lbIPsAnnotation?.ips ?? (s.loadBalancerIP ? [s.loadBalancerIP] : []);
    const reqPath = s.lbIPsAnnotation ? ['metadata', 'annotations', s.lbIPsAnnotation.key] : ['spec', 'loadBalancerIP'];
    if (requested.length > 0) {
      const bad = requested.find((ip) => familyOf(ip) === undefined);
      if (bad !== undefined) {
        skip(
          reqPath,
          `"${bad}" is not an IP address (MetalLB: invalid ${s.lbIPsAnnotation ? 'loadBalancerIPs' : 'spec.loadBalancerIP'})`,
        );
        continue;
      }
      const got = requested.map((ip) => familyOf(ip) as IpFamily);
      if (got.join() !== families.join() && [...got].reverse().join() !== families.join()) {
        skip(
          reqPath,
          `requested ${requested.join(', ')} does not match the service's families ${families.join(', ')} (MetalLB: "does not match the ipFamily of the service")`,
        );
        continue;
      }
      ips = [...requested];
      how = `requested by ${s.lbIPsAnnotation ? s.lbIPsAnnotation.key : 'spec.loadBalancerIP'}`;
    } else if (s.ingressIPs.length > 0) {
      ips = [...s.ingressIPs];
      how = 'assigned (status.loadBalancer.ingress)';
    } else {
      const wanted = s.poolAnnotation?.pool;
      const candidates =
        wanted !== undefined ? m.pools.filter((p) => p.name === wanted) : m.pools.filter((p) => p.autoAssign);
      if (wanted !== undefined && candidates.length === 0) {
        skip(['metadata', 'annotations', s.poolAnnotation?.key ?? ''], `names no IPAddressPool ("${wanted}")`);
        continue;
      }
      const prefer = s.ipFamilyPolicy === 'PreferDualStack';
      const pool =
        candidates.find((p) => families.every((f) => alloc.lowestFree(p, f) !== undefined)) ??
        (prefer ? candidates.find((p) => alloc.lowestFree(p, families[0]) !== undefined) : undefined);
      if (pool === undefined) {
        skip(
          ['spec', 'ipFamilies'],
          `no ${wanted ? `address in pool ${wanted}` : 'auto-assigned pool'} has a free ${families.join(' and ')} address (MetalLB: "no available IPs")`,
        );
        continue;
      }
      ips = families.map((f) => alloc.lowestFree(pool, f)).filter((a): a is string => a !== undefined);
      for (const ip of ips) alloc.take(ip);
      how = `the lowest free address of pool ${pool.name}`;
    }
    // --- announced? ---
    const endpoints = endpointsFor(c, s);
    const ports = s.ports.map((p) => `${p.port}/${p.protocol}${p.name ? ` ${p.name}` : ''}`).join(', ') || 'none';
    ips.forEach((ip, i) => {
      const pool = poolHolding(m.pools, ip);
      if (pool === undefined) {
        skip(reqPath, `${ip} is in no IPAddressPool (MetalLB assigns only pool addresses)`);
        return;
      }
      const adv = covering(pool);
      if (adv === null) {
        note(
          'ignored',
          w(),
          `${ip} is from pool ${pool.name}, which no BGPAdvertisement selects: MetalLB does not announce it over BGP`,
        );
        return;
      }
      const f = familyOf(ip) as IpFamily;
      const name = scenarioName(s, out.length, i === 0 ? undefined : f, taken);
      taken.add(name);
      const { prefix, len, max } = announced(ip, adv);
      const sv: ScenarioService = {
        name,
        prefix,
        externalTrafficPolicy: s.externalTrafficPolicy,
        ...(endpoints && s.externalTrafficPolicy === 'Local' ? { endpoints } : {}),
      };
      out.push(sv);
      source.set(sv, serviceIndex);
      note(
        'set',
        `services ${name}`,
        `Service ${s.namespace}/${s.name} ${f} ${ip} (${i === 0 ? how : `second family, ${how}`}), announced as ${prefix}${
          len !== max ? ` (aggregationLength${f === 'IPv6' ? 'V6' : ''} ${len})` : ''
        } by ${adv ? `BGPAdvertisement ${adv.name}` : 'the assumed empty BGPAdvertisement'}; externalTrafficPolicy ${s.externalTrafficPolicy}; ports ${ports} (not modelled: clients reach the address, the hash takes the scenario's port range)`,
      );
    });
  }
  return out;
}

function scenarioName(s: KubeService, index: number, second: IpFamily | undefined, taken: ReadonlySet<string>): string {
  let base = NAME_RE.test(s.name) ? s.name : `service-${index + 1}`;
  if (second) base = `${base}-${second.toLowerCase()}`;
  if (taken.has(base)) base = `${s.namespace}-${base}`.slice(0, 63);
  for (let k = 2; taken.has(base); k++) base = `${base}-${k}`;
  return base;
}

/** ipfamily.ForService, then the Service's ipFamilies/ipFamilyPolicy; IPv4 first when unsaid. */
function familiesOf(s: KubeService, note: Note): IpFamily[] {
  if (s.clusterIPs && s.clusterIPs.length > 0) return [...new Set(s.clusterIPs.map((ip) => familyOf(ip) as IpFamily))];
  const policy = s.ipFamilyPolicy ?? 'SingleStack';
  const where = originWhere(s.origin, ['spec', s.ipFamilies ? 'ipFamilyPolicy' : 'ipFamilies']);
  if (policy === 'PreferDualStack' || policy === 'RequireDualStack') {
    const first = s.ipFamilies?.[0] ?? 'IPv4';
    if (!s.ipFamilies)
      note(
        'assumed',
        where,
        `absent with ${policy}: the cluster's primary family is taken to be IPv4 (IPv4, then IPv6)`,
      );
    return [first, s.ipFamilies?.[1] ?? other(first)];
  }
  if (!s.ipFamilies) {
    note(
      'assumed',
      where,
      `absent${s.ipFamilyPolicy ? '' : ', and so is ipFamilyPolicy'}: Kubernetes makes a SingleStack service of the cluster's primary family; IPv4 assumed (set ipFamilyPolicy: RequireDualStack for both)`,
    );
  }
  return [s.ipFamilies?.[0] ?? 'IPv4'];
}

/** Scenario nodes running a ready pod of the service, or undefined when the manifests do not say. */
function endpointsFor(c: ServiceContext, s: KubeService): string[] | undefined {
  if (s.externalTrafficPolicy !== 'Local') return undefined;
  const { m, note } = c;
  const where = originWhere(s.origin, ['spec', 'externalTrafficPolicy']);
  const byService = m.kube.placements.filter(
    (p) => p.namespace === s.namespace && (p.serviceName === s.name || (p.labels && selects(s.selector, p.labels))),
  );
  let kubeNames: string[] | undefined;
  let from = '';
  // EndpointSlices are what kube-proxy reads; Endpoints and Pods otherwise.
  for (const src of ['EndpointSlice', 'Endpoints', 'Pod'] as const) {
    const found = byService.filter((p) => p.source === src);
    if (found.length === 0) continue;
    kubeNames = [...new Set(found.flatMap((p) => p.nodeNames))];
    from = `${src} ${found.map((p) => originWhere(p.origin)).join('; ')}`;
    break;
  }
  if (kubeNames === undefined) {
    const wl = m.kube.workloads.find((x) => x.namespace === s.namespace && selects(s.selector, x.labels));
    if (wl === undefined) {
      note(
        'assumed',
        where,
        'Local, but no Pod, EndpointSlice, Endpoints or workload selected by spec.selector: a pod on every node assumed',
      );
      return undefined;
    }
    const n = wl.replicas === undefined ? c.scenarioNodes.length : Math.min(wl.replicas, c.scenarioNodes.length);
    const nodes = c.scenarioNodes.slice(0, n);
    note(
      'assumed',
      where,
      `Local: ${wl.kind} ${wl.name} ${wl.replicas === undefined ? 'runs a pod on every node' : `has ${wl.replicas} replica${wl.replicas === 1 ? '' : 's'}, assumed on ${nodes.join(', ') || 'no node'}`} (the manifests do not say where pods run)`,
    );
    return nodes;
  }
  const nodes: string[] = [];
  for (const k of kubeNames) {
    const n = c.nodeNames.get(k);
    if (n === undefined)
      note('warning', where, `a pod runs on node "${k}", which is not among the scenario's nodes: skipped`);
    else nodes.push(n);
  }
  note('set', where, `Local: pods on ${nodes.join(', ') || 'no node'} (from ${from})`);
  return nodes;
}

function checkAdvertisements(
  c: ServiceContext,
  pools: Map<string, IpAddressPoolResource>,
): readonly BgpAdvertisementResource[] {
  const { m, note } = c;
  const advs = m.advertisements;
  if (advs.length === 0) {
    note(
      'assumed',
      'services',
      'no BGPAdvertisement: MetalLB would announce nothing over BGP; stalepath assumes an empty one (every pool, every peer, /32)',
    );
    return [];
  }
  const peerNames = new Set(m.peers.map((p) => p.name));
  const chosenNames = c.chosen.map((p) => p.name);
  for (const a of advs) {
    const w = (f: string) => originWhere(a.origin, ['spec', f]);
    for (const pn of a.ipAddressPools) {
      if (!pools.has(pn)) note('warning', w('ipAddressPools'), `names no IPAddressPool ("${pn}"): it selects nothing`);
    }
    for (const pn of a.peers) {
      if (!peerNames.has(pn)) note('warning', w('peers'), `names no BGPPeer ("${pn}"): it selects nothing`);
    }
    if (a.peers.length > 0 && !chosenNames.every((n) => a.peers.includes(n))) {
      note(
        'ignored',
        w('peers'),
        'advertising to some peers only is not modelled: every node advertises the service to every router',
      );
    }
    if (a.hasNodeSelectors) {
      note(
        'ignored',
        w('nodeSelectors'),
        'nodes are synthetic (--nodes) and carry no labels: every node advertises the service',
      );
    }
    if (a.hasPoolSelectors) {
      note(
        'ignored',
        w('ipAddressPoolSelectors'),
        a.ipAddressPools.length === 0
          ? 'pool labels are not read: the advertisement is taken to select every pool'
          : 'pool labels are not read: only the pools named in ipAddressPools are selected',
      );
    }
  }
  return advs;
}
