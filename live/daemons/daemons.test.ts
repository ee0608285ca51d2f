// Real daemons in a private netns: each router daemon is configured by its generator, peers with a
// speaker daemon (GoBGP for FRR and BIRD, FRR for GoBGP), its RIB is sampled fresh and, after the
// speaker is killed (GR helper, Restart Time 6 s), stale; the namespace is gone afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../../tools/requirements.js';
import { birdProtocolName } from './config/bird.js';
import type { DaemonSession } from './config/session.js';
import { RunningDaemon, sleep } from './daemon.js';
import { listNetns, Netns } from './netns.js';
import { type DaemonName, daemonProblems } from './preflight.js';
import { parseBirdRib, parseFrrRib, parseGobgpRib, type RibSample, stateOf } from './rib/parse.js';

const ROUTER = '10.0.0.1';
const SPEAKER = '10.0.1.11';
const PFX = '10.100.0.10/32';
const PARTNER: Record<DaemonName, DaemonName> = { frr: 'gobgp', bird: 'gobgp', gobgp: 'frr' };
const PROFILE: Record<DaemonName, string> = { frr: 'frr-8.4', bird: 'bird-2.0', gobgp: 'gobgp-3.10' };

function session(d: DaemonName, role: 'router' | 'speaker', dir: string): DaemonSession {
  const router = role === 'router';
  return {
    router: {
      name: router ? 'tor-1' : 'node-1',
      asn: router ? 64512 : 64513,
      bgp: {
        profile: PROFILE[d],
        holdTime: 9,
        keepaliveTime: 3,
        ...(router ? {} : { connectRetryTime: 1 }),
        gracefulRestart: router
          ? { mode: 'helper', restartTime: 6 }
          : { mode: 'restart', restartTime: 6, ...(d === 'frr' ? { preserveForwarding: true } : {}) },
      },
    } as DaemonSession['router'],
    where: router ? 'routers[0]' : 'nodes[0]',
    routerAddress: router ? ROUTER : SPEAKER,
    neighbors: [{ address: router ? SPEAKER : ROUTER, asn: router ? 64513 : 64512 }],
    originate: router || d !== 'frr' ? [] : [PFX],
    dir,
  };
}

function sample(r: RunningDaemon): RibSample {
  if (r.daemon === 'frr') {
    return parseFrrRib(r.ribText(), r.cli('show bgp ipv4 unicast community llgr-stale json'), SPEAKER);
  }
  if (r.daemon === 'bird') {
    const p = birdProtocolName(SPEAKER);
    return parseBirdRib(r.ribText(), r.cli(`show protocols all ${p}`), p);
  }
  return parseGobgpRib(r.ribText(), SPEAKER);
}

async function until(what: string, f: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (f()) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

for (const d of ['frr', 'bird', 'gobgp'] as const) {
  const problems = [...new Set([...daemonProblems(d), ...daemonProblems(PARTNER[d])])];
  describe.runIf(
    needs({
      group: `real ${d} in a netns (live/daemons/daemons.test.ts)`,
      missing: problems.length > 0 ? problems.join('; ') : null,
      enable: 'run as root with frr, bird2, gobgpd and iproute2 installed (apt-get install frr bird2 gobgpd iproute2)',
    }),
  )(`real ${d}`, () => {
    it(`${d} establishes with a ${PARTNER[d]} speaker, holds its route stale after the speaker dies, and leaves no namespace`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `stalepath-${d}-`));
      const ns = Netns.create([ROUTER, SPEAKER]);
      try {
        expect(ns.links()).toEqual(['lo']);
        expect(ns.addresses().sort()).toEqual(['10.0.0.1/32', '10.0.1.11/32', '127.0.0.1/8']);
        const router = new RunningDaemon(d, ns, session(d, 'router', mkdtempSync(join(dir, 'r-'))));
        const speaker = new RunningDaemon(PARTNER[d], ns, session(PARTNER[d], 'speaker', mkdtempSync(join(dir, 's-'))));
        router.start();
        speaker.start();
        await router.ready();
        await speaker.ready();
        if (PARTNER[d] === 'gobgp') speaker.cli(`global rib add ${PFX}`);
        await until(`${d} to hold ${PFX} fresh`, () => stateOf(sample(router), PFX) === 'fresh', 30_000);
        await speaker.stop('SIGKILL');
        await until(`${d} to mark ${PFX} stale`, () => stateOf(sample(router), PFX) === 'stale', 12_000);
        await until(
          `${d} to drop ${PFX} after the restart time`,
          () => stateOf(sample(router), PFX) === 'absent',
          15_000,
        );
      } finally {
        ns.removeSync();
        rmSync(dir, { recursive: true, force: true });
      }
      expect(listNetns()).not.toContain(ns.name);
    }, 90_000);
  });
}
