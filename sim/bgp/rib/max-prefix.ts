/**
 * Maximum-prefix limit (RFC 4486 §4): when a peer sends more prefixes of a family than configured,
 * the session is closed with Cease / Maximum Number of Prefixes Reached. The RIB only detects it and
 * reports it; the session machine sends the NOTIFICATION and tears down.
 */

import { CEASE_MAX_PREFIXES, ERR_CEASE, type NotificationMessage, notification } from '../wire/message.js';
import { afiSafiOf, type Family } from './family.js';

export interface MaxPrefixExceeded {
  readonly reason: 'max-prefix';
  readonly family: Family;
  readonly limit: number;
  /** The NOTIFICATION to send: Cease, subcode 1, data = AFI (2), SAFI (1), limit (4) (RFC 4486 §4). */
  readonly notification: NotificationMessage;
}

export function maxPrefixExceeded(family: Family, limit: number): MaxPrefixExceeded {
  const { afi, safi } = afiSafiOf(family);
  const data = new Uint8Array(7);
  const view = new DataView(data.buffer);
  view.setUint16(0, afi);
  view.setUint8(2, safi);
  view.setUint32(3, limit >>> 0);
  return { reason: 'max-prefix', family, limit, notification: notification(ERR_CEASE, CEASE_MAX_PREFIXES, data) };
}
