/**
 * The calibration suite's cases (scenarios/calibration/, written by `npx tsx
 * live/daemons/calibration-cases.ts`): per daemon, one speaker node and one router whose profile is
 * the installed daemon's, short timers (Restart Time 6 s, hold 9 s, keepalive 3 s) so that the suite
 * runs in minutes. Each case exercises one GR path of RFC 4724 / RFC 8538 / RFC 9494. This table is
 * the cases' one home: the JSON files are its output (calibration.test.ts fails when they differ).
 */
import { writeFileSync } from 'node:fs';
import { PROFILE_OF } from './config/session.js';
import type { DaemonName } from './preflight.js';

type Json = Record<string, unknown>;

interface Case {
  readonly id: string;
  readonly title: string;
  readonly teaches: string;
  readonly speaker?: Json;
  /** Speaker settings for one daemon's case only. */
  readonly speakerFor?: (d: DaemonName) => Json;
  readonly router?: Json;
  readonly secondNode?: boolean;
  readonly faults: readonly Json[];
  readonly expect: (d: DaemonName) => readonly Json[];
  readonly duration?: string;
}

const SPEAKER_GR = { mode: 'restart', restartTime: 6, preserveForwarding: true, notification: false };
const LLGR = { enabled: true, staleTime: 20 };
const state = (name: string, at: string, s: string, node = 'node-1') => ({
  name,
  at,
  router: 'tor-1',
  service: 'web',
  node,
  state: s,
});
/** BIRD 2.0.12 applies timer-driven changes up to 3 s late (profile bird-2.0): expectations allow 4 s. */
const late = (d: DaemonName, secs: number) => `${secs + (d === 'bird' ? 4 : 1)}s`;
/** GoBGP 3.10 refuses the returning speaker (5 s idle hold, again at restart-timer expiry) and dials after 5–9 s. */
const back = (d: DaemonName) => (d === 'gobgp' ? '26s' : '16s');
/** Routers that implement RFC 8538 (BIRD 2.0.12 does not). */
const nBit = (d: DaemonName) => (d === 'bird' ? {} : { notification: true });

