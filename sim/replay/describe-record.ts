/**
 * One line per trace record, with the RFC clause where the record carries one: the explain text
 * shown for the event under the UI's cursor (the same facts `stalepath explain` prints).
 */
import { assertNever } from '../base/assert.js';
import type { WorldRecord } from '../world/records.js';

export interface RecordText {
  readonly text: string;
  readonly clause: string;
}

export function describeRecord(r: WorldRecord): RecordText {
  switch (r.type) {
    case 'fault':
      return { text: `fault ${r.fault}: ${r.detail}`, clause: '' };
    case 'process':
      return { text: `${r.what} ${r.state}`, clause: '' };
    case 'bgp-state':
      return { text: `BGP ${r.from} → ${r.to} (${r.reason})`, clause: r.clause };
    case 'bgp-message':
      return { text: `${r.dir} ${r.message}${r.detail ? ` ${r.detail}` : ''}`, clause: '' };
    case 'bgp-down':
      return { text: `session down (${r.reason})${r.gr ? ', graceful restart' : ''}`, clause: r.clause };
    case 'gr':
      return { text: `GR ${r.action}${r.family ? ` ${r.family}` : ''} (${r.reason})`, clause: r.clause };
    case 'explain':
      return { text: r.text, clause: r.clause };
    case 'bfd-state':
      return { text: `BFD ${r.from} → ${r.to} (${r.reason}, diag ${r.diag})`, clause: bfdClause(r.reason) };
    case 'bfd-down-decision':
      return { text: `BFD down → ${r.action} (${r.reason})`, clause: r.clause };
    case 'fib':
      return { text: `FIB ${r.prefix} → ${r.nextHops.join(', ') || 'no next hop'}`, clause: '' };
    case 'ecmp-change':
      return {
        text: `ECMP ${r.prefix}: ${(r.movedFraction * 100).toFixed(1)}% of flows moved, ${r.reset} reset`,
        clause: '',
      };
    case 'resets':
      return { text: `${r.count} connections reset (${r.cause})`, clause: '' };
    case 'churn':
      return { text: `${r.updates} updates, ${r.withdrawals} withdrawals sent upstream`, clause: '' };
    default:
      return assertNever(r);
  }
}

/** Records worth stopping at when stepping: everything but routine KEEPALIVEs. */
export function isNotableRecord(r: WorldRecord): boolean {
  return !(r.type === 'bgp-message' && r.message === 'KEEPALIVE');
}

/** RFC 5880: detection-time expiry is §6.8.4; transitions on a received packet follow §6.8.6. */
function bfdClause(reason: string): string {
  if (reason === 'detection-time-expired') return 'RFC 5880 §6.8.4';
  if (reason.startsWith('received-')) return 'RFC 5880 §6.8.6';
  return '';
}
