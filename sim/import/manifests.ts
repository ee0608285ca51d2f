// MetalLB manifests (multi-document YAML) → checked, typed resources. Pure: text in, data out.
//
// Every problem is reported at once with its file, line, document number and field path; a field
// MetalLB knows but stalepath does not model becomes an `ignored` note that says why. Field names,
// types and ranges follow MetalLB's CRDs (api/v1beta1, api/v1beta2) and its config parser
// (internal/config/config.go), so a manifest the cluster would reject is rejected here too.
import { type Document, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import { parseGoDuration } from './go-duration.js';
import { familyOf, type IpFamily, type PoolRange, parsePoolEntry } from './ip.js';
import { emptyKubeObjects, type KubeObjects, readKubeObject } from './kube-objects.js';
import { type ImportNote, type Origin, originWhere } from './notes.js';

export interface ManifestInput {
  readonly file: string;
  readonly text: string;
}

export interface BgpPeerResource {
  readonly origin: Origin;
  readonly apiVersion: string;
  readonly name: string;
  readonly myASN: number;
  readonly peerASN: number;
  readonly peerAddress: string;
  /** The family of peerAddress (internal/bgp/frr/frr.go: ipfamily.ForAddress). */
  readonly family: IpFamily;
  /** spec.dualStackAddressFamily: the session carries both families (frr.go: ipfamily.DualStack). */
  readonly dualStackAddressFamily: boolean;
  /** Go durations in nanoseconds, as written (MetalLB's parseTimers derives the missing one). */
  readonly holdTime?: bigint;
  readonly keepaliveTime?: bigint;
  readonly connectTime?: bigint;
  readonly enableGracefulRestart: boolean;
  readonly bfdProfile?: string;
  readonly ebgpMultiHop: boolean;
  readonly hasNodeSelectors: boolean;
}

export interface BfdProfileResource {
  readonly origin: Origin;
  readonly name: string;
  /** Milliseconds, integers as the CRD declares them. */
  readonly receiveInterval?: number;
  readonly transmitInterval?: number;
  readonly detectMultiplier?: number;
}

export interface IpAddressPoolResource {
  readonly origin: Origin;
  readonly name: string;
  /** CIDRs or "first-last" ranges, as written. */
  readonly addresses: readonly string[];
  /** The same, parsed, in order (both families). */
  readonly ranges: readonly PoolRange[];
  readonly avoidBuggyIPs: boolean;
  readonly autoAssign: boolean;
}

export interface BgpAdvertisementResource {
  readonly origin: Origin;
  readonly name: string;
  readonly aggregationLength?: number;
  readonly aggregationLengthV6?: number;
  readonly peers: readonly string[];
  readonly ipAddressPools: readonly string[];
  readonly hasPoolSelectors: boolean;
  readonly hasNodeSelectors: boolean;
}

export interface Manifests {
  readonly peers: BgpPeerResource[];
  readonly bfdProfiles: BfdProfileResource[];
  readonly pools: IpAddressPoolResource[];
  readonly advertisements: BgpAdvertisementResource[];
  /** Every BGPPeer's bfdProfile, also of peers with other errors, so references are checked at once. */
  readonly bfdProfileRefs: { readonly origin: Origin; readonly name: string }[];
  /** Services, Nodes and pod placements of a cluster dump (kube-objects.ts). */
  readonly kube: KubeObjects;
}

export interface ParseResult {
  readonly manifests: Manifests;
  readonly errors: string[];
  readonly notes: ImportNote[];
}

const V1BETA1 = 'metallb.io/v1beta1';
const V1BETA2 = 'metallb.io/v1beta2';

/** MetalLB kinds that carry no BGP session or advertisement: read, reported, not modelled. */
const OTHER_METALLB_KINDS: Record<string, string> = {
  L2Advertisement: 'layer-2 mode is not modelled (stalepath simulates BGP mode)',
  Community: 'communities are not modelled: the simulated routers apply no routing policy',
  ServiceL2Status: 'a status object, not configuration',
  ServiceBGPStatus: 'a status object, not configuration',
  ConfigurationState: 'a status object, not configuration',
  BGPSessionState: 'a status object, not configuration',
};

type Path = readonly (string | number)[];

/** Per-document context: where things are, and the sinks for errors and notes. */
class DocContext {
  constructor(
    readonly origin: Origin,
    private readonly errors: string[],
    private readonly notes: ImportNote[],
  ) {}
  error(path: Path, message: string): void {
    this.errors.push(`${originWhere(this.origin, path)}: ${message}`);
  }
  ignored(path: Path, message: string): void {
    this.notes.push({ level: 'ignored', where: originWhere(this.origin, path), message });
  }
}

export function parseManifests(inputs: readonly ManifestInput[]): ParseResult {
  const errors: string[] = [];
  const notes: ImportNote[] = [];
  const manifests: Manifests = {
    peers: [],
    bfdProfiles: [],
    pools: [],
    advertisements: [],
    bfdProfileRefs: [],
    kube: emptyKubeObjects(),
  };
  for (const input of inputs) {
    const lineCounter = new LineCounter();
    // YAML 1.1, as kubectl reads manifests (sigs.k8s.io/yaml): `yes`/`on` are booleans there.
    const docs = parseAllDocuments(input.text, { lineCounter, uniqueKeys: true, version: '1.1' });
    // A file with no document at all: parseAllDocuments returns an empty list (or an EmptyStream).
    const list = Array.isArray(docs) ? docs : [];
    if (list.length === 0) errors.push(`${input.file}: no YAML document in the file`);
    list.forEach((doc, i) => {
      const lineOf = (path: Path): number | undefined => lineAt(doc, lineCounter, path);
      if (doc.errors.length > 0) {
        for (const e of doc.errors) {
          const line = e.linePos?.[0].line;
          errors.push(`${input.file}${line ? `:${line}` : ''} (document ${i + 1}): YAML: ${e.message.split('\n')[0]}`);
        }
        return;
      }
      const aliases = checkAliases(doc, lineCounter);
      if (aliases.error) {
        errors.push(`${input.file}:${aliases.error.line} (document ${i + 1}): YAML: ${aliases.error.message}`);
        return;
      }
      let value: unknown;
      try {
        // go-yaml (what kubectl reads with) refuses "excessive aliasing" too: a billion laughs
        // expands to gigabytes from a few hundred bytes. The yaml package throws for it.
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
      } catch (e) {
        const at = aliases.firstLine === undefined ? '' : `:${aliases.firstLine}`;
        const msg = (e as Error).message.split('\n')[0];
        const why = /excessive alias/i.test(msg)
          ? `aliases expand more than ${MAX_ALIAS_COUNT} times (a "billion laughs" pattern); write the values out`
          : msg;
        errors.push(`${input.file}${at} (document ${i + 1}): YAML: ${why}`);
        return;
      }
      if (value === null || value === undefined) return; // an empty document between two "---"
      readObject(value, [], { file: input.file, doc: i + 1, kind: '?', name: '?', lineOf }, manifests, errors, notes);
    });
  }
  return { manifests, errors, notes };
}

/** Alias expansions per document; real manifests use a handful, a billion laughs needs thousands. */
const MAX_ALIAS_COUNT = 100;

/**
 * An alias whose anchor is not in its own document (YAML 1.2 §3.2.2.2: anchors do not cross
 * documents; go-yaml: "unknown anchor 'a' referenced") or that sits inside the node it names
 * (go-yaml: "anchor 'a' value contains itself"; the yaml package would build a circular object).
 */
function checkAliases(
  doc: Document,
  lc: LineCounter,
): { error?: { line: number; message: string }; firstLine?: number } {
  let found: { line: number; message: string } | undefined;
  let firstLine: number | undefined;
  visit(doc, {
    Alias(_, alias, path) {
      const line = lc.linePos(alias.range?.[0] ?? 0).line;
      firstLine ??= line;
      const target = alias.resolve(doc);
      if (target === undefined)
        found = { line, message: `alias *${alias.source} has no anchor &${alias.source} before it in this document` };
      else if (path.includes(target as never))
        found = { line, message: `anchor &${alias.source} contains an alias to itself (a recursive structure)` };
      return found ? visit.BREAK : undefined;
    },
  });
  return { error: found, firstLine };
}

function lineAt(doc: Document, lc: LineCounter, path: Path): number | undefined {
  // The deepest node of the path that exists; for a mapping entry, the line of its key.
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const last = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lc.linePos(range[0]).line;
    } else if (isSeq(parent) && typeof last === 'number') {
      const range = (parent.items[last] as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lc.linePos(range[0]).line;
    }
  }
  const top = doc.contents as { range?: [number, number, number] } | null;
  return top?.range ? lc.linePos(top.range[0]).line : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readObject(
  value: unknown,
  base: Path,
  at: Origin,
  out: Manifests,
  errors: string[],
  notes: ImportNote[],
): void {
  const pre = new DocContext({ ...at, base }, errors, notes);
  if (!isRecord(value)) {
    pre.error([], 'a Kubernetes object (a mapping with apiVersion, kind, metadata and spec) is expected');
    return;
  }
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (typeof kind !== 'string') {
    pre.error(
      ['kind'],
      'is missing: every manifest needs a kind (BGPPeer, BFDProfile, IPAddressPool, BGPAdvertisement)',
    );
    return;
  }
  // `kubectl get … -o yaml` prints a List; its items are the objects.
  if (kind === 'List' || kind.endsWith('List')) {
    const items = value.items;
    if (!Array.isArray(items)) {
      pre.error(['items'], `a ${kind} needs an items list`);
      return;
    }
    items.forEach((item, j) => {
      readObject(item, [...base, 'items', j], at, out, errors, notes);
    });
    return;
  }
  const meta = value.metadata;
  const name = isRecord(meta) && typeof meta.name === 'string' ? meta.name : undefined;
  const ctx = new DocContext({ ...at, base, kind, name: name ?? '?' }, errors, notes);
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith('metallb.io/')) {
    // Not MetalLB's: read where it decides what is announced or where traffic lands, else a note.
    readKubeObject(value, ctx.origin, out.kube, notes);
    return;
  }
  if (kind in OTHER_METALLB_KINDS) {
    ctx.ignored([], `${kind}: ${OTHER_METALLB_KINDS[kind]}`);
    return;
  }
  const allowed: Record<string, readonly string[]> = {
    BGPPeer: [V1BETA1, V1BETA2],
    BFDProfile: [V1BETA1],
    IPAddressPool: [V1BETA1],
    BGPAdvertisement: [V1BETA1],
  };
  const versions = allowed[kind];
  if (!versions) {
    ctx.error(
      ['kind'],
      `"${kind}" is not a MetalLB kind stalepath reads (BGPPeer, BFDProfile, IPAddressPool, BGPAdvertisement)`,
    );
    return;
  }
  if (!versions.includes(apiVersion)) {
    ctx.error(['apiVersion'], `${kind} is served as ${versions.join(' or ')}, not ${apiVersion}`);
    return;
  }
  if (name === undefined || name === '') {
    const raw = isRecord(meta) ? meta.name : undefined;
    ctx.error(
      ['metadata', 'name'],
      raw === undefined || raw === null || raw === ''
        ? 'is required'
        : `${JSON.stringify(raw)} must be a string (YAML 1.1, as kubectl reads it, takes y, yes, on, no, off as booleans: quote the name)`,
    );
    return;
  }
  for (const key of Object.keys(value)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(key)) {
      ctx.error([key], `unknown field: a ${kind} has apiVersion, kind, metadata and spec`);
    }
  }
  const spec = value.spec ?? {};
  if (!isRecord(spec)) {
    ctx.error(['spec'], 'must be a mapping');
    return;
  }
  const r = new SpecReader(ctx, spec);
  switch (kind) {
    case 'BGPPeer':
      readPeer(r, ctx, apiVersion, name, out);
      return;
    case 'BFDProfile':
      readBfdProfile(r, ctx, name, out);
      return;
    case 'IPAddressPool':
      readPool(r, ctx, name, out);
      return;
    case 'BGPAdvertisement':
      readAdvertisement(r, ctx, name, out);
      return;
  }
}

