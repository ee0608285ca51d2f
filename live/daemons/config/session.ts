/**
 * What a config generator is given: the scenario's router (its `bgp` settings), the neighbors it
 * peers with (the speakers) and the run's private directory. A knob the daemon does not have is a
 * ConfigProblem naming the field path, the value and why — never silently dropped.
 */
import type { Scenario } from '../../../sim/index.js';
import type { DaemonName } from '../preflight.js';

export type RouterConfig = Scenario['routers'][number];
export type RouterBgp = NonNullable<RouterConfig['bgp']>;

export interface Neighbor {
  readonly address: string;
  readonly asn: number;
}

export interface DaemonSession {
  readonly router: RouterConfig;
  /** Path of the router in the scenario file, for messages: `routers[0]`. */
  readonly where: string;
  readonly routerAddress: string;
  readonly neighbors: readonly Neighbor[];
  /** Prefixes the daemon itself originates (daemon-to-daemon tests; the router originates none in a scenario). */
  readonly originate?: readonly string[];
  /** The run's private directory: config, control sockets, pid file, log. */
  readonly dir: string;
}

export interface ConfigProblem {
  readonly path: string;
  readonly value: unknown;
  readonly rule: string;
}

export type GeneratedConfig =
  | { readonly ok: true; readonly daemon: DaemonName; readonly file: string; readonly text: string }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** The profile each installed daemon is compared with (FRR 8.4.4, BIRD 2.0.12, GoBGP 3.10.0). */
export const PROFILE_OF: Readonly<Record<DaemonName, string>> = {
  frr: 'frr-8.4',
  bird: 'bird-2.0',
  gobgp: 'gobgp-3.10',
};

export const VERSION_OF: Readonly<Record<DaemonName, string>> = {
  frr: 'FRR 8.4.4',
  bird: 'BIRD 2.0.12',
  gobgp: 'GoBGP 3.10.0',
};

export function formatProblem(p: ConfigProblem): string {
  return `${p.path}: ${JSON.stringify(p.value)}: ${p.rule}`;
}

/**
 * Problems every daemon shares: the router's profile must be the installed daemon's, BFD is off in
 * calibration (no BFD peer is played), and the model-only timings are not daemon settings.
 */
export function commonProblems(daemon: DaemonName, s: DaemonSession): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const bgp = s.router.bgp ?? {};
  const at = `${s.where}.bgp`;
  if (bgp.profile !== PROFILE_OF[daemon]) {
    problems.push({
      path: `${at}.profile`,
      value: bgp.profile ?? null,
      rule: `the installed ${VERSION_OF[daemon]} is described by profile "${PROFILE_OF[daemon]}"; a run against it compares with that profile only`,
    });
  }
  if (bgp.bfd?.enabled) {
    problems.push({
      path: `${at}.bfd.enabled`,
      value: true,
      rule: 'BFD is off in a daemon run (no BFD peer is played); set bfd.enabled to false or remove bfd',
    });
  }
  if (bgp.startupTime !== undefined) {
    problems.push({
      path: `${at}.startupTime`,
      value: bgp.startupTime,
      rule: `a model parameter: ${VERSION_OF[daemon]} has its own start-up, it cannot be configured`,
    });
  }
  if (bgp.initialUpdateDelay !== undefined) {
    problems.push({
      path: `${at}.initialUpdateDelay`,
      value: bgp.initialUpdateDelay,
      rule: `a model parameter: ${VERSION_OF[daemon]} has no setting for the delay to its initial UPDATEs`,
    });
  }
  return problems;
}

export const refuse = (path: string, value: unknown, rule: string): ConfigProblem => ({ path, value, rule });

/** µs (the scenario's duration unit) → whole seconds, or a problem when it is not whole. */
export function wholeSecondsOf(micros: number): number | null {
  const secs = micros / 1e6;
  return Number.isInteger(secs) ? secs : null;
}
