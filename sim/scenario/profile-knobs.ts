/**
 * Knobs an implementation does not have (review item 13): a scenario may not configure, on a
 * profile, a feature that implementation lacks (gr-reference §2.3, §2.8).
 *
 * - BFD on a profile without BFD (GoBGP) is an error: the pair would run a BFD the daemon does not
 *   have.
 * - A stale-path time on a profile without a stale-path timer (BIRD, GoBGP) is never applied (the
 *   profile resolver drops it) and is reported as a warning where the scenario writes it for that
 *   profile. It is not an error: the timer's absence is the behaviour being modelled, and GoBGP
 *   itself accepts `stale-routes-time` and never uses it. A value inherited from a wider layer
 *   written for another profile (the scenario-wide `speaker` on FRR, one node on GoBGP) is
 *   dropped without a word: it was a default for the others, not a choice for this one.
 *
 * The side's layers are the ones scenario/build merges: `speaker`, `routers[i].speaker`,
 * `nodes[j].speaker` for the speaker side; `routers[i].bgp` for the router side.
 */
import { getProfile } from '../bgp/profile/index.js';
import type { BgpSideConfig, Scenario } from './schema.js';

type Layer = readonly [path: string, config: BgpSideConfig | undefined];

export interface KnobIssues {
  readonly errors: string[];
  readonly warnings: string[];
}

/** A duration (µs) or a pair of them as the user reads them. */
const seconds = (v: number | readonly number[]): string =>
  typeof v === 'number' ? `${v / 1e6} s` : v.map((x) => `${x / 1e6} s`).join(', ');

/** scenario/build's default when no layer names a profile. */
const DEFAULT_PROFILE = 'frr';

export function knobIssues(sc: Scenario): KnobIssues {
  const errors = new Set<string>();
  const warnings = new Set<string>();
  const side = (layers: readonly Layer[]) => {
    const lastWith = (has: (c: BgpSideConfig) => boolean) => {
      for (let i = layers.length - 1; i >= 0; i--) {
        const c = layers[i][1];
        if (c && has(c)) return i;
      }
      return -1;
    };
    const profileAt = lastWith((c) => c.profile !== undefined);
    const name = profileAt >= 0 ? layers[profileAt][1]!.profile! : DEFAULT_PROFILE;
    const profile = getProfile(name);
    if (!profile) return; // reported by the profile-name check
    const label = name === profile.profile ? `"${name}"` : `"${name}" (${profile.profile})`;

    const bfdAt = lastWith((c) => c.bfd !== undefined);
    if (bfdAt >= 0 && layers[bfdAt][1]!.bfd!.enabled && !profile.traits.bfd) {
      const from = profileAt > bfdAt ? ` (the profile is chosen by ${layers[profileAt][0]}.profile)` : '';
      errors.add(
        `${layers[bfdAt][0]}.bfd: BFD is enabled, but profile ${label} has no BFD${from} (gr-reference §2.8); remove it or set "enabled": false`,
      );
    }

    // BIRD's connect delay and error wait are bird.conf options; FRR and GoBGP have no such knob.
    for (const knob of ['connectDelay', 'errorWaitTime'] as const) {
      const at = lastWith((c) => c[knob] !== undefined);
      if (at >= 0 && at >= profileAt && !profile.traits.connectDelayKnobs) {
        errors.add(
          `${layers[at][0]}.${knob}: ${seconds(layers[at][1]![knob]!)} cannot be applied: profile ${label} has no such setting (BIRD's \`${knob === 'connectDelay' ? 'connect delay time' : 'error wait time'}\` only)`,
        );
      }
    }

    const idleAt = lastWith((c) => c.idleHoldTime !== undefined);
    if (idleAt >= 0 && idleAt >= profileAt && !profile.traits.idleHoldKnob) {
      errors.add(
        `${layers[idleAt][0]}.idleHoldTime: ${seconds(layers[idleAt][1]!.idleHoldTime!)} cannot be applied: profile ${label} has no idle-hold setting (RFC 4271 §8.1.1; the "rfc" profile only)`,
      );
    }

    const staleAt = lastWith((c) => c.gracefulRestart?.stalePathTime !== undefined);
    if (staleAt >= 0 && staleAt >= profileAt && !profile.traits.stalePathTimer) {
      const v = layers[staleAt][1]!.gracefulRestart!.stalePathTime;
      warnings.add(
        `${layers[staleAt][0]}.gracefulRestart.stalePathTime: ${v} is ignored: profile ${label} has no stale-path timer (gr-reference §2.3: stale routes wait for End-of-RIB or the restart timer)`,
      );
    }
  };
  sc.routers.forEach((r, ri) => {
    side([[`routers[${ri}].bgp`, r.bgp]]);
    sc.nodes.forEach((n, ni) => {
      side([
        ['speaker', sc.speaker],
        [`routers[${ri}].speaker`, r.speaker],
        [`nodes[${ni}].speaker`, n.speaker],
      ]);
    });
  });
  return { errors: [...errors], warnings: [...warnings] };
}
