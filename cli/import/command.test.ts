// `stalepath import metallb` as users run it: a child process, real files, real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seedDir = join(root, 'scenarios', 'metallb-from-manifests');
const entry = [join(root, 'bin', 'stalepath.js')];
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [...entry, 'import', 'metallb', ...args], { encoding: 'utf8', cwd: seedDir });
const dir = mkdtempSync(join(tmpdir(), 'stalepath-import-'));

describe('stalepath import metallb (child process)', () => {
  it('writes the scenario to --out, lists defaults, assumptions and warnings on stderr, exits 0', () => {
    const out = join(dir, 'sc.json');
    const r = cli(
      'bgp-peer-graceful.yaml',
      'multi-peer-graceful.yaml',
      'peer-with-bfd-and-gr.yaml',
      'bfd-profile-fast-detect.yaml',
      'pool.yaml',
      '--router-config',
      'router-frr.conf',
      '--name',
      'metallb-from-manifests',
      '--out',
      out,
    );
    expect(r.stderr).toMatch(
      /^default +peer-with-bfd-and-gr\.yaml:\d+ \(document 1, BGPPeer upstream-full\) spec\.holdTime: /m,
    );
    expect(r.stderr).toMatch(/^set +router-frr\.conf:6: "bgp graceful-restart restart-time 120"/m);
    expect(r.stderr).toMatch(/^wrote .*sc\.json: 3 nodes, 2 routers, 1 service; /m);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
      JSON.parse(readFileSync(join(seedDir, 'metallb-from-manifests.json'), 'utf8')),
    );
  });

  it('invalid manifests: every error with file, line, document and field path on stderr, exit 2, nothing on stdout', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'apiVersion: metallb.io/v1beta2\nkind: BGPPeer\nmetadata:\n  name: x\nspec:\n  myASN: 64513\n  peerASN: 99999999999\n  peerAddress: 10.0.0.1\n  bfdProfile: nope\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    );
    const r = cli(bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    // A ConfigMap is no error: it is skipped with a note (notes come first).
    expect(r.stderr).toBe(
      `ignored ${bad}:11 (document 2, ConfigMap cm): skipped: not read (MetalLB ≥ 0.13 is configured by its CRDs, not a ConfigMap)\n` +
        `${bad}:7 (document 1, BGPPeer x) spec.peerASN: 99999999999 is out of range (0–4294967295)\n` +
        `${bad}:9 (document 1, BGPPeer x) spec.bfdProfile: names no BFDProfile ("nope"; no BFDProfile was given)\n`,
    );
  });

  it('a dual-stack manifest set: which router hears which family on stderr, exit 0, and the scenario runs traffic on both families', () => {
    const out = join(dir, 'dual-stack.json');
    const r = cli('dual-stack.yaml', '--out', out);
    expect(r.stderr).toMatch(
      /^set +dual-stack\.yaml:\d+ \(document 3, BGPPeer peer\) spec\.peerAddress: 172\.30\.0\.3: MetalLB activates address-family ipv4 unicast for this neighbor, so it is sent 192\.168\.10\.0\/32 and not fc00:f853:ccd:e799::\/128/m,
    );
    expect(r.stderr).toMatch(/^set +services nginx-ipv6: Service default\/nginx IPv6 fc00:f853:ccd:e799:: /m);
    expect(r.stderr).toMatch(/^wrote .*dual-stack\.json: 3 nodes, 2 routers, 2 services; /m);
    expect(r.status).toBe(0);
    const sc = JSON.parse(readFileSync(out, 'utf8'));
    expect(sc.routers[1]).toMatchObject({ name: 'peerv6', address6: 'fc00:f853:ccd:e793::5', transport: 'ipv6' });
    expect(sc.workload.service).toEqual(['nginx', 'nginx-ipv6']);
    const run = spawnSync(process.execPath, [...entry, 'run', out], { encoding: 'utf8', cwd: seedDir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ {2}IPv4 +\d+ started, 0 reset; [1-9]\d* packets delivered, 0 lost/m);
    expect(run.stdout).toMatch(/^ {2}IPv6 +\d+ started, 0 reset; [1-9]\d* packets delivered, 0 lost/m);
    expect(run.stdout).toMatch(
      /^ {2}peerv6 fc00:f853:ccd:e799::\/128 \[hash-threshold\] → node-1, node-2, node-3; 0 resets$/m,
    );
    expect(run.stdout).not.toMatch(/^ {2}peer fc00:f853:ccd:e799::/m);
    expect(run.status).toBe(0);
  });

  it('a missing file or a bad option value: exit 2', () => {
    const missing = cli('nope.yaml');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('nope.yaml: cannot read (no such file)\n');
    const badEcmp = cli('pool.yaml', '--ecmp', 'random');
    expect(badEcmp.status).toBe(2);
    expect(badEcmp.stderr).toMatch(/--ecmp <type>' argument 'random' is invalid/);
  });

  it('reads manifests from stdin with "-" (kubectl get … -o yaml) and prints the scenario on stdout', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: metallb.io/v1beta2\n  kind: BGPPeer\n  metadata: { name: tor }\n  spec: { myASN: 64513, peerASN: 64512, peerAddress: 10.0.0.1, vrf: red }\n`;
    const r = spawnSync(process.execPath, [...entry, 'import', 'metallb', '-', '--nodes', '2'], {
      encoding: 'utf8',
      input: list,
      cwd: root,
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).routers[0]).toMatchObject({ name: 'tor', address: '10.0.0.1' });
    expect(JSON.parse(r.stdout).nodes).toHaveLength(2);
    expect(r.stderr).toMatch(
      /^ignored <stdin>:7 \(document 1, BGPPeer tor\) items\[0\]\.spec\.vrf: VRFs are not modelled; the peer is placed in the default table$/m,
    );
  });
});
