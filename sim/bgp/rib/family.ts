/**
 * The address families the RIBs carry. Each family has its own Adj-RIBs-In, Loc-RIB and Adj-RIBs-Out
 * because Graceful Restart is negotiated and ended per AFI/SAFI (RFC 4724 §3, §4.2).
 */
import { FAMILIES, type Family, familyOfPrefix } from '../../base/family.js';
import { AFI_IPV4, AFI_IPV6, SAFI_UNICAST } from '../wire/message.js';

export { FAMILIES, type Family, familyOfPrefix };

/** The family of an (AFI, SAFI) pair, or undefined for one the RIB does not carry. */
export function familyOf(afi: number, safi: number): Family | undefined {
  if (safi !== SAFI_UNICAST) return undefined;
  if (afi === AFI_IPV4) return 'ipv4-unicast';
  if (afi === AFI_IPV6) return 'ipv6-unicast';
  return undefined;
}

export function afiSafiOf(family: Family): { afi: number; safi: number } {
  return family === 'ipv4-unicast' ? { afi: AFI_IPV4, safi: SAFI_UNICAST } : { afi: AFI_IPV6, safi: SAFI_UNICAST };
}
