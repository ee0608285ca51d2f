/**
 * Connection collision resolution (RFC 4271 §6.8): of two connections between the same pair of
 * speakers, the one initiated by the speaker with the higher BGP Identifier survives; with equal
 * Identifiers, the one initiated by the speaker with the larger AS number (RFC 6286 §2.3). Both
 * ends compute the same answer, so one connection survives on both sides. FRR: bgpd/bgp_packet.c
 * bgp_collision_detect (compares local_id with the OPEN's remote_id as host-order integers).
 */
import { ipv4ToNumber } from '../rib/address.js';

/** Whether the connection we initiated survives a collision with the peer's. */
export function keepsLocallyInitiated(localId: string, localAs: number, remoteId: string, remoteAs: number): boolean {
  const l = ipv4ToNumber(localId);
  const r = ipv4ToNumber(remoteId);
  return l > r || (l === r && localAs > remoteAs);
}