/** Typed reads of `spec` fields; each wrong type is one error with the field path. */
class SpecReader {
  readonly seen = new Set<string>();
  constructor(
    private readonly ctx: DocContext,
    readonly spec: Record<string, unknown>,
  ) {}
  has(key: string): boolean {
    return this.spec[key] !== undefined && this.spec[key] !== null;
  }
  private raw(key: string): unknown {
    this.seen.add(key);
    const v = this.spec[key];
    return v === null ? undefined : v;
  }
  int(key: string, min: number, max: number): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.ctx.error(['spec', key], `${JSON.stringify(v)} must be an integer`);
      return undefined;
    }
    if (v < min || v > max) {
      this.ctx.error(['spec', key], `${v} is out of range (${min}–${max})`);
      return undefined;
    }
    return v;
  }
  bool(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.ctx.error(['spec', key], `${JSON.stringify(v)} must be true or false`);
      return undefined;
    }
    return v;
  }
  str(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.ctx.error(['spec', key], `${JSON.stringify(v)} must be a string`);
      return undefined;
    }
    return v;
  }
  strList(key: string): string[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) {
      this.ctx.error(['spec', key], 'must be a list of strings');
      return undefined;
    }
    const out: string[] = [];
    v.forEach((x, i) => {
      if (typeof x === 'string') out.push(x);
      else this.ctx.error(['spec', key, i], `${JSON.stringify(x)} must be a string`);
    });
    return out;
  }
  list(key: string): unknown[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) {
      this.ctx.error(['spec', key], 'must be a list');
      return undefined;
    }
    return v;
  }
  object(key: string): Record<string, unknown> | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!isRecord(v)) {
      this.ctx.error(['spec', key], 'must be a mapping');
      return undefined;
    }
    return v;
  }
  /** A metav1.Duration: a Go duration string; a bare number is a type error in Kubernetes too. */
  duration(key: string): bigint | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.ctx.error(['spec', key], `${JSON.stringify(v)} must be a Go duration string such as "90s" or "1m30s"`);
      return undefined;
    }
    const d = parseGoDuration(v);
    if (!d.ok) {
      this.ctx.error(['spec', key], d.message);
      return undefined;
    }
    return d.ns;
  }
  /** Fields the CRD does not have: Kubernetes' strict field validation rejects them. */
  rejectUnknown(known: readonly string[], kindVersion: string): void {
    for (const key of Object.keys(this.spec)) {
      if (!known.includes(key)) this.ctx.error(['spec', key], `unknown field: ${kindVersion} has no spec.${key}`);
    }
  }
}

