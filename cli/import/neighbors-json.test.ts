import { describe, expect, it } from 'vitest';
import {
  type AfGrStatusLike,
  afJsonKey,
  familyJsonKey,
  type NeighborGrStatusLike,
  neighborJson,
  neighborsJson,
} from './neighbors-json.js';

const af: AfGrStatusLike = {
  key: 'ipv4-unicast',
  name: 'IPv4 Unicast',
  fBit: true,
  endOfRibSent: true,
  endOfRibSentAfterUpdate: false,
  endOfRibReceived: true,
  phase: 'stale',
  configuredStalePathTime: 360,
  stalePathRemaining: 350,
  configuredSelectionDeferralTime: 120,
  llgrStaleTime: 0,
  llgrStaleRemaining: null,
  restartRemaining: 110,
};
// A helper 10 s into a speaker restart: session down, restart and stale-path timers running.
const during: NeighborGrStatusLike = {
  state: 'Active',
  localGrMode: 'Restart',
  remoteGrMode: 'NotApplicable',
  rBit: null,
  nBit: null,
  capability: 'advertised and received',
  configuredRestartTime: 120,
  receivedRestartTime: 120,
  configuredLlgrStaleTime: 0,
  restartTimeRemaining: 110,
  stalePathTimeRemaining: 350,
  afs: [af],
  addressFamiliesByPeer: [{ name: 'IPv4 Unicast', preserved: true }],
  lastNotificationReason: null,
  lastNotificationHardReset: null,
  lastResetReason: 'tcp-closed',
};
const established: NeighborGrStatusLike = {
  ...during,
  state: 'Established',
  remoteGrMode: 'Restart',
  rBit: true,
  nBit: false,
  restartTimeRemaining: null,
  stalePathTimeRemaining: null,
  afs: [{ ...af, phase: 'none', stalePathRemaining: null, restartRemaining: null }],
};
const n = (gr: NeighborGrStatusLike | null) => ({
  router: 'tor',
  address: '10.0.1.10',
  node: 'node-1',
  remoteAs: 64513,
  gr,
});

describe('neighbors --format json (FRR gracefulRestartInfo naming)', () => {
  it('names address families as FRR JSON does', () => {
    expect(afJsonKey('ipv4-unicast')).toBe('ipv4Unicast');
    expect(afJsonKey('ipv6-unicast')).toBe('ipv6Unicast');
    expect(familyJsonKey('IPv4 Unicast')).toBe('ipv4Unicast');
  });

  it('during a restart: remaining restart and stale-path times, no R/N bits, no End-of-RIB lists', () => {
    const j = neighborJson(n(during));
    expect(j).toMatchObject({
      bgpState: 'Active',
      neighborCapabilities: {
        gracefulRestart: 'advertisedAndReceived',
        gracefulRestartRemoteTimerMsecs: 120_000,
        addressFamiliesByPeer: { ipv4Unicast: { preserved: true } },
      },
      gracefulRestartInfo: {
        gracefulRestartTimerSec: 110,
        gracefulStalepathTimerSec: 350,
        localGrMode: 'Restart',
        remoteGrMode: 'NotApplicable',
        timers: { configuredRestartTimer: 120, receivedRestartTimer: 120, restartTimerRemaining: 110 },
        ipv4Unicast: { fBit: true, timers: { stalePathTimer: 360, stalePathTimerRemaining: 350 } },
      },
      lastResetDueTo: 'tcp-closed',
    });
    const gr = j.gracefulRestartInfo as Record<string, unknown>;
    expect(gr).not.toHaveProperty('rBit');
    expect(gr).not.toHaveProperty('endOfRibSend');
  });

  it('established: R and N bits received, End-of-RIB per family, no remaining timers', () => {
    const gr = neighborJson(n(established)).gracefulRestartInfo as Record<string, unknown>;
    expect(gr).toMatchObject({
      rBit: true,
      nBit: false,
      endOfRibSend: { ipv4Unicast: true },
      endOfRibRecv: { ipv4Unicast: true },
      ipv4Unicast: { endOfRibStatus: { endOfRibSend: true, endOfRibSentAfterUpdate: false, endOfRibRecv: true } },
    });
    expect(gr).not.toHaveProperty('gracefulRestartTimerSec');
    expect((gr.timers as object) ?? {}).not.toHaveProperty('restartTimerRemaining');
  });

  it('groups neighbors by router and address; a router whose BGP process is down says so', () => {
    expect(neighborsJson(70, [n(during), { ...n(null), address: '10.0.1.11', node: 'node-2' }])).toMatchObject({
      atSeconds: 70,
      routers: { tor: { '10.0.1.10': { bgpState: 'Active' }, '10.0.1.11': { bgpState: 'Idle', bgpProcess: 'down' } } },
    });
  });
});