export const CASES: readonly Case[] = [
  {
    id: 'restart-timer-expiry',
    title: 'restart timer expiry: the speaker stops and does not return',
    teaches: 'RFC 4724 §4.2: routes stale from the drop, deleted when the 6 s Restart Time runs out.',
    faults: [{ type: 'speaker-stop', at: '5s', node: 'node-1' }],
    expect: (d) => [
      state('stale while the restart timer runs', '8s', 'stale'),
      state('deleted at expiry', late(d, 11), 'absent'),
    ],
  },
  {
    id: 'eor-sweep',
    title: 're-establishment within the restart time, End-of-RIB sweeps',
    teaches:
      'RFC 4724 §4.2: the returning speaker re-advertises, End-of-RIB removes what stays stale; the route ends fresh.',
    faults: [{ type: 'speaker-restart', at: '5s', node: 'node-1', downtime: '2s' }],
    expect: (d) => [state('stale while down', '6s', 'stale'), state('fresh after End-of-RIB', back(d), 'fresh')],
  },
  {
    id: 'f-bit-zero-return',
    title: 'the speaker returns with F = 0',
    teaches:
      'RFC 4724 §4.2: F = 0 in the new OPEN means forwarding state was lost, stale routes go at once (GoBGP ignores F).',
    faults: [{ type: 'speaker-restart', at: '5s', node: 'node-1', downtime: '2s', restartMode: false }],
    expect: (d) => [state('stale while down', '6s', 'stale'), state('fresh once re-advertised', back(d), 'fresh')],
  },
  {
    id: 'notification-without-n',
    title: 'Cease NOTIFICATION without the N bit',
    teaches: 'RFC 4724 §4: without N a NOTIFICATION ends the session the normal way; routes are withdrawn.',
    faults: [{ type: 'notification', at: '5s', from: 'node-1', to: 'tor-1', code: 6, subcode: 2 }],
    expect: () => [state('withdrawn after the NOTIFICATION', '6s', 'absent')],
  },
  {
    id: 'notification-with-n',
    title: 'Cease NOTIFICATION with the N bit advertised',
    teaches:
      'RFC 8538 §4: with N exchanged a NOTIFICATION (not Hard Reset) starts graceful restart (BIRD has no N: flush).',
    speaker: { gracefulRestart: { ...SPEAKER_GR, notification: true } },
    router: { gracefulRestart: { mode: 'helper', restartTime: 6 } },
    routerGr: true,
    faults: [{ type: 'notification', at: '5s', from: 'node-1', to: 'tor-1', code: 6, subcode: 2 }],
    expect: () => [],
  } as Case,
  {
    id: 'hard-reset',
    title: 'Hard Reset NOTIFICATION with the N bit advertised',
    teaches: 'RFC 8538 §3.1: a Hard Reset ends the session without GR even with N exchanged.',
    speaker: { gracefulRestart: { ...SPEAKER_GR, notification: true } },
    routerGr: true,
    faults: [{ type: 'notification', at: '5s', from: 'node-1', to: 'tor-1', code: 6, subcode: 2, hardReset: true }],
    expect: () => [state('withdrawn after the Hard Reset', '6s', 'absent')],
  } as Case,
  {
    id: 'llgr-no-alternate',
    title: 'LLGR without an alternate path',
    teaches:
      'RFC 9494 §4.2: after the 6 s Restart Time the route turns LLGR-stale (LLGR_STALE) for the 20 s stale time, then goes.',
    speaker: { gracefulRestart: SPEAKER_GR, llgr: LLGR },
    router: { llgr: LLGR },
    duration: '45s',
    faults: [{ type: 'speaker-stop', at: '5s', node: 'node-1' }],
    expect: (d) => [
      state('stale first', '8s', 'stale'),
      state('LLGR-stale after the restart time', late(d, 12), 'llgr-stale'),
      state('gone after the stale time', late(d, 32), 'absent'),
    ],
  },
  {
    id: 'llgr-alternate',
    title: 'LLGR with an alternate path from a second speaker',
    teaches: 'RFC 9494 §4.3: an LLGR-stale path is least preferred; node-2 carries the prefix meanwhile.',
    speaker: { gracefulRestart: SPEAKER_GR, llgr: LLGR },
    router: { llgr: LLGR },
    secondNode: true,
    duration: '45s',
    faults: [{ type: 'speaker-stop', at: '5s', node: 'node-1' }],
    expect: (d) => [
      state('LLGR-stale after the restart time', late(d, 12), 'llgr-stale'),
      state('node-2 stays fresh', late(d, 12), 'fresh', 'node-2'),
      state('gone after the stale time', late(d, 32), 'absent'),
    ],
  },
  {
    id: 'no-gr',
    title: 'no graceful restart on the router',
    teaches: 'RFC 4724 §3: without GR negotiated a session drop removes the routes at once.',
    router: { gracefulRestart: { mode: 'disable' } },
    faults: [{ type: 'speaker-stop', at: '5s', node: 'node-1' }],
    expect: () => [state('withdrawn at the drop', '6s', 'absent')],
  },
  {
    id: 'hold-expiry-after-freeze',
    title: 'hold timer expiry after the speaker goes silent',
    teaches:
      'RFC 4271 §6.5 / RFC 8538 §4: the node goes silent at 5 s; the hold timer (9 s) fires; without N the routes go.',
    duration: '40s',
    faults: [
      { type: 'node-crash', at: '5s', node: 'node-1' },
      { type: 'node-recover', at: '30s', node: 'node-1' },
    ],
    expect: () => [state('fresh before the hold timer', '10s', 'fresh')],
  },
  {
    id: 'hold-expiry-with-n',
    title: 'hold timer expiry with the N bit advertised',
    teaches: 'RFC 8538 §4: with N exchanged a hold-timer expiry starts graceful restart instead of a flush.',
    speaker: { gracefulRestart: { ...SPEAKER_GR, notification: true } },
    routerGr: true,
    duration: '40s',
    faults: [
      { type: 'node-crash', at: '5s', node: 'node-1' },
      { type: 'node-recover', at: '30s', node: 'node-1' },
    ],
    expect: () => [state('fresh before the hold timer', '10s', 'fresh')],
  } as Case,
  {
    id: 'new-connection-while-established',
    title: 'a new connection from the speaker while Established',
    teaches:
      'RFC 4724 §4.2: the node loses power and is straight back (no FIN, no NOTIFICATION); its new connection while the router still has the old one Established is a restart: the old session goes, routes stale until End-of-RIB.',
    // A speaker-side stimulus a live run can make (LiveSpeaker crash + recover = newConnection);
    // `peer-reset` would be `clear bgp` on the real router. At 5.5 s, between two of the router's
    // KEEPALIVEs (fixed 3 s ticks from an Established on a whole second for GoBGP): a router that
    // ignores the new connection ends the old session at its next KEEPALIVE, not in a race with it.
    faults: [
      { type: 'node-crash', at: '5.5s', node: 'node-1' },
      { type: 'node-recover', at: '5.5s', node: 'node-1' },
    ],
    // FRR 8.4.4 Ceases the new connection and stays Clearing 10 ms, then arms its 1 s start timer
    // (profile frr-8.4 clearingHold); a speaker whose idle hold were also 1 s would race it by those
    // 10 ms, which a loaded machine's scheduling decides. A 0.5 s idle hold makes the speaker's
    // connection reach FRR in Idle ~0.5 s before FRR dials (bgp_network.c bgp_accept takes it).
    speakerFor: (d) => (d === 'frr' ? { idleHoldTime: '500ms' } : {}),
    // GoBGP (restartExpiry 'idle') takes the speaker back only after the restart timer, its idle hold
    // and its connect delay (real 3.10: 21.85 s).
    expect: (d) => [state('fresh again afterwards', d === 'gobgp' ? '29s' : '20s', 'fresh')],
  },
];

