/**
 * BGP message model: the typed form of every message the codec reads and writes.
 *
 * Messages are plain objects (discriminated on `type`) so machines can build them as literals;
 * `encode`/`decode` in `codec.ts` turn them into RFC 4271 octets and back. Prefixes are CIDR strings
 * in canonical form ('10.0.0.0/24', '2001:db8::/64'); ASNs are always the real 4-octet number — the
 * codec substitutes AS_TRANS where the wire needs 2 octets (RFC 6793).
 *
 * Implements the message shapes of RFC 4271 §4, RFC 4760 (MP_REACH/MP_UNREACH), RFC 1997
 * (COMMUNITIES), RFC 5492 (capabilities), RFC 6793 (4-octet AS), RFC 4724 + RFC 8538 (GR capability,
 * End-of-RIB), RFC 9494 (LLGR capability and communities), RFC 2918 (ROUTE-REFRESH), RFC 4486 and
 * RFC 8538 §3 (Cease subcodes, Hard Reset).
 */

// ---------------------------------------------------------------------------------------------
// Framing and message types (RFC 4271 §4.1)

export const BGP_VERSION = 4;
export const HEADER_LENGTH = 19;
export const MIN_MESSAGE_LENGTH = 19;
export const MAX_MESSAGE_LENGTH = 4096;
/** RFC 6793 §2: the 2-octet stand-in for an ASN above 65535. */
export const AS_TRANS = 23456;

export const MSG_OPEN = 1;
export const MSG_UPDATE = 2;
export const MSG_NOTIFICATION = 3;
export const MSG_KEEPALIVE = 4;
export const MSG_ROUTE_REFRESH = 5;

// ---------------------------------------------------------------------------------------------
// Address families (RFC 4760, IANA)

export const AFI_IPV4 = 1;
export const AFI_IPV6 = 2;
export const SAFI_UNICAST = 1;
export const SAFI_MULTICAST = 2;

export interface AfiSafi {
  afi: number;
  safi: number;
}

/** 'ipv4-unicast' style key, handy for maps keyed by family. */
export function afiSafiKey(afi: number, safi: number): string {
  // The unicast families, asked for at every UPDATE sent: constant strings, nothing built per call.
  if (safi === SAFI_UNICAST) {
    if (afi === AFI_IPV4) return 'ipv4-unicast';
    if (afi === AFI_IPV6) return 'ipv6-unicast';
  }
  const a = afi === AFI_IPV4 ? 'ipv4' : afi === AFI_IPV6 ? 'ipv6' : `afi${afi}`;
  const s = safi === SAFI_UNICAST ? 'unicast' : safi === SAFI_MULTICAST ? 'multicast' : `safi${safi}`;
  return `${a}-${s}`;
}

/** CIDR string, canonical (host bits zero, RFC 5952 text for IPv6). */
export type Prefix = string;

// ---------------------------------------------------------------------------------------------
// Capabilities (RFC 5492 and the RFCs defining each code)

export const CAP_MULTIPROTOCOL = 1; // RFC 4760 §8
export const CAP_ROUTE_REFRESH = 2; // RFC 2918 §2
export const CAP_GRACEFUL_RESTART = 64; // RFC 4724 §3
export const CAP_FOUR_OCTET_AS = 65; // RFC 6793 §3
export const CAP_LLGR = 71; // RFC 9494 §3.1
/** The Capabilities Optional Parameter type (RFC 5492 §4). */
export const OPT_PARAM_CAPABILITIES = 2;

export interface GracefulRestartAfi {
  afi: number;
  safi: number;
  /** F bit (0x80 of the per-AF flags): forwarding state preserved across the restart. */
  forwardingState: boolean;
}

export interface LlgrAfi {
  afi: number;
  safi: number;
  /** F bit (0x80 of the per-AF flags). */
  forwardingState: boolean;
  /** Long-Lived Stale Time, 24 bits, seconds (RFC 9494 §3.1). */
  staleTime: number;
}