/** Reasons for BGPPeer fields that stalepath reads but does not model. */
const PEER_IGNORED: Record<string, string> = {
  peerPort: 'the simulated transport has no port numbers; the session behaves the same on any port',
  ebgpMultiHop:
    'links are single hop: multihop changes neither GR nor the hold timer, and multihop BFD (RFC 5883) is not modelled',
  vrf: 'VRFs are not modelled; the peer is placed in the default table',
  sourceAddress: 'source addresses are not modelled; the node address is used',
  routerID: 'router IDs are not modelled (they break no tie in a single-path-per-node topology)',
  password: 'TCP MD5 authentication is not modelled',
  passwordSecret: 'TCP MD5 authentication is not modelled',
  localASN: 'local-as is not modelled; the node speaks as myASN',
  disableMP:
    'deprecated in favour of dualStackAddressFamily (internal/config/config.go); FRR mode does not read it (internal/bgp/frr/frr.go)',
};

const PEER_FIELDS_V1BETA1 = [
  'myASN',
  'peerASN',
  'peerAddress',
  'sourceAddress',
  'peerPort',
  'holdTime',
  'keepaliveTime',
  'routerID',
  'nodeSelectors',
  'password',
  'bfdProfile',
  'ebgpMultiHop',
];
const PEER_FIELDS_V1BETA2 = [
  ...PEER_FIELDS_V1BETA1,
  'localASN',
  'dynamicASN',
  'interface',
  'connectTime',
  'passwordSecret',
  'enableGracefulRestart',
  'vrf',
  'disableMP',
  'dualStackAddressFamily',
];

