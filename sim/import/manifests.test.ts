import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifests.js';

const peer = (spec: string, apiVersion = 'metallb.io/v1beta2', name = 'tor') =>
  `apiVersion: ${apiVersion}\nkind: BGPPeer\nmetadata:\n  name: ${name}\nspec:\n  peerASN: 64512\n  myASN: 64513\n  peerAddress: 10.0.0.1\n${spec}`;
const parse = (text: string, file = 'm.yaml') => parseManifests([{ file, text }]);

describe('BGPPeer fields', () => {
  it('reads peerASN, myASN, peerAddress, enableGracefulRestart and bfdProfile', () => {
    const r = parse(peer('  enableGracefulRestart: true\n  bfdProfile: fast\n'));
    expect(r.errors).toEqual([]);
    expect(r.manifests.peers[0]).toMatchObject({
      name: 'tor',
      peerASN: 64512,
      myASN: 64513,
      peerAddress: '10.0.0.1',
      enableGracefulRestart: true,
      bfdProfile: 'fast',
    });
  });

  it('reads holdTime, keepaliveTime and connectTime as exact Go durations', () => {
    const r = parse(peer('  holdTime: 1m30s\n  keepaliveTime: 30s\n  connectTime: 5s\n'));
    expect(r.errors).toEqual([]);
    expect(r.manifests.peers[0]).toMatchObject({
      holdTime: 90_000_000_000n,
      keepaliveTime: 30_000_000_000n,
      connectTime: 5_000_000_000n,
    });
  });

  it('reads YAML 1.1 booleans as kubectl does (yes, on)', () => {
    expect(parse(peer('  enableGracefulRestart: yes\n')).manifests.peers[0].enableGracefulRestart).toBe(true);
  });

  it('rejects a misspelled top-level field such as specs', () => {
    expect(parse(peer('').replace('spec:', 'specs:')).errors[0]).toBe(
      'm.yaml:5 (document 1, BGPPeer tor) specs: unknown field: a BGPPeer has apiVersion, kind, metadata and spec',
    );
  });

  it('treats enableGracefulRestart as false when absent', () => {
    expect(parse(peer('')).manifests.peers[0].enableGracefulRestart).toBe(false);
  });

  it('accepts metallb.io/v1beta1 peers, which have no enableGracefulRestart field', () => {
    expect(parse(peer('  holdTime: 90s\n', 'metallb.io/v1beta1')).errors).toEqual([]);
    expect(parse(peer('  enableGracefulRestart: true\n', 'metallb.io/v1beta1')).errors).toEqual([
      'm.yaml:9 (document 1, BGPPeer tor) spec.enableGracefulRestart: unknown field: metallb.io/v1beta1 BGPPeer has no spec.enableGracefulRestart',
    ]);
  });

  const ignoredFields: [string, string, RegExp][] = [
    ['vrf', 'red', /VRFs are not modelled; the peer is placed in the default table/],
    ['peerPort', '1790', /no port numbers/],
    ['ebgpMultiHop', 'true', /single hop/],
    ['sourceAddress', '10.0.1.1', /source addresses/],
    ['routerID', '10.0.1.1', /router IDs/],
    ['password', 'secret', /TCP MD5/],
    ['passwordSecret', '{ name: s }', /TCP MD5/],
    ['localASN', '65000', /local-as/],
    ['disableMP', 'true', /deprecated in favour of dualStackAddressFamily.*FRR mode does not read it/],
  ];
  for (const [field, value, why] of ignoredFields) {
    it(`reports spec.${field} as not modelled, with its path and why`, () => {
      const r = parse(peer(`  ${field}: ${value}\n`));
      expect(r.errors).toEqual([]);
      expect(r.notes).toEqual([
        {
          level: 'ignored',
          where: `m.yaml:9 (document 1, BGPPeer tor) spec.${field}`,
          message: expect.stringMatching(why),
        },
      ]);
    });
  }

  it('says nothing about an ignored field set to its neutral value', () => {
    expect(parse(peer('  ebgpMultiHop: false\n  peerPort: 179\n')).notes).toEqual([]);
  });
});

