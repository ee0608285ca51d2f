/**
 * One-line summaries of BGP messages for the trace: what a trainer points at on the timeline, with
 * the clause that defines the message as sent (so the narration never re-parses the summary).
 */
import { assertNever } from '../base/assert.js';
import {
  CEASE_BFD_DOWN,
  CEASE_HARD_RESET,
  CEASE_OUT_OF_RESOURCES,
  ERR_CEASE,
  ERR_ROUTE_REFRESH,
  findCapability,
  isEndOfRib,
  type Message,
} from '../bgp/wire/index.js';

export interface MessageSummary {
  readonly kind: string;
  readonly detail: string;
  readonly clause: string;
}

/**
 * Summaries of UPDATEs and OPENs by message object: an update group's UPDATE is one object sent to
 * every peer of the group, the copies its receivers decode are one shared object too, and so is a
 * received OPEN, whose octets repeat on every connection (transport.ts); each is described once.
 * Messages are never altered once sent.
 */
const summaries = new WeakMap<Message, MessageSummary>();

export function summaryOf(m: Message): MessageSummary {
  if (m.type !== 'update' && m.type !== 'open') return describeMessage(m);
  let d = summaries.get(m);
  if (!d) {
    d = describeMessage(m);
    summaries.set(m, d);
  }
  return d;
}

export function describeMessage(m: Message): MessageSummary {
  switch (m.type) {
    case 'open': {
      const gr = findCapability(m.capabilities, 'graceful-restart');
      const llgr = findCapability(m.capabilities, 'llgr');
      const grText = gr
        ? ` GR R=${+gr.restartState} N=${+gr.notification} time=${gr.restartTime}s` +
          (gr.afis.length ? ` F=[${gr.afis.map((a) => +a.forwardingState).join(',')}]` : ' helper-only')
        : ' no-GR';
      const llgrText = llgr ? ` LLGR stale=[${llgr.afis.map((a) => a.staleTime).join(',')}]s` : '';
      // The capabilities the narration is about: GR (RFC 4724 §3), its N bit (RFC 8538 §2), LLGR
      // (RFC 9494 §3.1); an OPEN without them is plain RFC 4271 §4.2.
      const clauses = [
        ...(gr ? ['RFC 4724 §3'] : []),
        ...(gr?.notification ? ['RFC 8538 §2'] : []),
        ...(llgr ? ['RFC 9494 §3.1'] : []),
      ];
      return {
        kind: 'OPEN',
        detail: `AS ${m.myAs} hold ${m.holdTime}s${grText}${llgrText}`,
        clause: clauses.length ? clauses.join('; ') : 'RFC 4271 §4.2',
      };
    }
    case 'update': {
      const eor = isEndOfRib(m);
      if (eor) return { kind: 'End-of-RIB', detail: `AFI ${eor.afi} SAFI ${eor.safi}`, clause: 'RFC 4724 §2' };
      const adds = [...m.nlri, ...(m.attributes.mpReach?.nlri ?? [])];
      const wds = [...m.withdrawn, ...(m.attributes.mpUnreach?.withdrawn ?? [])];
      const parts: string[] = [];
      if (adds.length) parts.push(`announce ${adds.join(' ')}`);
      if (wds.length) parts.push(`withdraw ${wds.join(' ')}`);
      // Families other than IPv4 unicast travel in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760 §3, §4).
      const mp = [...(m.attributes.mpReach ? ['§3'] : []), ...(m.attributes.mpUnreach ? ['§4'] : [])];
      return {
        kind: 'UPDATE',
        detail: parts.join('; '),
        clause: `RFC 4271 §4.3${mp.length ? `; RFC 4760 ${mp.join(', ')}` : ''}`,
      };
    }
    case 'keepalive':
      return { kind: 'KEEPALIVE', detail: '', clause: 'RFC 4271 §4.4' };
    case 'notification':
      return { kind: 'NOTIFICATION', detail: `${m.code}/${m.subcode}`, clause: notificationClause(m.code, m.subcode) };
    case 'route-refresh':
      return {
        kind: 'ROUTE-REFRESH',
        detail: `AFI ${m.afi} SAFI ${m.safi}`,
        // RFC 7313 §3 makes the reserved octet a subtype (1 = BoRR, 2 = EoRR); 0 is RFC 2918's request.
        clause: m.subtype ? 'RFC 7313 §3' : 'RFC 2918 §3',
      };
    default:
      assertNever(m, 'message');
  }
}

/**
 * Where a NOTIFICATION's code is defined: RFC 4271 §6.1–§6.7 (the table of RFC 4271 §4.5), the
 * Cease subcodes of RFC 4486 §4, Hard Reset (RFC 8538 §3), BFD Down (RFC 9384 §2).
 */
function notificationClause(code: number, subcode: number): string {
  if (code === ERR_CEASE) {
    if (subcode === CEASE_HARD_RESET) return 'RFC 4271 §6.7; RFC 8538 §3';
    if (subcode === CEASE_BFD_DOWN) return 'RFC 4271 §6.7; RFC 9384 §2';
    if (subcode >= 1 && subcode <= CEASE_OUT_OF_RESOURCES) return 'RFC 4271 §6.7; RFC 4486 §4';
    return 'RFC 4271 §6.7';
  }
  if (code === ERR_ROUTE_REFRESH) return 'RFC 7313 §5';
  // Codes 1–5 are handled in §6.1, §6.2, §6.3, §6.5, §6.6 (§6.4, NOTIFICATION errors, has no code).
  const section = ({ 1: '6.1', 2: '6.2', 3: '6.3', 4: '6.5', 5: '6.6' } as Record<number, string>)[code];
  return section ? `RFC 4271 §4.5, §${section}` : 'RFC 4271 §4.5';
}