function readPeer(r: SpecReader, ctx: DocContext, apiVersion: string, name: string, out: Manifests): void {
  const v2 = apiVersion === V1BETA2;
  r.rejectUnknown(v2 ? PEER_FIELDS_V1BETA2 : PEER_FIELDS_V1BETA1, `${apiVersion} BGPPeer`);
  const myASN = r.int('myASN', 0, 4_294_967_295);
  const peerASN = r.int('peerASN', 0, 4_294_967_295);
  const dynamicASN = r.str('dynamicASN');
  const peerAddress = r.str('peerAddress');
  const iface = r.str('interface');
  const holdTime = r.duration('holdTime');
  const keepaliveTime = r.duration('keepaliveTime');
  const connectTime = r.duration('connectTime');
  const gr = r.bool('enableGracefulRestart') ?? false;
  const bfdProfile = r.str('bfdProfile');
  if (bfdProfile) out.bfdProfileRefs.push({ origin: ctx.origin, name: bfdProfile });
  const ebgpMultiHop = r.bool('ebgpMultiHop') ?? false;
  const nodeSelectors = r.list('nodeSelectors');
  r.int('peerPort', 1, 16_384);
  r.str('vrf');
  r.str('sourceAddress');
  r.str('routerID');
  r.str('password');
  r.object('passwordSecret');
  r.int('localASN', 1, 4_294_967_295);
  r.bool('disableMP');
  const dualStack = r.bool('dualStackAddressFamily') ?? false;

  let ok = myASN !== undefined && peerASN !== undefined && peerAddress !== undefined;
  // internal/config/config.go peerFromCR: the same checks, the same order.
  if (!r.has('myASN') || myASN === 0) ctx.error(['spec', 'myASN'], 'is required (MetalLB: "missing local ASN")');
  if (dynamicASN !== undefined) {
    ok = false;
    ctx.error(
      ['spec', 'dynamicASN'],
      'is not modelled: stalepath needs the router ASN to build the session; give spec.peerASN instead',
    );
  } else if (!r.has('peerASN') || peerASN === 0) {
    ctx.error(['spec', 'peerASN'], 'is required (MetalLB: "missing peer ASN and dynamicASN")');
  }
  if (myASN !== undefined && myASN === peerASN && ebgpMultiHop) {
    ctx.error(['spec', 'ebgpMultiHop'], 'is set for an iBGP peer (MetalLB: "invalid ebgp-multihop parameter")');
  }
  if (iface !== undefined) {
    ok = false;
    ctx.error(['spec', 'interface'], 'unnumbered BGP is not modelled: give spec.peerAddress instead');
  } else if (peerAddress === undefined) {
    if (!r.has('peerAddress')) ctx.error(['spec', 'peerAddress'], 'is required');
  } else if (familyOf(peerAddress) === undefined) {
    ok = false;
    ctx.error(['spec', 'peerAddress'], `"${peerAddress}" is not an IP address (MetalLB: invalid peer IP)`);
  }
  // parseTimers: the missing timer is derived, then the hold time checked in whole seconds.
  const hold = holdTime ?? (keepaliveTime !== undefined ? keepaliveTime * 3n : undefined);
  const ka = keepaliveTime ?? (holdTime !== undefined ? holdTime / 3n : undefined);
  if (hold !== undefined && ka !== undefined) {
    const rounded = hold / 1_000_000_000n;
    if (rounded < 0n || ka < 0n) {
      ctx.error(['spec', holdTime !== undefined ? 'holdTime' : 'keepaliveTime'], 'must not be negative');
    } else if (rounded !== 0n && rounded < 3n) {
      ctx.error(
        ['spec', holdTime !== undefined ? 'holdTime' : 'keepaliveTime'],
        `hold time ${rounded} s must be 0 or at least 3 s (RFC 4271 §4.2; MetalLB: "must be 0 or >=3s")`,
      );
    } else if (ka > hold) {
      ctx.error(['spec', 'keepaliveTime'], 'must not exceed holdTime (MetalLB: "must be lower than holdTime")');
    } else if (rounded > 65_535n) {
      ctx.error(['spec', 'holdTime'], `${rounded} s exceeds the 16-bit hold time of RFC 4271 §4.2`);
    }
  }
  // CRD rule on connectTime: 1..65535 whole seconds.
  if (connectTime !== undefined) {
    if (connectTime % 1_000_000_000n !== 0n) {
      ctx.error(['spec', 'connectTime'], 'must be a whole number of seconds (MetalLB CRD rule)');
    } else if (connectTime < 1_000_000_000n || connectTime > 65_535_000_000_000n) {
      ctx.error(['spec', 'connectTime'], 'must be between 1 s and 65535 s (MetalLB CRD rule)');
    }
  }
  if (nodeSelectors !== undefined) {
    nodeSelectors.forEach((sel, i) => {
      if (!isRecord(sel))
        ctx.error(['spec', 'nodeSelectors', i], 'must be a label selector (matchLabels/matchExpressions)');
    });
  }
  for (const key of Object.keys(PEER_IGNORED)) {
    if (!r.has(key)) continue;
    const v = r.spec[key];
    // A field set to its off value changes nothing and is not worth a line.
    if (v === false || v === '' || (key === 'peerPort' && v === 179)) continue;
    ctx.ignored(['spec', key], PEER_IGNORED[key]);
  }
  if (!ok || myASN === undefined || myASN === 0 || peerASN === undefined || peerASN === 0 || peerAddress === undefined)
    return;
  out.peers.push({
    origin: ctx.origin,
    apiVersion,
    name,
    myASN,
    peerASN,
    peerAddress,
    family: familyOf(peerAddress) as IpFamily,
    dualStackAddressFamily: dualStack,
    holdTime,
    keepaliveTime,
    connectTime,
    enableGracefulRestart: gr,
    bfdProfile: bfdProfile === '' ? undefined : bfdProfile,
    ebgpMultiHop,
    hasNodeSelectors: (nodeSelectors?.length ?? 0) > 0,
  });
}

