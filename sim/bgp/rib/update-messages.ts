/**
 * Turns what the RIB decided to send one peer into UPDATE messages: one carrying the withdrawals,
 * then one per attribute set with its NLRI. IPv4 unicast uses the Withdrawn Routes and NLRI fields
 * (RFC 4271 §4.3); other families use MP_UNREACH_NLRI / MP_REACH_NLRI (RFC 4760 §3–§4). Messages are
 * not split to the 4096-octet limit here: that is the encoder's concern, and the count of routes
 * (the churn) does not depend on it.
 */
import type { PathAttributes, UpdateMessage } from '../wire/message.js';
import { afiSafiOf } from './family.js';
import type { PeerUpdate } from './rib.js';

export function toUpdateMessages(u: PeerUpdate): UpdateMessage[] {
  const msgs: UpdateMessage[] = [];
  const v4 = u.family === 'ipv4-unicast';
  const { afi, safi } = afiSafiOf(u.family);
  if (u.withdrawn.length > 0) {
    msgs.push(
      v4
        ? { type: 'update', withdrawn: [...u.withdrawn], attributes: {}, nlri: [] }
        : {
            type: 'update',
            withdrawn: [],
            attributes: { mpUnreach: { afi, safi, withdrawn: [...u.withdrawn] } },
            nlri: [],
          },
    );
  }
  for (const a of u.announced) {
    if (v4) {
      const { mpReach: _drop, ...rest } = a.attributes;
      msgs.push({ type: 'update', withdrawn: [], attributes: copy(rest), nlri: [...a.nlri] });
    } else {
      const attrs = copy(a.attributes);
      const nextHop = a.attributes.mpReach?.nextHop ?? a.attributes.nextHop ?? '';
      attrs.mpReach = { afi, safi, nextHop, nlri: [...a.nlri] };
      if (a.attributes.mpReach?.linkLocalNextHop)
        attrs.mpReach.linkLocalNextHop = a.attributes.mpReach.linkLocalNextHop;
      // RFC 4760 §3: the next hop of an MP route travels in MP_REACH_NLRI, not in NEXT_HOP.
      delete attrs.nextHop;
      msgs.push({ type: 'update', withdrawn: [], attributes: attrs, nlri: [] });
    }
  }
  return msgs;
}

/** A mutable copy, so the encoder or a test may not alter the RIB's shared (frozen) attributes. */
function copy(a: Readonly<PathAttributes>): PathAttributes {
  const out: PathAttributes = { ...a };
  if (a.asPath) out.asPath = a.asPath.map((s) => ({ type: s.type, asns: [...s.asns] }));
  if (a.communities) out.communities = [...a.communities];
  return out;
}