describe('BGPPeer errors: file, line, document and field path', () => {
  const errorOf = (spec: string, apiVersion?: string) => parse(peer(spec, apiVersion)).errors;

  it('peerASN out of range', () => {
    const r = parse(peer('').replace('peerASN: 64512', 'peerASN: 4294967296'));
    expect(r.errors).toEqual([
      'm.yaml:6 (document 1, BGPPeer tor) spec.peerASN: 4294967296 is out of range (0–4294967295)',
    ]);
    expect(r.manifests.peers).toEqual([]);
  });

  it('a wrong type (an ASN as a string, a bool as a string)', () => {
    const r = parse(peer('  enableGracefulRestart: "yes"\n').replace('peerASN: 64512', 'peerASN: "64512"'));
    expect(r.errors).toEqual([
      'm.yaml:6 (document 1, BGPPeer tor) spec.peerASN: "64512" must be an integer',
      'm.yaml:9 (document 1, BGPPeer tor) spec.enableGracefulRestart: "yes" must be true or false',
    ]);
  });

  it('a missing myASN, as MetalLB ("missing local ASN")', () => {
    const r = parse(peer('').replace('  myASN: 64513\n', ''));
    expect(r.errors).toEqual([
      'm.yaml:5 (document 1, BGPPeer tor) spec.myASN: is required (MetalLB: "missing local ASN")',
    ]);
  });

  it('a duration written as a number, or not a Go duration', () => {
    expect(errorOf('  holdTime: 90\n')).toEqual([
      'm.yaml:9 (document 1, BGPPeer tor) spec.holdTime: 90 must be a Go duration string such as "90s" or "1m30s"',
    ]);
    expect(errorOf('  holdTime: 90 s\n')[0]).toMatch(/spec\.holdTime: "90 s" is not a Go duration/);
  });

  it('a hold time of 1 or 2 s (RFC 4271 §4.2), also when derived from keepaliveTime', () => {
    expect(errorOf('  holdTime: 2s\n')[0]).toMatch(/spec\.holdTime: hold time 2 s must be 0 or at least 3 s/);
    expect(errorOf('  keepaliveTime: 900ms\n')[0]).toMatch(
      /spec\.keepaliveTime: hold time 2 s must be 0 or at least 3 s/,
    );
  });

  it('a keepalive longer than the hold time', () => {
    expect(errorOf('  holdTime: 9s\n  keepaliveTime: 10s\n')[0]).toMatch(
      /spec\.keepaliveTime: must not exceed holdTime/,
    );
  });

  it('a connectTime that is not whole seconds or outside 1–65535 s (CRD rules)', () => {
    expect(errorOf('  connectTime: 1500ms\n')[0]).toMatch(/spec\.connectTime: must be a whole number of seconds/);
    expect(errorOf('  connectTime: 0s\n')[0]).toMatch(/spec\.connectTime: must be between 1 s and 65535 s/);
  });

  it('a peerPort outside the CRD range 1–16384', () => {
    expect(errorOf('  peerPort: 20000\n')[0]).toMatch(/spec\.peerPort: 20000 is out of range \(1–16384\)/);
  });

  it('ebgpMultiHop on an iBGP peer, as MetalLB', () => {
    const r = parse(peer('  ebgpMultiHop: true\n').replace('peerASN: 64512', 'peerASN: 64513'));
    expect(r.errors[0]).toMatch(/spec\.ebgpMultiHop: is set for an iBGP peer/);
  });

  it('unnumbered and dynamic-ASN peers, which are not modelled; a peerAddress that is no IP address', () => {
    expect(errorOf('  interface: eth0\n')[0]).toMatch(/spec\.interface: unnumbered BGP is not modelled/);
    expect(errorOf('  dynamicASN: external\n')[0]).toMatch(/spec\.dynamicASN: is not modelled/);
    expect(parse(peer('').replace('10.0.0.1', '"fd00::g"')).errors[0]).toMatch(
      /spec\.peerAddress: "fd00::g" is not an IP address \(MetalLB: invalid peer IP\)/,
    );
  });

  it('reads an IPv6 peer, and dualStackAddressFamily, with the family of the peer address', () => {
    const r = parse(peer('  dualStackAddressFamily: true\n').replace('10.0.0.1', 'fc00:f853:ccd:e793::5'));
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.manifests.peers[0]).toMatchObject({
      peerAddress: 'fc00:f853:ccd:e793::5',
      family: 'IPv6',
      dualStackAddressFamily: true,
    });
  });

  it('reports every problem of every document at once, numbering documents from 1', () => {
    const text = `${peer('  holdTime: 1s\n')}\n---\n${peer('  vrf: 7\n', undefined, 'b')}`;
    expect(parse(text).errors).toEqual([
      'm.yaml:9 (document 1, BGPPeer tor) spec.holdTime: hold time 1 s must be 0 or at least 3 s (RFC 4271 §4.2; MetalLB: "must be 0 or >=3s")',
      'm.yaml:20 (document 2, BGPPeer b) spec.vrf: 7 must be a string',
    ]);
  });
});