const BFD_FIELDS = [
  'receiveInterval',
  'transmitInterval',
  'detectMultiplier',
  'echoInterval',
  'echoMode',
  'passiveMode',
  'minimumTtl',
];

function readBfdProfile(r: SpecReader, ctx: DocContext, name: string, out: Manifests): void {
  r.rejectUnknown(BFD_FIELDS, 'metallb.io/v1beta1 BFDProfile');
  // Integers in milliseconds, with the CRD's ranges (api/v1beta1/bfdprofile_types.go).
  const receiveInterval = r.int('receiveInterval', 10, 60_000);
  const transmitInterval = r.int('transmitInterval', 10, 60_000);
  const detectMultiplier = r.int('detectMultiplier', 2, 255);
  const echoInterval = r.int('echoInterval', 10, 60_000);
  const echoMode = r.bool('echoMode');
  const passiveMode = r.bool('passiveMode');
  const minimumTtl = r.int('minimumTtl', 1, 254);
  if (echoMode) {
    ctx.ignored(['spec', 'echoMode'], 'the BFD Echo function is not modelled; detection uses control packets only');
  }
  if (echoInterval !== undefined) {
    ctx.ignored(['spec', 'echoInterval'], 'the BFD Echo function is not modelled; detection uses control packets only');
  }
  if (passiveMode) {
    ctx.ignored(
      ['spec', 'passiveMode'],
      'passive mode only waits for the router to send first (RFC 5880 §6.1); the simulated speaker starts at once',
    );
  }
  if (minimumTtl !== undefined) {
    ctx.ignored(['spec', 'minimumTtl'], 'TTL checks are not modelled (single-hop links only)');
  }
  out.bfdProfiles.push({ origin: ctx.origin, name, receiveInterval, transmitInterval, detectMultiplier });
}

