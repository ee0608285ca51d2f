/** One-line summaries of BGP messages for the trace: what a trainer points at on the timeline. */
import { assertNever } from '../base/assert.js';
import { findCapability, isEndOfRib, type Message } from '../bgp/wire/index.js';

export function describeMessage(m: Message): { kind: string; detail: string } {
  switch (m.type) {
    case 'open': {
      const gr = findCapability(m.capabilities, 'graceful-restart');
      const llgr = findCapability(m.capabilities, 'llgr');
      const grText = gr
        ? ` GR R=${+gr.restartState} N=${+gr.notification} time=${gr.restartTime}s` +
          (gr.afis.length ? ` F=[${gr.afis.map((a) => +a.forwardingState).join(',')}]` : ' helper-only')
        : ' no-GR';
      const llgrText = llgr ? ` LLGR stale=[${llgr.afis.map((a) => a.staleTime).join(',')}]s` : '';
      return { kind: 'OPEN', detail: `AS ${m.myAs} hold ${m.holdTime}s${grText}${llgrText}` };
    }
    case 'update': {
      const eor = isEndOfRib(m);
      if (eor) return { kind: 'End-of-RIB', detail: `AFI ${eor.afi} SAFI ${eor.safi}` };
      const adds = [...m.nlri, ...(m.attributes.mpReach?.nlri ?? [])];
      const wds = [...m.withdrawn, ...(m.attributes.mpUnreach?.withdrawn ?? [])];
      const parts: string[] = [];
      if (adds.length) parts.push(`announce ${adds.join(' ')}`);
      if (wds.length) parts.push(`withdraw ${wds.join(' ')}`);
      return { kind: 'UPDATE', detail: parts.join('; ') };
    }
    case 'keepalive':
      return { kind: 'KEEPALIVE', detail: '' };
    case 'notification':
      return { kind: 'NOTIFICATION', detail: `${m.code}/${m.subcode}` };
    case 'route-refresh':
      return { kind: 'ROUTE-REFRESH', detail: `AFI ${m.afi} SAFI ${m.safi}` };
    default:
      assertNever(m, 'message');
  }
}
