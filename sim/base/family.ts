/**
 * The address families the simulator carries (IPv4 and IPv6 unicast), by name, and the family of a
 * prefix in text form. The RIBs (bgp/rib/family.ts) add the wire's AFI/SAFI codes; the replay and the
 * world use these names.
 */
export type Family = 'ipv4-unicast' | 'ipv6-unicast';

export const FAMILIES: readonly Family[] = ['ipv4-unicast', 'ipv6-unicast'];

/** The family of a prefix in text form (an IPv6 one has a colon). */
export const familyOfPrefix = (prefix: string): Family => (prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast');