describe('manifest-level errors', () => {
  it("a kind that is not MetalLB's is read where it matters or skipped with a note, never an error", () => {
    const svc = parse('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n');
    expect(svc.errors).toEqual([]);
    expect(svc.manifests.kube.services.map((s) => s.name)).toEqual(['web']);
    const cm = parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    expect(cm.errors).toEqual([]);
    expect(cm.notes).toEqual([
      {
        level: 'ignored',
        where: 'm.yaml:1 (document 1, ConfigMap cm)',
        message: expect.stringMatching(/^skipped: not read/),
      },
    ]);
  });

  it('a metallb.io kind that does not exist is an error (the cluster has no such CRD)', () => {
    expect(parse('apiVersion: metallb.io/v1beta1\nkind: BGPPeering\nmetadata:\n  name: x\n').errors[0]).toMatch(
      /kind: "BGPPeering" is not a MetalLB kind stalepath reads/,
    );
  });

  it('a kind served under another version', () => {
    expect(parse('apiVersion: metallb.io/v1beta2\nkind: BFDProfile\nmetadata:\n  name: x\n').errors[0]).toMatch(
      /apiVersion: BFDProfile is served as metallb.io\/v1beta1, not metallb.io\/v1beta2/,
    );
  });

  it('a missing kind or name', () => {
    expect(parse('apiVersion: metallb.io/v1beta2\nspec: {}\n').errors[0]).toMatch(/\(document 1\) kind: is missing/);
    expect(parse('apiVersion: metallb.io/v1beta2\nkind: BGPPeer\nspec: {}\n').errors[0]).toMatch(
      /metadata\.name: is required/,
    );
  });

  it('a name YAML 1.1 reads as a boolean, with the hint to quote it', () => {
    expect(parse('apiVersion: metallb.io/v1beta1\nkind: BFDProfile\nmetadata:\n  name: on\n').errors[0]).toMatch(
      /m\.yaml:4 \(document 1, BFDProfile \?\) metadata\.name: true must be a string .*quote the name/,
    );
  });

  it('YAML syntax errors and duplicate keys, with the line', () => {
    expect(parse('a: [\n').errors[0]).toMatch(/^m\.yaml:\d+ \(document 1\): YAML: /);
    expect(parse(peer('  myASN: 1\n')).errors[0]).toMatch(/^m\.yaml:9 \(document 1\): YAML: Map keys must be unique/);
  });

  it('an empty file', () => {
    expect(parse('# nothing\n').errors.length + parse('').errors.length).toBeGreaterThan(0);
  });

  it('reads the items of a List, with their path', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: metallb.io/v1beta1\n  kind: BFDProfile\n  metadata: { name: f }\n  spec: { receiveInterval: "300" }\n`;
    const r = parse(text);
    expect(r.errors).toEqual([
      'm.yaml:7 (document 1, BFDProfile f) items[0].spec.receiveInterval: "300" must be an integer',
    ]);
  });

  it('reports other MetalLB kinds as not modelled', () => {
    const r = parse('apiVersion: metallb.io/v1beta1\nkind: L2Advertisement\nmetadata:\n  name: l2\n');
    expect(r.errors).toEqual([]);
    expect(r.notes[0]).toMatchObject({ level: 'ignored', message: expect.stringMatching(/layer-2 mode/) });
  });
});

describe('BFDProfile fields', () => {
  const bfd = (spec: string) =>
    parse(`apiVersion: metallb.io/v1beta1\nkind: BFDProfile\nmetadata:\n  name: fast\nspec:\n${spec}`);

  it('reads receiveInterval, transmitInterval and detectMultiplier as integers in ms', () => {
    const r = bfd('  receiveInterval: 100\n  transmitInterval: 200\n  detectMultiplier: 5\n');
    expect(r.errors).toEqual([]);
    expect(r.manifests.bfdProfiles[0]).toMatchObject({
      receiveInterval: 100,
      transmitInterval: 200,
      detectMultiplier: 5,
    });
  });

  it('rejects a duration string or a fraction where the CRD has an integer of ms', () => {
    expect(bfd('  receiveInterval: 300ms\n').errors[0]).toMatch(/spec\.receiveInterval: "300ms" must be an integer/);
    expect(bfd('  transmitInterval: 2.5\n').errors[0]).toMatch(/spec\.transmitInterval: 2\.5 must be an integer/);
  });

  it('rejects values outside the CRD ranges', () => {
    expect(bfd('  receiveInterval: 9\n').errors[0]).toMatch(/9 is out of range \(10–60000\)/);
    expect(bfd('  detectMultiplier: 1\n').errors[0]).toMatch(/1 is out of range \(2–255\)/);
    expect(bfd('  minimumTtl: 255\n').errors[0]).toMatch(/255 is out of range \(1–254\)/);
  });

  for (const [field, value, why] of [
    ['echoMode', 'true', /Echo function/],
    ['echoInterval', '50', /Echo function/],
    ['passiveMode', 'true', /passive mode/],
    ['minimumTtl', '254', /TTL checks/],
  ] as const) {
    it(`reports spec.${field} as not modelled`, () => {
      const r = bfd(`  ${field}: ${value}\n`);
      expect(r.errors).toEqual([]);
      expect(r.notes).toEqual([
        {
          level: 'ignored',
          where: `m.yaml:6 (document 1, BFDProfile fast) spec.${field}`,
          message: expect.stringMatching(why),
        },
      ]);
    });
  }
});

describe('IPAddressPool and BGPAdvertisement fields', () => {
  const pool = (spec: string) =>
    parse(`apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: web\nspec:\n${spec}`);
  const adv = (spec: string) =>
    parse(`apiVersion: metallb.io/v1beta1\nkind: BGPAdvertisement\nmetadata:\n  name: a\nspec:\n${spec}`);

  it('reads addresses as CIDRs and ranges, and avoidBuggyIPs', () => {
    const r = pool('  addresses: [10.100.0.0/24, 10.200.0.1-10.200.0.9]\n  avoidBuggyIPs: true\n');
    expect(r.errors).toEqual([]);
    expect(r.manifests.pools[0]).toMatchObject({
      addresses: ['10.100.0.0/24', '10.200.0.1-10.200.0.9'],
      avoidBuggyIPs: true,
    });
  });

  it('rejects addresses that are neither a CIDR nor a range, as MetalLB ParseCIDR does', () => {
    const r = pool('  addresses: [10.100.0/24, 10.0.0.9-10.0.0.1, "fd00::/129", "10.0.0.1-fd00::1"]\n');
    expect(r.errors).toEqual([
      'm.yaml:6 (document 1, IPAddressPool web) spec.addresses[0]: "10.100.0/24" is neither a CIDR ("10.100.0.0/24", "fc00::/124") nor a range ("10.100.0.10-10.100.0.20")',
      'm.yaml:6 (document 1, IPAddressPool web) spec.addresses[1]: "10.0.0.9-10.0.0.1": the range ends before it starts (MetalLB: start IP is after the end IP)',
      'm.yaml:6 (document 1, IPAddressPool web) spec.addresses[2]: "fd00::/129": /129 is longer than 128 (MetalLB: invalid CIDR)',
      'm.yaml:6 (document 1, IPAddressPool web) spec.addresses[3]: "10.0.0.1-fd00::1": a range cannot go from an IPv4 to an IPv6 address',
    ]);
    expect(pool('  autoAssign: true\n').errors[0]).toMatch(/spec\.addresses: is required/);
  });

  it('reads IPv6 CIDRs and ranges beside IPv4 ones (a dual-stack pool)', () => {
    const r = pool('  addresses: [192.168.10.0/24, "fc00:f853:0ccd:e799::/124", "fd00::10-fd00::1f"]\n');
    expect(r.errors).toEqual([]);
    expect(r.manifests.pools[0].ranges.map((x) => [x.family, x.shortestMask])).toEqual([
      ['IPv4', 24],
      ['IPv6', 124],
      ['IPv6', 124],
    ]);
  });

  it('reports autoAssign: false and serviceAllocation as not modelled', () => {
    const r = pool('  addresses: [10.1.0.0/24]\n  autoAssign: false\n  serviceAllocation: { priority: 1 }\n');
    expect(r.notes.map((n) => n.where)).toEqual([
      'm.yaml:8 (document 1, IPAddressPool web) spec.serviceAllocation',
      'm.yaml:7 (document 1, IPAddressPool web) spec.autoAssign',
    ]);
  });

  it('reads aggregationLength, peers and ipAddressPools; rejects aggregationLength above 32', () => {
    const r = adv('  aggregationLength: 24\n  peers: [tor]\n  ipAddressPools: [web]\n');
    expect(r.manifests.advertisements[0]).toMatchObject({
      aggregationLength: 24,
      peers: ['tor'],
      ipAddressPools: ['web'],
    });
    expect(adv('  aggregationLength: 33\n').errors[0]).toMatch(/spec\.aggregationLength: 33 is out of range \(1–32\)/);
  });

  it('reports communities, localPref and serviceSelectors as not modelled', () => {
    const r = adv('  communities: [65535:65282]\n  localPref: 100\n  serviceSelectors: [{ matchLabels: { a: b } }]\n');
    expect(r.errors).toEqual([]);
    expect(r.notes.map((n) => `${n.where.split(') ')[1]}: ${n.level}`)).toEqual([
      'spec.localPref: ignored',
      'spec.communities: ignored',
      'spec.serviceSelectors: ignored',
    ]);
  });

  it('rejects a field the CRD does not have (a typo would otherwise change the result silently)', () => {
    expect(adv('  aggregationLenght: 24\n').errors[0]).toMatch(/spec\.aggregationLenght: unknown field/);
  });
});
