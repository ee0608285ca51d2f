/**
 * Client workload: who connects (a population of client IPs and ephemeral ports, so the entropy a
 * 3-tuple or 5-tuple hash sees is a knob), when (Poisson arrivals), for how long (exponential,
 * lognormal or fixed durations) and how hard (per-connection packet rate and size). Every draw
 * takes the caller's `RandomSource`, in a fixed order, so a stream's draws do not depend on who
 * else draws.
 */
import { assertNever } from '../base/assert.js';
import { type Duration, s, type Time, us } from '../base/time.js';
import type { ConfigError } from './ecmp/config.js';
import { autoFlowLabel, type FlowKey, PROTO_TCP } from './flow-key.js';
import { type LifetimeLaw, lifetimeLaw } from './lifetime-law.js';
import type { RandomSource } from './random-source.js';

export type Distribution =
  | { readonly type: 'fixed'; readonly value: number }
  | { readonly type: 'exponential'; readonly mean: number }
  /** Parameters of the underlying normal: median e^mu. */
  | { readonly type: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly type: 'uniform'; readonly min: number; readonly max: number };

export const DISTRIBUTION_TYPES = ['fixed', 'exponential', 'lognormal', 'uniform'] as const;

export interface ClientPopulation {
  /** First client address (uint32); clients are firstIp … firstIp + count − 1. */
  readonly firstIp: number;
  readonly count: number;
  /** Ephemeral source ports, inclusive (Linux default 32768–60999). */
  readonly portMin: number;
  readonly portMax: number;
}

export interface Workload {
  readonly clients: ClientPopulation;
  readonly protocol?: number;
  /** IPv6 clients: each connection carries a flow label (flow-key.ts autoFlowLabel). */
  readonly ipv6?: boolean;
  /** The service address (the advertised prefix's IP) and port. */
  readonly dstIp: number;
  readonly dstPort: number;
  /** Mean new connections per second (Poisson). */
  readonly arrivalsPerSecond: number;
  /** Connection lifetime in seconds. */
  readonly durationS: Distribution;
  /**
   * Connections already open in a steady population (a scenario's initial connections): each one's
   * duration is its remaining life, the equilibrium residual of `durationS` (steadyResidual).
   */
  readonly steady?: boolean;
  readonly packetsPerSecond: Distribution;
  readonly packetBytes: Distribution;
}

