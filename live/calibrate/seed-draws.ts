/**
 * Daemons that draw their connect delays from a generator seeded by the clock (GoBGP 3.10
 * pkg/server/fsm.go connectLoop: `r.Intn(tick)+tick` whole seconds, `rand.New(rand.NewSource(
 * time.Now().UnixNano()))`; BIRD proto/bgp/bgp.c bgp_start_timer: RFC 4271 §10 jitter) make one draw
 * per real run, of a distribution their profile models. One simulated run draws another, so a real
 * run is compared with SEED_DRAWS simulated ones (the scenario's seed first) and agrees when one of
 * them does: the comparison is then against the profile's range, not one value of it.
 */
import { buildWorldSpec, type Scenario } from '../../sim/index.js';

/** Enough draws to cover GoBGP's whole-second support (5 values) with near certainty (1 − 5·0.8³²). */
export const SEED_DRAWS = 32;

/** Whether the calibrated router (routers[0]) draws its connect delays: a range in its profile's timers. */
export function drawsConnectDelays(sc: Scenario): boolean {
  const built = buildWorldSpec(sc, sc.seed ?? 1);
  if (!built.ok) return false;
  const router = sc.routers[0]?.name;
  return built.spec.sessions.some((x) => {
    if (x.router !== router) return false;
    const t = x.routerSide.config.timers;
    return t.firstConnectDelay[0] < t.firstConnectDelay[1] || t.connectRetryJitter[0] < t.connectRetryJitter[1];
  });
}
