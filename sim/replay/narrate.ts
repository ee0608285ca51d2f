/**
 * The one narration of trace records: the sentence and RFC clause `stalepath explain` prints for
 * a record and the UI shows for the event under its cursor. Clauses come from the records (the
 * machines decide them, message-summary.ts cites each BGP message); nothing here re-parses a
 * summary. KEEPALIVEs (one by one or as a steady span) are left out: they are the steady state, not the story.
 */
import { assertNever } from '../base/assert.js';
import { STEADY_STATE } from '../base/reasons.js';
import type { WorldRecord } from '../world/records.js';

export interface Narration {
  readonly text: string;
  /** The RFC clause or implementation behaviour that explains the step; '' when none applies. */
  readonly clause: string;
}

/** Records worth telling (and stopping at when stepping): everything but routine KEEPALIVEs. */
export function isNotableRecord(r: WorldRecord): boolean {
  return !((r.type === 'bgp-message' && r.message === 'KEEPALIVE') || r.type === 'bgp-keepalive-span');
}

/** The sentence for a record, or undefined for a record not told (see isNotableRecord). */
export function narrate(r: WorldRecord): Narration | undefined {
  if (!isNotableRecord(r)) return undefined;
  return tell(r);
}

/** A narration as one line of text: the sentence, then its clause in brackets. */
export function narrationText(n: Narration): string {
  return n.clause ? `${n.text} [${n.clause}]` : n.text;
}

function tell(r: WorldRecord): Narration {
  switch (r.type) {
    case 'fault':
      return plain(`FAULT ${r.fault}: ${r.detail}`);
    case 'process':
      return plain(`${r.what} ${r.state}`);
    case 'bgp-state':
      if (r.reason === STEADY_STATE)
        return plain(`BGP ${r.to} since before t = 0${r.peerOpen ? ` (peer's OPEN: ${r.peerOpen})` : ''}`);
      return { text: `BGP ${r.from} → ${r.to} (${r.reason})`, clause: r.clause };
    case 'bgp-message':
      return { text: `${r.dir} ${r.message}${r.detail ? ` ${r.detail}` : ''}`, clause: r.clause };
    case 'bgp-down':
      return {
        text: `session down (${r.reason}): ${r.gr ? 'graceful restart applies (per address family below)' : 'no graceful restart, routes removed'}`,
        clause: r.clause,
      };
    case 'gr':
      return { text: `${r.action}${r.family ? ` ${r.family}` : ''} (${r.reason})`, clause: r.clause };
    case 'explain':
      return { text: r.text, clause: r.clause };
    case 'bfd-state':
      if (r.reason === STEADY_STATE) return plain(`BFD ${r.to} since before t = 0`);
      return { text: `BFD ${r.from} → ${r.to} (${r.reason}, diag ${r.diag})`, clause: r.clause };
    case 'bfd-down-decision':
      return { text: `BFD down → ${r.action} (${r.reason})`, clause: r.clause };
    case 'fib':
      return plain(`forwarding ${r.prefix} → ${fibHops(r.nextHops, r.states)}`);
    case 'ecmp-change':
      return plain(
        `ECMP ${r.prefix}: ${(100 * r.movedFraction).toFixed(1)}% of the hash space moved, ${r.moved} connections moved${r.reset > 0 ? `, ${r.reset} reset` : ''} (each one's next packet decides whether it is reset)`,
      );
    case 'churn':
      return plain(`sent upstream: ${r.updates} updates, ${r.withdrawals} withdrawals`);
    case 'totals':
      return plain(
        `end of run: ${r.started} connections started, ${r.reset} reset; ${r.delivered} packets delivered, ${r.lost} lost`,
      );
    case 'bgp-keepalive-span':
      // Expanded on demand (sim/world/keepalive-span.ts keepaliveRecords): one "sent KEEPALIVE" each.
      return plain(
        `sent ${r.count} KEEPALIVE${r.count === 1 ? '' : 's'}, every ${r.period / 1e6} s from t = ${r.first / 1e6} s`,
      );
    case 'resets':
      return plain(`${r.count} connection${r.count === 1 ? '' : 's'} reset (${r.cause})`);
    default:
      return assertNever(r, 'trace record');
  }
}

function plain(text: string): Narration {
  return { text, clause: '' };
}

/** Next hops with the state of any path that is not fresh: `10.0.1.12(stale), 10.0.1.13`. */
function fibHops(nextHops: readonly string[], states: readonly string[]): string {
  if (nextHops.length === 0) return 'no route';
  return nextHops.map((n, i) => (states[i] && states[i] !== 'fresh' ? `${n}(${states[i]})` : n)).join(', ');
}
