// Kubernetes objects that are not MetalLB's but decide what MetalLB announces and where traffic
// lands: a Service of type LoadBalancer (its address, pool, families, ports, traffic policy), Nodes
// (names and InternalIPs), and where a service's pods run (Pods, EndpointSlices, Endpoints, or a
// Deployment/StatefulSet/DaemonSet by its selector). What a `kubectl get -A -o yaml` dump holds
// besides is skipped with a note, never an error: a cluster dump is not a config to be refused.
// Field names follow k8s.io/api core/v1, apps/v1 and discovery.k8s.io/v1.
import { familyOf, type IpFamily } from './ip.js';
import { type ImportNote, type Origin, originWhere } from './notes.js';

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

export interface KubeService {
  readonly origin: Origin;
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly selector?: Readonly<Record<string, string>>;
  readonly loadBalancerIP?: string;
  /** metallb.io/loadBalancerIPs or metallb.universe.tf/loadBalancerIPs, with the key it came from. */
  readonly lbIPsAnnotation?: { readonly key: string; readonly ips: readonly string[] };
  /** metallb.io/address-pool or metallb.universe.tf/address-pool. */
  readonly poolAnnotation?: { readonly key: string; readonly pool: string };
  readonly ports: readonly ServicePort[];
  readonly ipFamilies?: readonly IpFamily[];
  readonly ipFamilyPolicy?: string;
  readonly clusterIPs?: readonly string[];
  /** status.loadBalancer.ingress[].ip: what MetalLB already assigned (a dump of a live cluster). */
  readonly ingressIPs: readonly string[];
}

export interface KubeNode {
  readonly origin: Origin;
  readonly name: string;
  readonly internalIPs: readonly string[];
}

/** Where a service's pods run: nodes named by Pods or endpoints, or a workload to place. */
export interface PodPlacement {
  readonly origin: Origin;
  readonly namespace: string;
  readonly source: 'Pod' | 'EndpointSlice' | 'Endpoints';
  /** Pod labels (Pod), or the service the endpoints belong to. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly serviceName?: string;
  readonly nodeNames: readonly string[];
}

export interface KubeWorkload {
  readonly origin: Origin;
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly namespace: string;
  readonly name: string;
  /** Pod template labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Replicas (default 1); undefined for a DaemonSet (one pod per node). */
  readonly replicas?: number;
}

export interface KubeObjects {
  readonly services: KubeService[];
  readonly nodes: KubeNode[];
  readonly placements: PodPlacement[];
  readonly workloads: KubeWorkload[];
}

export const emptyKubeObjects = (): KubeObjects => ({ services: [], nodes: [], placements: [], workloads: [] });

type Path = readonly (string | number)[];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strMap = (v: unknown): Record<string, string> | undefined =>
  isRecord(v)
    ? (Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string>)
    : undefined;
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Kinds read elsewhere in the import are handled; everything else gets one `ignored` note. */
const SKIPPED_WHY: Record<string, string> = {
  Namespace: 'namespaces change nothing the simulation models',
  ConfigMap: 'not read (MetalLB ≥ 0.13 is configured by its CRDs, not a ConfigMap)',
  Secret: 'not read (TCP MD5 passwords are not modelled)',
};

/**
 * Reads one non-MetalLB object into `out`, or notes why it is skipped. `origin` names file,
 * document, kind and name; every note carries the field path.
 */
export function readKubeObject(
  value: Record<string, unknown>,
  origin: Origin,
  out: KubeObjects,
  notes: ImportNote[],
): void {
  const note = (level: ImportNote['level'], path: Path, message: string) =>
    notes.push({ level, where: originWhere(origin, path), message });
  const kind = origin.kind;
  const meta = isRecord(value.metadata) ? value.metadata : {};
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : 'default';
  const spec = isRecord(value.spec) ? value.spec : {};
  const name = origin.name;
  switch (kind) {
    case 'Service':
      readService(value, spec, meta, namespace, origin, out, note);
      return;
    case 'Node': {
      const status = isRecord(value.status) ? value.status : {};
      const addrs = Array.isArray(status.addresses) ? status.addresses : [];
      const internalIPs = addrs
        .filter((a) => isRecord(a) && a.type === 'InternalIP' && typeof a.address === 'string')
        .map((a) => (a as { address: string }).address)
        .filter((a) => familyOf(a) !== undefined);
      if (internalIPs.length === 0) {
        note('assumed', ['status', 'addresses'], 'no InternalIP: stalepath gives the node an address of its own');
      }
      out.nodes.push({ origin, name, internalIPs });
      return;
    }
    case 'Pod': {
      const labels = strMap(meta.labels) ?? {};
      const nodeName = typeof spec.nodeName === 'string' ? spec.nodeName : undefined;
      const status = isRecord(value.status) ? value.status : {};
      if (nodeName === undefined) {
        note('ignored', ['spec', 'nodeName'], 'absent: the pod is not scheduled, so it runs on no node');
        return;
      }
      if (status.phase !== undefined && status.phase !== 'Running') {
        note('ignored', ['status', 'phase'], `${JSON.stringify(status.phase)}: only Running pods serve traffic`);
        return;
      }
      out.placements.push({ origin, namespace, source: 'Pod', labels, nodeNames: [nodeName] });
      return;
    }
    case 'EndpointSlice': {
      // discovery.k8s.io/v1: the owning service is the kubernetes.io/service-name label.
      const serviceName = strMap(meta.labels)?.['kubernetes.io/service-name'];
      if (serviceName === undefined) {
        note('ignored', ['metadata', 'labels'], 'no kubernetes.io/service-name label: the slice belongs to no service');
        return;
      }
      const eps = Array.isArray(value.endpoints) ? value.endpoints : [];
      const nodeNames = eps
        .filter((e) => isRecord(e) && !(isRecord(e.conditions) && e.conditions.ready === false))
        .map((e) => (e as Record<string, unknown>).nodeName)
        .filter((n): n is string => typeof n === 'string');
      out.placements.push({ origin, namespace, source: 'EndpointSlice', serviceName, nodeNames });
      return;
    }
    case 'Endpoints': {
      // core/v1 Endpoints: ready addresses only (notReadyAddresses receive no traffic).
      const subsets = Array.isArray(value.subsets) ? value.subsets : [];
      const nodeNames = subsets.flatMap((s) =>
        isRecord(s) && Array.isArray(s.addresses)
          ? s.addresses
              .map((a) => (isRecord(a) ? a.nodeName : undefined))
              .filter((n): n is string => typeof n === 'string')
          : [],
      );
      out.placements.push({ origin, namespace, source: 'Endpoints', serviceName: name, nodeNames });
      return;
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet': {
      const template = isRecord(spec.template) ? spec.template : {};
      const tmeta = isRecord(template.metadata) ? template.metadata : {};
      const labels = strMap(tmeta.labels) ?? {};
      let replicas: number | undefined;
      if (kind !== 'DaemonSet') {
        replicas = 1; // apps/v1 default
        if (typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) && spec.replicas >= 0)
          replicas = spec.replicas;
        else if (spec.replicas !== undefined)
          note('warning', ['spec', 'replicas'], `${JSON.stringify(spec.replicas)} is not a replica count; 1 assumed`);
      }
      out.workloads.push({ origin, kind, namespace, name, labels, replicas });
      return;
    }
  }
  const why = SKIPPED_WHY[kind] ?? 'not a kind that decides what MetalLB announces or where its traffic lands';
  note('ignored', [], `skipped: ${why}`);
}

