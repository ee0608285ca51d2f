/**
 * `stalepath explain`: the run narrated for teaching, one line per protocol step, each with the
 * RFC clause (or implementation behaviour) that explains it. KEEPALIVEs and BFD packets are left
 * out: they are the steady state, not the story.
 */
import { assertNever } from '../base/assert.js';
import type { WorldRecord } from '../world/index.js';
import { type RunOptions, runScenario } from './run.js';
import type { Scenario } from './schema.js';

export function explainRun(sc: Scenario, options: RunOptions = {}): string[] {
  const r = runScenario(sc, { ...options, keepTrace: true });
  const lines: string[] = [];
  for (const rec of r.world.sim.trace.records) {
    const text = narrate(rec);
    if (text) lines.push(`${stamp(rec.t)}  ${rec.subject.padEnd(16)} ${text}`);
  }
  return lines;
}

function stamp(t: number): string {
  return `${(t / 1e6).toFixed(6).padStart(12)} s`;
}

function narrate(r: WorldRecord): string | undefined {
  switch (r.type) {
    case 'fault':
      return `FAULT ${r.fault}: ${r.detail}`;
    case 'process':
      return `${r.what} ${r.state}`;
    case 'bgp-state':
      return `${r.from} → ${r.to} (${r.reason}) [${r.clause}]`;
    case 'bgp-message':
      if (r.message === 'KEEPALIVE') return undefined;
      return `${r.dir} ${r.message}${r.detail ? ` ${r.detail}` : ''}${r.message === 'End-of-RIB' ? ' [RFC 4724 §2]' : r.message === 'OPEN' ? ' [RFC 4724 §3]' : ''}`;
    case 'bgp-down':
      return `session down (${r.reason}): ${r.gr ? 'graceful restart applies (per address family below)' : 'no graceful restart, routes removed'} [${r.clause}]`;
    case 'gr':
      return `${r.action}${r.family ? ` ${r.family}` : ''} (${r.reason}) [${r.clause}]`;
    case 'explain':
      return `${r.text} [${r.clause}]`;
    case 'bfd-state':
      return `BFD ${r.from} → ${r.to} (${r.reason}, diag ${r.diag}) [RFC 5880 §6.8.6]`;
    case 'bfd-down-decision':
      return `BFD down → ${r.action} (${r.reason}) [${r.clause}]`;
    case 'fib':
      return `forwarding ${r.prefix} → ${r.nextHops.length ? r.nextHops.map((n, i) => `${n}${r.states[i] && r.states[i] !== 'fresh' ? `(${r.states[i]})` : ''}`).join(', ') : 'no route'}`;
    case 'ecmp-change':
      return `ECMP ${r.prefix}: ${(100 * r.movedFraction).toFixed(1)}% of the hash space moved, ${r.moved} connections moved, ${r.reset} reset`;
    case 'churn':
      return `sent upstream: ${r.updates} updates, ${r.withdrawals} withdrawals`;
    case 'resets':
      return `${r.count} connection${r.count === 1 ? '' : 's'} reset (${r.cause})`;
    default:
      assertNever(r, 'trace record');
  }
}
