/**
 * Profile names and config resolution: a peer names a profile (unversioned names point at the
 * newest version) and overrides any field; the result is fully specified, or a list of errors
 * with field paths.
 */

import { bird20Profile, bird213Profile, birdProfile } from './bird.js';
import { aristaEosProfile, ciscoIosXeProfile, ciscoIosXrProfile, junosProfile, openbgpdProfile } from './documented.js';
import { frr84Profile, frr105Profile, frr107Profile, frr1051Profile, frrMasterProfile, metallbProfile } from './frr.js';
import { gobgp48Profile, gobgp310Profile, gobgp325Profile, gobgp334Profile, gobgp337Profile } from './gobgp.js';
import { deepMerge } from './merge.js';
import type { PeerConfigInput, Profile, ResolvedPeerConfig } from './profile.js';
import { rfcProfile } from './rfc.js';

const ALL: readonly Profile[] = [
  rfcProfile,
  frr84Profile,
  frr1051Profile,
  frr105Profile,
  frr107Profile,
  frrMasterProfile,
  metallbProfile,
  birdProfile,
  bird20Profile,
  bird213Profile,
  gobgp310Profile,
  gobgp325Profile,
  gobgp334Profile,
  gobgp337Profile,
  gobgp48Profile,
  ciscoIosXeProfile,
  ciscoIosXrProfile,
  junosProfile,
  aristaEosProfile,
  openbgpdProfile,
];

/** Unversioned names → newest version. */
export const PROFILE_ALIASES: Readonly<Record<string, string>> = {
  frr: 'frr-10.7',
  bird: 'bird-2.19',
  gobgp: 'gobgp-4.8',
};

export const PROFILES: ReadonlyMap<string, Profile> = new Map(ALL.map((p) => [p.profile, p]));

export function profileNames(): string[] {
  return [...Object.keys(PROFILE_ALIASES), ...PROFILES.keys()];
}

export function getProfile(name: string): Profile | undefined {
  return PROFILES.get(PROFILE_ALIASES[name] ?? name);
}

/** GoBGP advertises a Restart Time equal to the configured hold time unless set (gr-reference §2.3). */
const RESTART_TIME_FOLLOWS_HOLD = new Set(['gobgp-3.10', 'gobgp-3.25', 'gobgp-3.34', 'gobgp-3.37', 'gobgp-4.8']);
/** Helper-only implementations: never a restarting speaker with forwarding kept. */
const HELPER_ONLY = new Set(['openbgpd']);

export interface ConfigError {
  readonly path: string;
  readonly message: string;
}

export type ResolveResult =
  | { readonly ok: true; readonly config: ResolvedPeerConfig }
  | { readonly ok: false; readonly errors: readonly ConfigError[] };

export function resolvePeerConfig(input: PeerConfigInput = {}): ResolveResult {
  const name = input.profile ?? 'rfc';
  const base = getProfile(name);
  if (!base) return { ok: false, errors: [{ path: 'profile', message: `unknown profile "${name}"` }] };
  const { profile: _ignored, ...overrides } = input;
  let config = deepMerge(base, overrides);
  // FRR `peer->holdtime` is set only by `neighbor X timers` (bgpd/bgpd.c peer_timers_set): the BFD
  // strict hold timer depends on whether the neighbor has its own timers (gr-reference §2.8).
  const holdTimeConfigured =
    input.timers?.holdTimeConfigured ??
    (input.timers?.holdTime !== undefined || input.timers?.keepaliveTime !== undefined);
  config = deepMerge(config, { timers: { holdTimeConfigured } });
  // A knob the implementation does not have is never applied (scenario/load reports it).
  if (!base.traits.stalePathTimer) config = deepMerge(config, { gr: { stalePathTime: null } });
  if (RESTART_TIME_FOLLOWS_HOLD.has(base.profile) && input.gr?.restartTime === undefined) {
    config = deepMerge(config, { gr: { restartTime: Math.min(4095, config.timers.holdTime) } });
  }
  const errors = validate(config, HELPER_ONLY.has(base.profile));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}

/** Resolve or throw: for tests and code that builds configs it knows are valid. */
export function mustResolve(input: PeerConfigInput = {}): ResolvedPeerConfig {
  const r = resolvePeerConfig(input);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.config;
}

function validate(c: ResolvedPeerConfig, helperOnly: boolean): ConfigError[] {
  const errors: ConfigError[] = [];
  const int = (path: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) errors.push({ path, message: `must be an integer in ${lo}..${hi}` });
  };
  // RFC 4271 §4.2: Hold Time MUST be either zero or at least three seconds.
  int('timers.holdTime', c.timers.holdTime, 0, 65535);
  if (c.timers.holdTime === 1 || c.timers.holdTime === 2) {
    errors.push({ path: 'timers.holdTime', message: 'must be 0 or at least 3 seconds (RFC 4271 §4.2)' });
  }
  if (c.timers.keepaliveTime < 0) errors.push({ path: 'timers.keepaliveTime', message: 'must be ≥ 0' });
  if (c.timers.connectRetryTime <= 0) errors.push({ path: 'timers.connectRetryTime', message: 'must be > 0' });
  // RFC 4724 §3: Restart Time is 12 bits.
  int('gr.restartTime', c.gr.restartTime, 0, 4095);
  if (c.gr.stalePathTime !== null) int('gr.stalePathTime', c.gr.stalePathTime, 1, 4095);
  int('gr.selectionDeferralTime', c.gr.selectionDeferralTime, 0, 3600);
  // RFC 9494 §3.1: the Long-Lived Stale Time is 24 bits.
  int('llgr.staleTime', c.llgr.staleTime, 0, 0xffffff);
  if (helperOnly && c.gr.mode === 'restart') {
    errors.push({
      path: 'gr.mode',
      message: `${c.profile} is a GR helper only; it never restarts with forwarding kept`,
    });
  }
  if (helperOnly && c.gr.preserveForwarding) {
    errors.push({ path: 'gr.preserveForwarding', message: `${c.profile} never preserves forwarding across a restart` });
  }
  if (c.afiSafis.length === 0) errors.push({ path: 'afiSafis', message: 'at least one address family' });
  const fwd = c.gr.forwardingAfiSafis;
  if (
    fwd !== null &&
    !c.traits.forwardingPerFamily &&
    c.afiSafis.some((a) => !fwd.some((x) => x.afi === a.afi && x.safi === a.safi))
  ) {
    errors.push({
      path: 'gr.preserveForwarding',
      message: `${c.profile} sets one F bit for every address family; a per-family list needs a profile with per-family forwarding (e.g. "rfc")`,
    });
  }
  return errors;
}