const POOL_FIELDS = ['addresses', 'autoAssign', 'avoidBuggyIPs', 'serviceAllocation'];

function readPool(r: SpecReader, ctx: DocContext, name: string, out: Manifests): void {
  r.rejectUnknown(POOL_FIELDS, 'metallb.io/v1beta1 IPAddressPool');
  const addresses = r.strList('addresses');
  const autoAssign = r.bool('autoAssign') ?? true;
  const avoidBuggyIPs = r.bool('avoidBuggyIPs') ?? false;
  if (r.has('serviceAllocation')) {
    r.object('serviceAllocation');
    ctx.ignored(
      ['spec', 'serviceAllocation'],
      'service allocation by priority, namespace or selector is not modelled; one service takes the first address of the pool',
    );
  }
  if (addresses === undefined) {
    if (!r.has('addresses')) ctx.error(['spec', 'addresses'], 'is required');
    return;
  }
  if (addresses.length === 0) {
    ctx.error(['spec', 'addresses'], 'must list at least one CIDR or range');
    return;
  }
  let ok = true;
  const ranges: PoolRange[] = [];
  addresses.forEach((a, i) => {
    // internal/config/config.go addressPoolFromCR → ParseCIDR: both families.
    const range = parsePoolEntry(a);
    if (typeof range === 'string') {
      ok = false;
      ctx.error(['spec', 'addresses', i], range);
    } else ranges.push(range);
  });
  if (!autoAssign) {
    ctx.ignored(
      ['spec', 'autoAssign'],
      'false: services must ask for this pool by annotation; stalepath assumes one service uses it',
    );
  }
  if (ok) out.pools.push({ origin: ctx.origin, name, addresses, ranges, avoidBuggyIPs, autoAssign });
}