type Note = (level: ImportNote['level'], path: Path, message: string) => void;

/** The two annotation prefixes controller/service.go reads (metallb.io first, then the deprecated one). */
function annotation(ann: Record<string, string>, suffix: string): { key: string; value: string } | undefined {
  for (const prefix of ['metallb.io', 'metallb.universe.tf']) {
    const key = `${prefix}/${suffix}`;
    if (ann[key] !== undefined && ann[key] !== '') return { key, value: ann[key] };
  }
  return undefined;
}

function readService(
  value: Record<string, unknown>,
  spec: Record<string, unknown>,
  meta: Record<string, unknown>,
  namespace: string,
  origin: Origin,
  out: KubeObjects,
  note: Note,
): void {
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  if (type !== 'LoadBalancer') {
    // controller/service.go convergeBalancer: "not a LoadBalancer" → no address, nothing announced.
    note('ignored', ['spec', 'type'], `${type}: MetalLB assigns addresses to type LoadBalancer services only`);
    return;
  }
  const ann = strMap(meta.annotations) ?? {};
  const etpRaw = spec.externalTrafficPolicy;
  let externalTrafficPolicy: 'Cluster' | 'Local' = 'Cluster';
  if (etpRaw === 'Local') externalTrafficPolicy = 'Local';
  else if (etpRaw !== undefined && etpRaw !== 'Cluster')
    note(
      'warning',
      ['spec', 'externalTrafficPolicy'],
      `${JSON.stringify(etpRaw)} is neither Cluster nor Local; Cluster assumed`,
    );
  const ports: ServicePort[] = [];
  (Array.isArray(spec.ports) ? spec.ports : []).forEach((p, i) => {
    if (!isRecord(p) || typeof p.port !== 'number') {
      note('warning', ['spec', 'ports', i], 'has no numeric port; skipped');
      return;
    }
    ports.push({
      name: typeof p.name === 'string' ? p.name : undefined,
      port: p.port,
      protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
    });
  });
  const families = strList(spec.ipFamilies);
  const ipFamilies = families.filter((f): f is IpFamily => f === 'IPv4' || f === 'IPv6');
  if (ipFamilies.length !== families.length)
    note(
      'warning',
      ['spec', 'ipFamilies'],
      `${JSON.stringify(families)}: only IPv4 and IPv6 are families; the others are skipped`,
    );
  const lbIPs = annotation(ann, 'loadBalancerIPs');
  const pool = annotation(ann, 'address-pool');
  const status = isRecord(value.status) ? value.status : {};
  const lb = isRecord(status.loadBalancer) ? status.loadBalancer : {};
  const ingressIPs = (Array.isArray(lb.ingress) ? lb.ingress : [])
    .map((g) => (isRecord(g) ? g.ip : undefined))
    .filter((ip): ip is string => typeof ip === 'string' && familyOf(ip) !== undefined);
  out.services.push({
    origin,
    namespace,
    name: origin.name,
    type,
    externalTrafficPolicy,
    selector: strMap(spec.selector),
    loadBalancerIP:
      typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP !== '' ? spec.loadBalancerIP : undefined,
    lbIPsAnnotation: lbIPs && { key: lbIPs.key, ips: lbIPs.value.split(',').map((s) => s.trim()) },
    poolAnnotation: pool && { key: pool.key, pool: pool.value },
    ports,
    ipFamilies: ipFamilies.length > 0 ? ipFamilies : undefined,
    ipFamilyPolicy: typeof spec.ipFamilyPolicy === 'string' ? spec.ipFamilyPolicy : undefined,
    clusterIPs: strList(spec.clusterIPs).filter((ip) => familyOf(ip) !== undefined),
    ingressIPs,
  });
}

/** Whether `labels` carry every key=value of `selector` (an empty selector selects nothing, as for Services). */
export function selects(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