export type Capability =
  | { type: 'multiprotocol'; afi: number; safi: number }
  | { type: 'route-refresh' }
  | {
      type: 'graceful-restart';
      /** R bit: the sender has restarted (RFC 4724 §3). */
      restartState: boolean;
      /** N bit: Graceful Notification supported (RFC 8538 §2). */
      notification: boolean;
      /** 12 bits, seconds. */
      restartTime: number;
      afis: GracefulRestartAfi[];
    }
  | { type: 'four-octet-as'; asn: number }
  | { type: 'llgr'; afis: LlgrAfi[] }
  | { type: 'unknown'; code: number; value: Uint8Array };

export type CapabilityOf<T extends Capability['type']> = Extract<Capability, { type: T }>;

/** The last capability of a kind (RFC 4724 §3: a receiver "MUST ignore all but the last instance"). */
export function findCapability<T extends Capability['type']>(
  caps: readonly Capability[],
  type: T,
): CapabilityOf<T> | undefined {
  for (let i = caps.length - 1; i >= 0; i--) {
    if (caps[i].type === type) return caps[i] as CapabilityOf<T>;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Path attributes (RFC 4271 §5, RFC 4760, RFC 1997, RFC 6793)

export const ATTR_ORIGIN = 1;
export const ATTR_AS_PATH = 2;
export const ATTR_NEXT_HOP = 3;
export const ATTR_MED = 4;
export const ATTR_LOCAL_PREF = 5;
export const ATTR_ATOMIC_AGGREGATE = 6;
export const ATTR_AGGREGATOR = 7;
export const ATTR_COMMUNITIES = 8;
export const ATTR_MP_REACH_NLRI = 14;
export const ATTR_MP_UNREACH_NLRI = 15;
export const ATTR_AS4_PATH = 17;
export const ATTR_AS4_AGGREGATOR = 18;

/** Attribute flag bits (RFC 4271 §4.3). */
export const FLAG_OPTIONAL = 0x80;
export const FLAG_TRANSITIVE = 0x40;
export const FLAG_PARTIAL = 0x20;
export const FLAG_EXTENDED_LENGTH = 0x10;

export const ORIGIN_IGP = 0;
export const ORIGIN_EGP = 1;
export const ORIGIN_INCOMPLETE = 2;
export type Origin = 0 | 1 | 2;

export type AsPathSegmentType = 'set' | 'sequence' | 'confed-sequence' | 'confed-set';
export interface AsPathSegment {
  type: AsPathSegmentType;
  asns: number[];
}

export interface MpReach {
  afi: number;
  safi: number;
  /** Global next hop (IPv4 or IPv6 text). */
  nextHop: string;
  /** IPv6 link-local next hop when the next hop field is 32 octets (RFC 2545 §3). */
  linkLocalNextHop?: string;
  nlri: Prefix[];
}

export interface MpUnreach {
  afi: number;
  safi: number;
  withdrawn: Prefix[];
}

/** An attribute the codec does not interpret, kept with its flags so it can be re-sent as received. */
export interface RawAttribute {
  flags: number;
  typeCode: number;
  value: Uint8Array;
}

/** Every field optional: a withdraw-only UPDATE or an End-of-RIB carries no attributes at all. */
export interface PathAttributes {
  origin?: Origin;
  /** Always 4-octet ASNs; the codec writes AS_PATH + AS4_PATH when 4-octet AS is not negotiated. */
  asPath?: AsPathSegment[];
  /** IPv4 NEXT_HOP attribute (type 3). */
  nextHop?: string;
  med?: number;
  localPref?: number;
  atomicAggregate?: boolean;
  aggregator?: { asn: number; address: string };
  /** RFC 1997 communities as 32-bit unsigned numbers (high 16 bits = ASN). */
  communities?: number[];
  mpReach?: MpReach;
  mpUnreach?: MpUnreach;
  /** Unrecognised attributes, in the order received. */
  unknown?: RawAttribute[];
}

// ---------------------------------------------------------------------------------------------
// Messages (RFC 4271 §4.2–§4.5, RFC 2918 §3)

export interface OpenMessage {
  type: 'open';
  version: number;
  /** The speaker's real ASN; the 2-octet My AS field carries AS_TRANS when it exceeds 65535. */
  myAs: number;
  holdTime: number;
  /** Dotted-quad BGP Identifier. */
  bgpId: string;
  capabilities: Capability[];
}

export interface UpdateMessage {
  type: 'update';
  /** IPv4 unicast withdrawals (Withdrawn Routes field). */
  withdrawn: Prefix[];
  attributes: PathAttributes;
  /** IPv4 unicast reachability (NLRI field). */
  nlri: Prefix[];
  /**
   * Set only by `decode` when RFC 7606 handling rewrote this UPDATE (every announced prefix turned into
   * a withdrawal, or an attribute discarded). Such a message is never an End-of-RIB even if it ends up
   * empty, because on the wire it was not one. `encode` ignores it.
   */
  revisedHandling?: 'treat-as-withdraw' | 'attribute-discard';
}

export interface KeepaliveMessage {
  type: 'keepalive';
}

export interface NotificationMessage {
  type: 'notification';
  code: number;
  subcode: number;
  data: Uint8Array;
}

export interface RouteRefreshMessage {
  type: 'route-refresh';
  afi: number;
  safi: number;
  /** Reserved octet; RFC 7313 reuses it as a subtype (0 = normal request). */
  subtype?: number;
}

export type Message = OpenMessage | UpdateMessage | KeepaliveMessage | NotificationMessage | RouteRefreshMessage;
export type MessageType = Message['type'];

// ---------------------------------------------------------------------------------------------
// Error codes and subcodes (RFC 4271 §4.5, §6; RFC 5492; RFC 6608; RFC 7313; RFC 4486; RFC 8538; RFC 9384)

export const ERR_MESSAGE_HEADER = 1;
export const ERR_OPEN = 2;
export const ERR_UPDATE = 3;
export const ERR_HOLD_TIMER_EXPIRED = 4;
export const ERR_FSM = 5;
export const ERR_CEASE = 6;
export const ERR_ROUTE_REFRESH = 7; // RFC 7313 §5

/** Subcode 0 in every code: no more specific reason (IANA "Unspecific"). */
export const SUB_UNSPECIFIC = 0;

// Message Header Error subcodes (RFC 4271 §6.1)
export const HDR_CONNECTION_NOT_SYNCHRONIZED = 1;
export const HDR_BAD_MESSAGE_LENGTH = 2;
export const HDR_BAD_MESSAGE_TYPE = 3;

// OPEN Message Error subcodes (RFC 4271 §6.2, RFC 5492 §5)
export const OPEN_UNSUPPORTED_VERSION_NUMBER = 1;
export const OPEN_BAD_PEER_AS = 2;
export const OPEN_BAD_BGP_IDENTIFIER = 3;
export const OPEN_UNSUPPORTED_OPTIONAL_PARAMETER = 4;
/** Deprecated by RFC 4271 (Authentication Failure). */
export const OPEN_DEPRECATED_5 = 5;
export const OPEN_UNACCEPTABLE_HOLD_TIME = 6;
export const OPEN_UNSUPPORTED_CAPABILITY = 7;

// UPDATE Message Error subcodes (RFC 4271 §6.3)
export const UPDATE_MALFORMED_ATTRIBUTE_LIST = 1;
export const UPDATE_UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
export const UPDATE_MISSING_WELL_KNOWN_ATTRIBUTE = 3;
export const UPDATE_ATTRIBUTE_FLAGS_ERROR = 4;
export const UPDATE_ATTRIBUTE_LENGTH_ERROR = 5;
export const UPDATE_INVALID_ORIGIN_ATTRIBUTE = 6;
/** Deprecated by RFC 4271 (AS Routing Loop). */
export const UPDATE_DEPRECATED_7 = 7;
export const UPDATE_INVALID_NEXT_HOP_ATTRIBUTE = 8;
export const UPDATE_OPTIONAL_ATTRIBUTE_ERROR = 9;
export const UPDATE_INVALID_NETWORK_FIELD = 10;
export const UPDATE_MALFORMED_AS_PATH = 11;

// Finite State Machine Error subcodes (RFC 6608 §3)
export const FSM_UNEXPECTED_IN_OPENSENT = 1;
export const FSM_UNEXPECTED_IN_OPENCONFIRM = 2;
export const FSM_UNEXPECTED_IN_ESTABLISHED = 3;

// ROUTE-REFRESH Message Error subcodes (RFC 7313 §5)
export const ROUTE_REFRESH_INVALID_MESSAGE_LENGTH = 1;

// Cease subcodes (RFC 4486 §4, RFC 8538 §3, RFC 9384 §3)
export const CEASE_MAX_PREFIXES = 1;
export const CEASE_ADMIN_SHUTDOWN = 2;
export const CEASE_PEER_DECONFIGURED = 3;
export const CEASE_ADMIN_RESET = 4;
export const CEASE_CONNECTION_REJECTED = 5;
export const CEASE_OTHER_CONFIG_CHANGE = 6;
export const CEASE_CONNECTION_COLLISION = 7;
export const CEASE_OUT_OF_RESOURCES = 8;
export const CEASE_HARD_RESET = 9;
export const CEASE_BFD_DOWN = 10;

// ---------------------------------------------------------------------------------------------
// Well-known communities (RFC 1997 §3, RFC 9494 §3.2–§3.3)

export const COMMUNITY_NO_EXPORT = 0xffffff01;
export const COMMUNITY_NO_ADVERTISE = 0xffffff02;
export const COMMUNITY_NO_EXPORT_SUBCONFED = 0xffffff03;
export const LLGR_STALE = 0xffff0006;
export const NO_LLGR = 0xffff0007;

// ---------------------------------------------------------------------------------------------
// End-of-RIB (RFC 4724 §2)

/**
 * RFC 4724 §2: IPv4 unicast End-of-RIB is an UPDATE with no withdrawn routes, no attributes and no
 * NLRI; any other family's is an UPDATE carrying only an MP_UNREACH_NLRI for it with no withdrawals.
 */
export function endOfRib(afi: number, safi: number): UpdateMessage {
  if (afi === AFI_IPV4 && safi === SAFI_UNICAST) return { type: 'update', withdrawn: [], attributes: {}, nlri: [] };
  return { type: 'update', withdrawn: [], attributes: { mpUnreach: { afi, safi, withdrawn: [] } }, nlri: [] };
}

/** The family an UPDATE marks the End-of-RIB of, or undefined when it is not an End-of-RIB (RFC 4724 §2). */
export function isEndOfRib(msg: Message): AfiSafi | undefined {
  if (msg.type !== 'update') return undefined;
  if (msg.withdrawn.length > 0 || msg.nlri.length > 0 || msg.revisedHandling !== undefined) return undefined;
  const a = msg.attributes;
  let keys = 0;
  for (const k in a) if ((a as Record<string, unknown>)[k] !== undefined) keys++;
  if (keys === 0) return { afi: AFI_IPV4, safi: SAFI_UNICAST };
  if (keys === 1 && a.mpUnreach && a.mpUnreach.withdrawn.length === 0) {
    return { afi: a.mpUnreach.afi, safi: a.mpUnreach.safi };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Convenience constructors for the FSM

export function keepalive(): KeepaliveMessage {
  return { type: 'keepalive' };
}

export function notification(code: number, subcode: number, data: Uint8Array = new Uint8Array(0)): NotificationMessage {
  return { type: 'notification', code, subcode, data };
}