/** One draw of a distribution. Lognormal uses Box–Muller on two uniforms (no cached spare). */
export function drawValue(d: Distribution, rng: RandomSource): number {
  switch (d.type) {
    case 'fixed':
      return d.value;
    case 'exponential':
      return -d.mean * Math.log(1 - rng.next());
    case 'lognormal': {
      const u1 = 1 - rng.next();
      const u2 = rng.next();
      return Math.exp(d.mu + d.sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    default:
      return assertNever(d, 'distribution');
  }
}

/**
 * The remaining life of a connection found open in a steady population of lifetimes `d`: the
 * forward recurrence time of renewal theory, density S(r)/E[D] (the same law as the age; Ross,
 * Stochastic Processes, §3.4). Exponential lifetimes are memoryless: the residual is a fresh draw.
 */
export function steadyResidual(d: Distribution, rng: RandomSource): number {
  if (d.type === 'exponential') return drawValue(d, rng);
  return lawOf(d).survivorAge(Number.POSITIVE_INFINITY, rng.next());
}

const laws = new WeakMap<Distribution, LifetimeLaw>();
/** A distribution's lifetime law, built once per distribution object. */
export function lawOf(d: Distribution): LifetimeLaw {
  let law = laws.get(d);
  if (law === undefined) laws.set(d, (law = lifetimeLaw(d)));
  return law;
}

/** Mean of a distribution (for sizing and for tests). */
export function meanOf(d: Distribution): number {
  switch (d.type) {
    case 'fixed':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'uniform':
      return (d.min + d.max) / 2;
    default:
      return assertNever(d, 'distribution');
  }
}

/** Time of the next arrival after `now`: exponential gap with mean 1/rate, whole microseconds. */
export function nextArrival(w: Workload, now: Time, rng: RandomSource): Time {
  const gapS = -Math.log(1 - rng.next()) / w.arrivalsPerSecond;
  return us(now + gapS * 1e6);
}

export interface ConnectionDraw {
  readonly key: FlowKey;
  readonly duration: Duration;
  readonly packetsPerSecond: number;
  readonly packetBytes: number;
}

/**
 * One connection's draws without its key object (the bulk path's per-arrival scratch). The same
 * draws in the same order as `drawConnection`, which is built on it.
 */
export interface ConnectionScratch {
  src: number;
  srcPort: number;
  duration: Duration;
  packetsPerSecond: number;
  packetBytes: number;
}

export const newConnectionScratch = (): ConnectionScratch => ({
  src: 0,
  srcPort: 0,
  duration: 1 as Duration,
  packetsPerSecond: 0,
  packetBytes: 1,
});

/** Draws one connection into `out`: client, port, duration, packet rate, packet size (in that order). */
export function drawConnectionInto(w: Workload, rng: RandomSource, out: ConnectionScratch): ConnectionScratch {
  const c = w.clients;
  out.src = (c.firstIp + Math.floor(rng.next() * c.count)) >>> 0;
  out.srcPort = c.portMin + Math.floor(rng.next() * (c.portMax - c.portMin + 1));
  const life = w.steady === true ? steadyResidual(w.durationS, rng) : drawValue(w.durationS, rng);
  out.duration = Math.max(1, Math.round(life * 1e6)) as Duration;
  out.packetsPerSecond = Math.max(0, drawValue(w.packetsPerSecond, rng));
  out.packetBytes = Math.min(65535, Math.max(1, Math.round(drawValue(w.packetBytes, rng))));
  return out;
}

/** The key of a drawn connection (its flow label derived from the 5-tuple for IPv6 clients). */
export function keyOfDraw(w: Workload, d: ConnectionScratch): FlowKey {
  const protocol = w.protocol ?? PROTO_TCP;
  const { src, srcPort } = d;
  return w.ipv6
    ? {
        protocol,
        src,
        dst: w.dstIp,
        srcPort,
        dstPort: w.dstPort,
        flowLabel: autoFlowLabel(protocol, src, w.dstIp, srcPort, w.dstPort),
      }
    : { protocol, src, dst: w.dstIp, srcPort, dstPort: w.dstPort };
}

/** Draws one connection: client, port, duration, packet rate, packet size (in that order). */
export function drawConnection(w: Workload, rng: RandomSource): ConnectionDraw {
  const d = drawConnectionInto(w, rng, newConnectionScratch());
  return {
    key: keyOfDraw(w, d),
    duration: d.duration,
    packetsPerSecond: d.packetsPerSecond,
    packetBytes: d.packetBytes,
  };
}

export const DEFAULT_PORT_RANGE = { portMin: 32768, portMax: 60999 } as const;
export const ONE_SECOND: Duration = s(1);

function validateDistribution(x: unknown, path: string, errors: ConfigError[]): void {
  if (typeof x !== 'object' || x === null) {
    errors.push({ path, message: 'must be a distribution object' });
    return;
  }
  const o = x as Record<string, unknown>;
  const num = (k: string, positive: boolean): void => {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || (positive ? v <= 0 : v < 0)) {
      errors.push({ path: `${path}.${k}`, message: positive ? 'must be a positive number' : 'must be ≥ 0' });
    }
  };
  switch (o.type) {
    case 'fixed':
      num('value', false);
      break;
    case 'exponential':
      num('mean', true);
      break;
    case 'lognormal':
      if (typeof o.mu !== 'number' || !Number.isFinite(o.mu))
        errors.push({ path: `${path}.mu`, message: 'must be a number' });
      num('sigma', false);
      break;
    case 'uniform':
      num('min', false);
      num('max', false);
      if (typeof o.min === 'number' && typeof o.max === 'number' && o.max < o.min) {
        errors.push({ path: `${path}.max`, message: 'must be ≥ min' });
      }
      break;
    default:
      errors.push({ path: `${path}.type`, message: `must be one of ${DISTRIBUTION_TYPES.join(', ')}` });
  }
}

/** Checks an untrusted workload; every error carries its field path. */
export function validateWorkload(x: unknown, path = 'workload'): ConfigError[] {
  const errors: ConfigError[] = [];
  if (typeof x !== 'object' || x === null) return [{ path, message: 'must be an object' }];
  const o = x as Record<string, unknown>;
  const c = o.clients as Record<string, unknown> | undefined;
  if (typeof c !== 'object' || c === null) errors.push({ path: `${path}.clients`, message: 'must be an object' });
  else {
    const int = (k: string, lo: number, hi: number): void => {
      const v = c[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
        errors.push({ path: `${path}.clients.${k}`, message: `must be an integer in ${lo}..${hi}` });
      }
    };
    int('firstIp', 0, 0xffffffff);
    int('count', 1, 0xffffffff);
    int('portMin', 0, 65535);
    int('portMax', 0, 65535);
    if (typeof c.portMin === 'number' && typeof c.portMax === 'number' && c.portMax < c.portMin) {
      errors.push({ path: `${path}.clients.portMax`, message: 'must be ≥ portMin' });
    }
  }
  if (typeof o.arrivalsPerSecond !== 'number' || !(o.arrivalsPerSecond > 0)) {
    errors.push({ path: `${path}.arrivalsPerSecond`, message: 'must be a positive number' });
  }
  validateDistribution(o.durationS, `${path}.durationS`, errors);
  validateDistribution(o.packetsPerSecond, `${path}.packetsPerSecond`, errors);
  validateDistribution(o.packetBytes, `${path}.packetBytes`, errors);
  return errors;
}
