import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LoadResult, loadScenarioText } from './load.js';

const text = readFileSync(new URL('../../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8');
const load = (mutate: (j: Record<string, any>) => void): LoadResult => {
  const j = JSON.parse(text);
  mutate(j);
  return loadScenarioText(JSON.stringify(j), 'k.json');
};

describe('knobs an implementation does not have (gr-reference §2.3, §2.8)', () => {
  it('refuses BFD on a GoBGP router, naming the field, the profile and the rule', () => {
    const r = load((j) => {
      j.routers[0].bgp = { profile: 'gobgp', bfd: { enabled: true } };
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'k.json: routers[0].bgp.bfd: BFD is enabled, but profile "gobgp" (gobgp-4.8) has no BFD (gr-reference §2.8); remove it or set "enabled": false',
      ]);
  });

  it('refuses BFD inherited by a node whose override picks GoBGP, and says where the profile comes from', () => {
    const r = load((j) => {
      j.speaker.bfd = { enabled: true };
      j.nodes[1].speaker = { profile: 'gobgp-3.34' };
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatch(
        /^k\.json: speaker\.bfd: .*"gobgp-3\.34" has no BFD \(the profile is chosen by nodes\[1\]\.speaker\.profile\)/,
      );
  });

  it('refuses BIRD’s connect delay and error wait on an FRR side, and accepts them on BIRD', () => {
    const r = load((j) => {
      j.speaker.connectDelay = '3s';
      j.routers[0].bgp = { profile: 'frr', errorWaitTime: ['60s', '300s'] };
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'k.json: routers[0].bgp.errorWaitTime: 60 s, 300 s cannot be applied: profile "frr" (frr-10.7) has no such setting (BIRD\'s `error wait time` only)',
        'k.json: speaker.connectDelay: 3 s cannot be applied: profile "frr-10.5" has no such setting (BIRD\'s `connect delay time` only)',
      ]);
    const bird = load((j) => {
      j.routers[0].bgp = { profile: 'bird', connectDelay: '7s', errorWaitTime: ['30s', '90s'] };
    });
    expect(bird.ok).toBe(true);
  });

  it('refuses an idle hold on FRR, BIRD and GoBGP sides, and applies it on the rfc profile', () => {
    for (const profile of ['frr-8.4', 'bird', 'gobgp-3.10']) {
      const r = load((j) => {
        j.routers[0].bgp = { profile, idleHoldTime: '500ms' };
      });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.errors[0]).toMatch(
          /^k\.json: routers\[0\]\.bgp\.idleHoldTime: 0\.5 s cannot be applied: profile "[^"]+"( \([^)]+\))? has no idle-hold setting/,
        );
    }
    const rfc = load((j) => {
      j.speaker = { ...j.speaker, profile: 'rfc', idleHoldTime: '500ms' };
    });
    expect(rfc.ok).toBe(true);
  });

  it('refuses an uptime with a cold start (no history to have been up in)', () => {
    const r = load((j) => {
      j.start = 'cold';
      j.routers[1].uptime = '30s';
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/routers\[1\]\.uptime: "30s": an uptime needs start "steady"/);
  });

  it('accepts BFD turned off on a GoBGP side', () => {
    expect(load((j) => (j.routers[0].bgp = { profile: 'gobgp', bfd: { enabled: false } })).ok).toBe(true);
  });

  it('warns that a stale-path time written for a BIRD router is ignored, and keeps the scenario valid', () => {
    const r = load((j) => {
      j.routers[1].bgp = { profile: 'bird', gracefulRestart: { mode: 'helper', stalePathTime: 30 } };
    });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.warnings).toEqual([
        'k.json: routers[1].bgp.gracefulRestart.stalePathTime: 30 is ignored: profile "bird" (bird-2.19) has no stale-path timer (gr-reference §2.3: stale routes wait for End-of-RIB or the restart timer)',
      ]);
  });

  it('drops without a word a stale-path time inherited from a layer written for FRR', () => {
    const r = load((j) => {
      j.speaker.gracefulRestart.stalePathTime = 360;
      j.nodes[2].speaker = { profile: 'gobgp' };
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings).toBeUndefined();
  });

  it('has nothing to say about a stale-path time on FRR', () => {
    const r = load((j) => (j.speaker.gracefulRestart.stalePathTime = 360));
    expect(r.ok && r.warnings === undefined).toBe(true);
  });
});
