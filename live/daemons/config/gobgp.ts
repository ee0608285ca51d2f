/**
 * gobgpd.toml for GoBGP 3.10 (`gobgpd -f CONF -t toml --api-hosts 127.0.0.1:PORT`) from a scenario
 * router. Keys as in GoBGP 3.10 docs/sources/configuration.md and graceful-restart.md:
 * neighbors.graceful-restart.config {enabled, restart-time, helper-only, deferral-time,
 * notification-enabled, long-lived-enabled}, afi-safis mp-graceful-restart and
 * long-lived-graceful-restart {enabled, restart-time}. GoBGP has no stale-path timer (its
 * `stale-routes-time` is read by no timer), no BFD, and sets F only when started with -r.
 */
import { join } from 'node:path';
import { type ConfigProblem, commonProblems, type DaemonSession, type GeneratedConfig, refuse } from './session.js';

export const GOBGP_LOG = 'gobgpd.log';

export function gobgpConfig(s: DaemonSession): GeneratedConfig {
  const problems: ConfigProblem[] = commonProblems('gobgp', s);
  const bgp = s.router.bgp ?? {};
  const gr = bgp.gracefulRestart ?? {};
  const at = `${s.where}.bgp`;
  if (gr.stalePathTime !== undefined) {
    problems.push(
      refuse(
        `${at}.gracefulRestart.stalePathTime`,
        gr.stalePathTime,
        'GoBGP has no stale-path timer (`stale-routes-time` is read by nothing)',
      ),
    );
  }
  if (gr.preserveForwarding === true) {
    problems.push(
      refuse(
        `${at}.gracefulRestart.preserveForwarding`,
        true,
        'GoBGP sets F only when gobgpd is started with -r; no config knob sets it',
      ),
    );
  }
  if (bgp.connectDelay !== undefined) {
    problems.push(
      refuse(`${at}.connectDelay`, bgp.connectDelay, "GoBGP has no connect delay (BIRD's `connect delay time`)"),
    );
  }
  if (bgp.errorWaitTime !== undefined) {
    problems.push(
      refuse(`${at}.errorWaitTime`, bgp.errorWaitTime, "GoBGP has no error wait time (BIRD's `error wait time`)"),
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const q = (v: string) => JSON.stringify(v);
  const L: string[] = [
    '[global.config]',
    `  as = ${s.router.asn}`,
    `  router-id = ${q(s.routerAddress)}`,
    `  local-address-list = [${q(s.routerAddress)}]`,
  ];
  const grOn = gr.mode === 'restart' || gr.mode === 'helper';
  for (const n of s.neighbors) {
    L.push(
      '',
      '[[neighbors]]',
      '  [neighbors.config]',
      `    neighbor-address = ${q(n.address)}`,
      `    peer-as = ${n.asn}`,
    );
    L.push('  [neighbors.transport.config]', `    local-address = ${q(s.routerAddress)}`);
    if (bgp.holdTime !== undefined || bgp.keepaliveTime !== undefined || bgp.connectRetryTime !== undefined) {
      L.push('  [neighbors.timers.config]');
      if (bgp.holdTime !== undefined) L.push(`    hold-time = ${bgp.holdTime}`);
      if (bgp.keepaliveTime !== undefined) L.push(`    keepalive-interval = ${bgp.keepaliveTime}`);
      if (bgp.connectRetryTime !== undefined) L.push(`    connect-retry = ${bgp.connectRetryTime}`);
    }
    if (grOn) {
      L.push('  [neighbors.graceful-restart.config]', '    enabled = true');
      if (gr.mode === 'helper') L.push('    helper-only = true');
      if (gr.restartTime !== undefined) L.push(`    restart-time = ${gr.restartTime}`);
      if (gr.selectionDeferralTime !== undefined) L.push(`    deferral-time = ${gr.selectionDeferralTime}`);
      if (gr.notification === true) L.push('    notification-enabled = true');
      if (bgp.llgr?.enabled === true) L.push('    long-lived-enabled = true');
    }
    L.push('  [[neighbors.afi-safis]]', '    [neighbors.afi-safis.config]', '      afi-safi-name = "ipv4-unicast"');
    if (grOn) L.push('    [neighbors.afi-safis.mp-graceful-restart.config]', '      enabled = true');
    if (grOn && bgp.llgr?.enabled === true) {
      L.push('    [neighbors.afi-safis.long-lived-graceful-restart.config]', '      enabled = true');
      if (bgp.llgr.staleTime !== undefined) L.push(`      restart-time = ${bgp.llgr.staleTime}`);
    }
    if (bgp.maxPrefix !== undefined) {
      L.push('    [neighbors.afi-safis.prefix-limit.config]', `      max-prefixes = ${bgp.maxPrefix}`);
    }
  }
  if (!grOn && bgp.llgr?.enabled === true) {
    problems.push(
      refuse(`${at}.llgr.enabled`, true, 'GoBGP enables LLGR only with graceful restart (mode restart or helper)'),
    );
    return { ok: false, problems };
  }
  L.push('');
  return { ok: true, daemon: 'gobgp', file: join(s.dir, 'gobgpd.toml'), text: L.join('\n') };
}
