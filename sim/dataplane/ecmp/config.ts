/**
 * Per-router ECMP configuration: which strategy and its parameters, validated at the boundary with
 * field paths (bad scenario input is a list of errors, never a throw), then built into a group.
 */
import { assertNever } from '../../base/assert.js';
import { ms, type Time } from '../../base/time.js';
import { ECMP_SCHEMES, type EcmpGroup, type EcmpScheme } from './group.js';
import { HashThresholdGroup } from './hash-threshold.js';
import { isPrime, MAGLEV_DEFAULT_TABLE_SIZE, MaglevGroup } from './maglev.js';
import { ModuloGroup } from './modulo.js';
import { RENDEZVOUS_DEFAULT_TABLE_SIZE, RendezvousGroup } from './rendezvous.js';
import { RESILIENT_DEFAULT_IDLE_TIMER, RESILIENT_DEFAULT_UNBALANCED_TIMER, ResilientGroup } from './resilient.js';

/** Scenario-facing config; timers in milliseconds as scenario files write them. */
export type EcmpConfig =
  | { readonly scheme: 'modulo' }
  | { readonly scheme: 'hash-threshold' }
  | {
      readonly scheme: 'resilient';
      readonly buckets: number;
      readonly idleTimerMs?: number;
      readonly unbalancedTimerMs?: number;
    }
  | { readonly scheme: 'maglev'; readonly tableSize?: number }
  | { readonly scheme: 'rendezvous'; readonly tableSize?: number };

export interface ConfigError {
  readonly path: string;
  readonly message: string;
}

export const ECMP_DEFAULTS = {
  resilientIdleTimer: RESILIENT_DEFAULT_IDLE_TIMER,
  resilientUnbalancedTimer: RESILIENT_DEFAULT_UNBALANCED_TIMER,
  maglevTableSize: MAGLEV_DEFAULT_TABLE_SIZE,
  rendezvousTableSize: RENDEZVOUS_DEFAULT_TABLE_SIZE,
} as const;

const isScheme = (x: unknown): x is EcmpScheme =>
  typeof x === 'string' && (ECMP_SCHEMES as readonly string[]).includes(x);

/** Checks an untrusted value; returns every error with its field path under `path`. */
export function validateEcmpConfig(x: unknown, path = 'ecmp'): ConfigError[] {
  const errors: ConfigError[] = [];
  if (typeof x !== 'object' || x === null) return [{ path, message: 'must be an object' }];
  const o = x as Record<string, unknown>;
  if (!isScheme(o.scheme)) {
    return [{ path: `${path}.scheme`, message: `must be one of ${ECMP_SCHEMES.join(', ')}` }];
  }
  const int = (key: string, lo: number, hi: number, required: boolean, missing?: string): void => {
    const v = o[key];
    if (v === undefined) {
      if (required) errors.push({ path: `${path}.${key}`, message: missing ?? 'is required' });
      return;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      errors.push({ path: `${path}.${key}`, message: `must be an integer in ${lo}..${hi}` });
    }
  };
  switch (o.scheme) {
    case 'modulo':
    case 'hash-threshold':
      break;
    case 'resilient':
      // The kernel rejects a resilient group without a bucket count: there is no default.
      int('buckets', 1, 65535, true, 'is required: number of buckets not specified for a resilient group');
      int('idleTimerMs', 0, 2 ** 31, false);
      int('unbalancedTimerMs', 0, 2 ** 31, false);
      break;
    case 'maglev':
      int('tableSize', 2, 2 ** 24, false);
      if (typeof o.tableSize === 'number' && !isPrime(o.tableSize)) {
        errors.push({ path: `${path}.tableSize`, message: 'must be prime (Maglev §3.4)' });
      }
      break;
    case 'rendezvous':
      int('tableSize', 1, 2 ** 24, false);
      break;
    default:
      assertNever(o.scheme, 'ecmp scheme');
  }
  return errors;
}

/** Builds the group for one router and prefix. `seed` is the router's hash salt. */
export function createEcmpGroup(config: EcmpConfig, seed: number, now: Time): EcmpGroup {
  switch (config.scheme) {
    case 'modulo':
      return new ModuloGroup();
    case 'hash-threshold':
      return new HashThresholdGroup();
    case 'resilient':
      return new ResilientGroup(
        {
          buckets: config.buckets,
          ...(config.idleTimerMs !== undefined && { idleTimer: ms(config.idleTimerMs) }),
          ...(config.unbalancedTimerMs !== undefined && { unbalancedTimer: ms(config.unbalancedTimerMs) }),
        },
        now,
      );
    case 'maglev':
      return new MaglevGroup({ seed, ...(config.tableSize !== undefined && { tableSize: config.tableSize }) });
    case 'rendezvous':
      return new RendezvousGroup({ seed, ...(config.tableSize !== undefined && { tableSize: config.tableSize }) });
    default:
      return assertNever(config, 'ecmp config');
  }
}