export function scenarioFor(d: DaemonName, c: Case & { routerGr?: boolean }): Json {
  const nodes = [{ name: 'node-1', asn: 64513, address: '10.0.1.11' }];
  if (c.secondNode) nodes.push({ name: 'node-2', asn: 64513, address: '10.0.1.12' });
  const routerGr = (c.router?.gracefulRestart as Json | undefined) ?? {
    mode: 'helper',
    restartTime: 6,
    ...(c.routerGr ? nBit(d) : {}),
  };
  return {
    $schema: '../../scenario.schema.json',
    name: `${d}-${c.id}`,
    title: `${d}: ${c.title}`,
    description: `Calibration against ${PROFILE_OF[d]}: ${c.teaches}`,
    seed: 1,
    duration: c.duration ?? '30s',
    speaker: {
      profile: 'rfc',
      holdTime: 9,
      keepaliveTime: 3,
      gracefulRestart: SPEAKER_GR,
      ...c.speaker,
      ...c.speakerFor?.(d),
    },
    nodes,
    routers: [
      {
        name: 'tor-1',
        asn: 64512,
        address: '10.0.0.1',
        bgp: { profile: PROFILE_OF[d], holdTime: 9, keepaliveTime: 3, ...c.router, gracefulRestart: routerGr },
      },
    ],
    services: [{ name: 'web', prefix: '10.100.0.10/32' }],
    workload: {
      clients: 10,
      arrivalRate: 0,
      initialConnections: 0,
      connectionDuration: { type: 'fixed', value: '10s' },
    },
    faults: c.faults,
    expect: [state('fresh before the fault', '4s', 'fresh'), ...c.expect(d)],
  };
}

if (process.argv[1]?.endsWith('calibration-cases.ts')) {
  const dir = process.argv[2] ?? 'scenarios/calibration';
  for (const d of ['frr', 'bird', 'gobgp'] as const) {
    for (const c of CASES) writeFileSync(`${dir}/${d}-${c.id}.json`, `${JSON.stringify(scenarioFor(d, c), null, 2)}\n`);
  }
}
