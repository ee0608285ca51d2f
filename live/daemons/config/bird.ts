/**
 * bird.conf for BIRD 2.0.12 (`bird -c CONF -s SOCK -f`) from a scenario router. Options as in the
 * BIRD 2.0 user guide, BGP section: `graceful restart on|aware|off`, `graceful restart time`,
 * `graceful restart wait` (selection deferral), `long lived graceful restart on|aware|off`,
 * `long lived stale time`, `hold time`, `keepalive time`, `connect retry time`, `connect delay time`,
 * `error wait time`, channel `receive limit`. BIRD has no stale-path timer, no RFC 8538 (N bit) and
 * no F-bit setting (F only when started with -R): those knobs are refused.
 * Log: `timeformat log "%F %T.%3f"` for millisecond timestamps.
 */
import { join } from 'node:path';
import {
  type ConfigProblem,
  commonProblems,
  type DaemonSession,
  type GeneratedConfig,
  refuse,
  wholeSecondsOf,
} from './session.js';

export const BIRD_LOG = 'bird.log';
export const BIRD_SOCKET = 'bird.ctl';

/** BIRD protocol names may not contain dots or dashes everywhere: `speaker_10_0_1_11`. */
export const birdProtocolName = (address: string) => `speaker_${address.replaceAll('.', '_')}`;

export function birdConfig(s: DaemonSession): GeneratedConfig {
  const problems: ConfigProblem[] = commonProblems('bird', s);
  const bgp = s.router.bgp ?? {};
  const gr = bgp.gracefulRestart ?? {};
  const at = `${s.where}.bgp`;
  if (gr.stalePathTime !== undefined) {
    problems.push(
      refuse(`${at}.gracefulRestart.stalePathTime`, gr.stalePathTime, 'BIRD 2.0.12 has no stale-path timer'),
    );
  }
  if (gr.notification === true) {
    problems.push(
      refuse(
        `${at}.gracefulRestart.notification`,
        true,
        'BIRD 2.0.12 does not implement RFC 8538 (the N bit is always 0)',
      ),
    );
  }
  if (gr.preserveForwarding === true) {
    problems.push(
      refuse(
        `${at}.gracefulRestart.preserveForwarding`,
        true,
        'BIRD sets F only when started with -R; no config knob sets it',
      ),
    );
  }
  const secs = (path: string, micros: number | undefined): number | undefined => {
    if (micros === undefined) return undefined;
    const v = wholeSecondsOf(micros);
    if (v === null) problems.push(refuse(path, micros / 1e6, 'BIRD takes whole seconds'));
    return v ?? undefined;
  };
  const connectDelay = secs(`${at}.connectDelay`, bgp.connectDelay);
  const errorWait = bgp.errorWaitTime?.map((v, i) => secs(`${at}.errorWaitTime[${i}]`, v));
  if (problems.length > 0) return { ok: false, problems };

  const L: string[] = [
    `log "${join(s.dir, BIRD_LOG)}" all;`,
    'timeformat log "%F %T.%3f";',
    'timeformat protocol "%F %T.%3f";',
    'timeformat route "%F %T.%3f";',
    `router id ${s.routerAddress};`,
    'protocol device {}',
  ];
  if ((s.originate ?? []).length > 0) {
    L.push('protocol static originated {', '  ipv4;');
    for (const p of s.originate ?? []) L.push(`  route ${p} blackhole;`);
    L.push('}');
  }
  for (const n of s.neighbors) {
    L.push(`protocol bgp ${birdProtocolName(n.address)} {`);
    // packets: a `Sending KEEPALIVE` line per KEEPALIVE (proto/bgp/packets.c bgp_fire_tx), the
    // daemon's jittered keepalive draws the calibration replays (live/calibrate/replay.ts).
    L.push('  debug { states, routes, events, packets };');
    L.push(`  local ${s.routerAddress} as ${s.router.asn};`);
    L.push(`  neighbor ${n.address} as ${n.asn};`);
    // Addresses are /32s on lo, not a shared subnet: without multihop BIRD waits forever for a
    // directly connected neighbor ("Waiting for X to become my neighbor").
    L.push('  multihop;');
    // Listen on the router's address only, not 0.0.0.0:179, so other daemons in the namespace can bind.
    L.push('  strict bind yes;');
    L.push(`  graceful restart ${gr.mode === 'restart' ? 'on' : gr.mode === 'disable' ? 'off' : 'aware'};`);
    if (gr.restartTime !== undefined) L.push(`  graceful restart time ${gr.restartTime};`);
    if (gr.selectionDeferralTime !== undefined) L.push(`  graceful restart wait ${gr.selectionDeferralTime};`);
    if (bgp.llgr?.enabled === true) {
      L.push('  long lived graceful restart on;');
      if (bgp.llgr.staleTime !== undefined) L.push(`  long lived stale time ${bgp.llgr.staleTime};`);
    } else if (bgp.llgr?.enabled === false) {
      L.push('  long lived graceful restart off;');
    }
    if (bgp.holdTime !== undefined) L.push(`  hold time ${bgp.holdTime};`);
    if (bgp.keepaliveTime !== undefined) L.push(`  keepalive time ${bgp.keepaliveTime};`);
    if (bgp.connectRetryTime !== undefined) L.push(`  connect retry time ${bgp.connectRetryTime};`);
    if (connectDelay !== undefined) L.push(`  connect delay time ${connectDelay};`);
    if (errorWait !== undefined) L.push(`  error wait time ${errorWait[0]}, ${errorWait[1]};`);
    L.push('  ipv4 {', '    import all;', '    export all;');
    if (bgp.maxPrefix !== undefined) L.push(`    receive limit ${bgp.maxPrefix} action restart;`);
    L.push('  };', '}');
  }
  L.push('');
  return { ok: true, daemon: 'bird', file: join(s.dir, 'bird.conf'), text: L.join('\n') };
}
