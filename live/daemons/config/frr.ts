/**
 * bgpd.conf for FRR 8.4.4 (`/usr/lib/frr/bgpd -Z -f CONF --vty_socket DIR`) from a scenario router.
 * Commands as in FRR 8.4 doc/user/bgp.rst: `bgp graceful-restart` (restart mode), the global helper
 * default, `bgp graceful-restart-disable`, `restart-time`, `stalepath-time`, `select-defer-time`,
 * `preserve-fw-state`, `bgp graceful-restart notification` (RFC 8538),
 * `bgp long-lived-graceful-restart stale-time`, `neighbor X timers KA HOLD`, `timers connect`.
 * Logs go to a file with millisecond timestamps (`log timestamp precision 3`).
 */
import { join } from 'node:path';
import { type ConfigProblem, commonProblems, type DaemonSession, type GeneratedConfig, refuse } from './session.js';

export const FRR_LOG = 'bgpd.log';

export function frrConfig(s: DaemonSession): GeneratedConfig {
  const problems: ConfigProblem[] = commonProblems('frr', s);
  const bgp = s.router.bgp ?? {};
  const at = `${s.where}.bgp`;
  if (bgp.connectDelay !== undefined) {
    problems.push(
      refuse(`${at}.connectDelay`, bgp.connectDelay, "FRR has no connect delay (BIRD's `connect delay time`)"),
    );
  }
  if (bgp.errorWaitTime !== undefined) {
    problems.push(
      refuse(`${at}.errorWaitTime`, bgp.errorWaitTime, "FRR has no error wait time (BIRD's `error wait time`)"),
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const gr = bgp.gracefulRestart ?? {};
  const L: string[] = [
    'frr version 8.4.4',
    'frr defaults traditional',
    `hostname ${s.router.name}`,
    `log file ${join(s.dir, FRR_LOG)} debugging`,
    'log timestamp precision 3',
    'debug bgp neighbor-events',
    'debug bgp graceful-restart',
    'debug bgp updates in',
    '!',
    `router bgp ${s.router.asn}`,
    ` bgp router-id ${s.routerAddress}`,
    ' no bgp ebgp-requires-policy',
    ' no bgp network import-check',
  ];
  if (gr.mode === 'restart') L.push(' bgp graceful-restart');
  if (gr.mode === 'disable') L.push(' bgp graceful-restart-disable');
  if (gr.restartTime !== undefined) L.push(` bgp graceful-restart restart-time ${gr.restartTime}`);
  if (gr.stalePathTime !== undefined) L.push(` bgp graceful-restart stalepath-time ${gr.stalePathTime}`);
  if (gr.selectionDeferralTime !== undefined)
    L.push(` bgp graceful-restart select-defer-time ${gr.selectionDeferralTime}`);
  if (gr.preserveForwarding === true) L.push(' bgp graceful-restart preserve-fw-state');
  if (gr.notification === true) L.push(' bgp graceful-restart notification');
  if (gr.notification === false) L.push(' no bgp graceful-restart notification');
  if (bgp.llgr?.enabled === true) L.push(` bgp long-lived-graceful-restart stale-time ${bgp.llgr.staleTime ?? 0}`);
  for (const n of s.neighbors) {
    L.push(` neighbor ${n.address} remote-as ${n.asn}`);
    L.push(` neighbor ${n.address} update-source ${s.routerAddress}`);
    if (bgp.holdTime !== undefined || bgp.keepaliveTime !== undefined) {
      const hold = bgp.holdTime ?? (bgp.keepaliveTime ?? 60) * 3;
      const ka = bgp.keepaliveTime ?? Math.floor(hold / 3);
      L.push(` neighbor ${n.address} timers ${ka} ${hold}`);
    }
    if (bgp.connectRetryTime !== undefined) L.push(` neighbor ${n.address} timers connect ${bgp.connectRetryTime}`);
  }
  L.push(' !', ' address-family ipv4 unicast');
  for (const p of s.originate ?? []) L.push(`  network ${p}`);
  for (const n of s.neighbors) {
    L.push(`  neighbor ${n.address} activate`);
    if (bgp.maxPrefix !== undefined) L.push(`  neighbor ${n.address} maximum-prefix ${bgp.maxPrefix}`);
  }
  L.push(' exit-address-family', 'exit', '!', 'line vty', '!', '');
  return { ok: true, daemon: 'frr', file: join(s.dir, 'bgpd.conf'), text: L.join('\n') };
}