const ADV_FIELDS = [
  'aggregationLength',
  'aggregationLengthV6',
  'localPref',
  'communities',
  'ipAddressPools',
  'ipAddressPoolSelectors',
  'nodeSelectors',
  'peers',
  'serviceSelectors',
];

function readAdvertisement(r: SpecReader, ctx: DocContext, name: string, out: Manifests): void {
  r.rejectUnknown(ADV_FIELDS, 'metallb.io/v1beta1 BGPAdvertisement');
  // internal/config/config.go bgpAdvertisementFromCR: IPv4 aggregation at most 32 (CRD minimum 1).
  const aggregationLength = r.int('aggregationLength', 1, 32);
  const aggregationLengthV6 = r.int('aggregationLengthV6', 0, 128);
  const localPref = r.int('localPref', 0, 4_294_967_295);
  const communities = r.strList('communities');
  const ipAddressPools = r.strList('ipAddressPools') ?? [];
  const poolSelectors = r.list('ipAddressPoolSelectors');
  const nodeSelectors = r.list('nodeSelectors');
  const peers = r.strList('peers') ?? [];
  const serviceSelectors = r.list('serviceSelectors');
  if (localPref !== undefined && localPref !== 0) {
    ctx.ignored(
      ['spec', 'localPref'],
      'LOCAL_PREF is not modelled: each node offers one path per service and the routers apply no policy',
    );
  }
  if (communities && communities.length > 0) {
    ctx.ignored(['spec', 'communities'], 'communities are not modelled: the simulated routers apply no routing policy');
  }
  if (serviceSelectors && serviceSelectors.length > 0) {
    ctx.ignored(['spec', 'serviceSelectors'], 'service selection is not modelled; the pool service is advertised');
  }
  out.advertisements.push({
    origin: ctx.origin,
    name,
    aggregationLength,
    aggregationLengthV6,
    peers,
    ipAddressPools,
    hasPoolSelectors: (poolSelectors?.length ?? 0) > 0,
    hasNodeSelectors: (nodeSelectors?.length ?? 0) > 0,
  });
}
