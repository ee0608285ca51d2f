/**
 * What the world is built from: a fully resolved description (profiles resolved, durations in
 * µs, defaults applied). `sim/scenario/build.ts` turns a validated scenario into this.
 */
import type { Duration, Time } from '../base/time.js';
import type { ResolvedPeerConfig } from '../bgp/profile/index.js';
import type { LinuxTcpParams, ReconnectPolicy } from '../dataplane/index.js';
import type { PrefixBlock } from './prefix-block.js';

export interface BfdSpec {
  /** Desired min TX interval. */
  readonly transmitInterval: Duration;
  /** Required min RX interval. */
  readonly receiveInterval: Duration;
  readonly detectMultiplier: number;
  /** RFC 5880 §4.1 C bit advertised by this end. */
  readonly controlPlaneIndependent: boolean;
  /** FRR `bfd check-control-plane-failure` on this end (gr-reference §2.8). */
  readonly checkControlPlaneFailure: boolean;
}

/** One side of a BGP session between a node's speaker and a router. */
export interface SideSpec {
  readonly config: ResolvedPeerConfig;
  readonly bfd: BfdSpec | null;
}

export interface SessionSpec {
  readonly node: string;
  readonly router: string;
  readonly speaker: SideSpec;
  readonly routerSide: SideSpec;
}

export interface NodeSpec {
  readonly name: string;
  readonly asn: number;
  readonly address: string;
  /** IPv6 address: the IPv6 unicast next hop (RFC 2545 §3) and the end of IPv6 sessions. */
  readonly address6: string;
  /** Services the speaker advertises at start. */
  readonly services: readonly string[];
  /** More prefixes the speaker originates, as a block (prefix-block.ts); null for none. */
  readonly prefixes: PrefixBlock | null;
  /** How long the speaker pod has been up at t = 0 (steady start). */
  readonly uptime: Duration;
  /** From the pod's start to its first OPEN and BFD packet (container start, FRR start, config load). */
  readonly startupTime: Duration;
}

export type EcmpSpec =
  | { readonly type: 'modulo' | 'hash-threshold' | 'rendezvous' }
  | {
      readonly type: 'resilient';
      readonly buckets: number;
      readonly idleTimer: Duration;
      readonly unbalancedTimer: Duration;
    }
  | { readonly type: 'maglev'; readonly tableSize: number };

export interface RouterSpec {
  readonly name: string;
  readonly asn: number;
  readonly address: string;
  readonly address6: string;
  /** The address family the sessions to this router run over (their TCP endpoints). */
  readonly transport: 'ipv4' | 'ipv6';
  readonly ecmp: EcmpSpec;
  readonly hashFields: '3-tuple' | '5-tuple';
  readonly hashSeed: number;
  readonly maximumPaths: number;
  readonly upstreams: number;
  /** How long bgpd has been up at t = 0 (steady start). */
  readonly uptime: Duration;
  /** From bgpd's start to its first OPEN (and its BFD sessions' first packets). */
  readonly startupTime: Duration;
  /** Route decisions batched in bgpd, then on the way to the kernel (its profile's holds). */
  readonly fibHolds: { readonly routeProcessing: Duration; readonly install: Duration };
}

export interface ServiceSpec {
  readonly name: string;
  readonly prefix: string;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  /** Nodes with a ready endpoint. */
  readonly endpoints: readonly string[];
}

export interface LinkSpec {
  readonly a: string;
  readonly b: string;
  readonly latency: Duration;
}

export type DistributionSpec =
  | { readonly type: 'fixed'; readonly value: Duration }
  | { readonly type: 'exponential'; readonly mean: Duration }
  | { readonly type: 'uniform'; readonly min: Duration; readonly max: Duration }
  | { readonly type: 'lognormal'; readonly median: Duration; readonly sigma: number };

export interface WorkloadSpec {
  readonly clients: number;
  readonly ports: readonly [number, number];
  readonly arrivalRate: number;
  readonly initialConnections: number;
  readonly connectionDuration: DistributionSpec;
  readonly packetRate: number;
  readonly packetSize: number;
  /** The clients' TCP (sysctl-named; Linux's defaults) and application timeout. */
  readonly tcp: LinuxTcpParams;
  readonly reconnect: ReconnectPolicy;
  readonly service: string;
  /** Every service the clients connect to (`service` first): a dual-stack population uses both families. */
  readonly services: readonly string[];
  /** Fixed start of the client workload; undefined = once converged. */
  readonly startAt?: Time;
}

export type FaultSpec = { readonly at: Time; readonly index: number } & (
  | {
      readonly type: 'speaker-restart';
      readonly node: string;
      readonly downtime: Duration | DistributionSpec;
      readonly restartMode?: boolean;
    }
  | { readonly type: 'speaker-start'; readonly node: string; readonly restartMode?: boolean }
  | { readonly type: 'speaker-stop' | 'node-crash' | 'node-recover'; readonly node: string }
  | {
      readonly type: 'node-drain';
      readonly node: string;
      readonly mode: 'withdraw' | 'shutdown' | 'reboot';
      readonly downtime?: Duration;
    }
  | { readonly type: 'router-restart'; readonly router: string; readonly downtime: Duration | DistributionSpec }
  | { readonly type: 'link-down' | 'link-up'; readonly between: readonly [string, string] }
  | { readonly type: 'bfd-down' | 'peer-reset'; readonly node: string; readonly router: string }
  | {
      readonly type: 'notification';
      readonly from: string;
      readonly to: string;
      readonly code: number;
      readonly subcode: number;
      readonly hardReset: boolean;
    }
  | {
      readonly type: 'policy-change';
      readonly node: string;
      readonly withdraw: readonly string[];
      readonly advertise: readonly string[];
    }
  | { readonly type: 'endpoint-change'; readonly service: string; readonly endpoints: readonly string[] }
);

export interface WorldSpec {
  /**
   * 'steady': processes up at t = 0 have been up for their `uptime`, converged, with clients live;
   * 'cold': everything boots at t = 0 and the run sees the boot.
   */
  readonly start: 'steady' | 'cold';
  readonly nodes: readonly NodeSpec[];
  readonly routers: readonly RouterSpec[];
  readonly sessions: readonly SessionSpec[];
  readonly links: readonly LinkSpec[];
  readonly services: readonly ServiceSpec[];
  readonly workload: WorkloadSpec;
  readonly faults: readonly FaultSpec[];
  readonly duration: Duration;
}
