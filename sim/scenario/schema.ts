/**
 * The scenario format: one zod schema is the source of the TypeScript types, of the validation
 * (every problem at once, with its field path and the rule broken) and of the JSON Schema that
 * editors use (`scenario.schema.json`, written by `stalepath schema`).
 *
 * Protocol limits are checked here, where the user typed the value: the 12-bit GR restart time
 * (RFC 4724 §3), the 24-bit LLGR stale time (RFC 9494 §3.1), hold time 0 or ≥ 3 s (RFC 4271 §4.2).
 */
import { z } from 'zod';
import { type Duration, s } from '../base/time.js';
import { canonicalIpv6, canonicalPrefix6, networkOfV6 } from './addresses.js';
import {
  BFD_INTERVAL,
  type DurationBound,
  LATENCY,
  MAX_ARRIVAL_RATE,
  MAX_NODE_PREFIXES,
  MAX_PACKET_RATE,
  MAX_RETRIES2,
  MAX_SIGMA,
  MAX_SYN_RETRIES,
  MIN_ARRIVAL_RATE,
  RTO,
  RTT,
  RUN,
  UPTIME,
} from './bounds.js';
import { DURATION_HINT, durationMicros } from './duration.js';

const secs = (d: number) => d / s(1);

/**
 * A duration field within its bound: "90s", "300ms", "2h" or a number of seconds → integer µs.
 * The number form carries the bound as JSON Schema minimum/maximum; the text form is checked
 * after parsing, with the same words. Nothing here builds a time the clock cannot hold.
 */
function durationIn(b: DurationBound) {
  const tooBig = `exceeds the maximum of ${secs(b.max)} s (${b.why})`;
  const tooSmall = `is below the minimum of ${secs(b.min)} s${b.whyMin ? ` (${b.whyMin})` : ''}`;
  return z
    .union([z.number().min(secs(b.min), tooSmall).max(secs(b.max), tooBig), z.string()])
    .transform((v, ctx): Duration => {
      const micros = durationMicros(v);
      const d = micros === undefined ? undefined : Math.round(micros);
      const problem =
        d === undefined ? `is not ${DURATION_HINT}` : d > b.max ? tooBig : d < b.min ? tooSmall : undefined;
      if (problem === undefined) return d as Duration;
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)} ${problem}`, input: v });
      return z.NEVER;
    })
    .meta({ description: `${DURATION_HINT}; from ${secs(b.min)} s to ${secs(b.max)} s (${b.why})` });
}

/** A span inside a run (fault and expectation times, downtimes, timers): at most 30 days. */
export const duration = durationIn(RUN);

/** A protocol field carried in whole seconds on the wire, with its field width and the RFC that sets it. */
function wholeSeconds(max: number, rule: string, min = 0, extra?: (secs: number) => string | undefined) {
  const tooBig = `exceeds ${rule} (max ${max} s)`;
  const tooSmall = `is below the minimum of ${min} s`;
  return z
    .union([z.number().min(min, tooSmall).max(max, tooBig), z.string()])
    .transform((v, ctx): number => {
      const micros = durationMicros(v);
      if (micros === undefined) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)} is not ${DURATION_HINT}`, input: v });
        return z.NEVER;
      }
      const n = Math.round(micros) / s(1);
      const problem = !Number.isInteger(n)
        ? `${JSON.stringify(v)} is not a whole number of seconds`
        : n > max
          ? `${n} ${tooBig}`
          : n < min
            ? `${n} ${tooSmall}`
            : extra?.(n);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
      return n;
    })
    .meta({ description: `whole seconds (${DURATION_HINT}); at most ${max} s, ${rule}` });
}

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"')
  .max(63);

const asn = z.number().int().min(1).max(4_294_967_295);

const looksV6 = (v: unknown) => typeof v === 'string' && v.includes(':');

/** zod's own IPv4 validator: four decimal octets 0–255 without leading zeros (`10.0.0.300` fails). */
const ipv4 = z
  .ipv4({
    error: (iss) =>
      looksV6(iss.input)
        ? 'is an IPv6 address: give it as address6 (address is IPv4, and is also the BGP Identifier, RFC 6286 §2.1)'
        : 'is not an IPv4 address such as "10.0.1.11" (four octets 0-255, no leading zeros)',
  })
  .refine((a) => a !== '0.0.0.0', {
    message: '"0.0.0.0" is not a usable address: it is also the BGP Identifier, which must be non-zero (RFC 6286 §2.1)',
  });

/** zod's own IPv6 validator (RFC 4291 §2.2 text); the unspecified address is no address. */
const ipv6 = z
  .ipv6({ error: 'is not an IPv6 address such as "fd00:0:0:1::11"' })
  .refine((a) => canonicalIpv6(a) !== '::', { message: '"::" is the unspecified address (RFC 4291 §2.5.2)' })
  .transform(canonicalIpv6);

/** The network address of an IPv4 or IPv6 prefix, or undefined when the text is not one. */
export function networkOf(prefix: string): string | undefined {
  if (z.cidrv6().safeParse(prefix).success) return networkOfV6(prefix);
  if (!z.cidrv4().safeParse(prefix).success) return undefined;
  const [addr, len] = prefix.split('/');
  const n = addr.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
  const bits = Number(len);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const net = (n & mask) >>> 0;
  return `${[24, 16, 8, 0].map((sh) => (net >>> sh) & 255).join('.')}/${bits}`;
}

/**
 * zod's own CIDR validators, IPv4 or IPv6 (an IPv6 service is an IPv6 unicast route, RFC 4760 /
 * RFC 2545); host bits set refused with the network it means. IPv6 prefixes are kept in RFC 5952 text.
 */
const NOT_A_PREFIX = 'is not an IPv4 or IPv6 prefix such as "10.100.0.10/32" or "fd00:100::10/128"';
const prefix = z
  .union([z.cidrv4({ error: NOT_A_PREFIX }), z.cidrv6({ error: NOT_A_PREFIX })], { error: NOT_A_PREFIX })
  .superRefine((p, ctx) => {
    const net = networkOf(p);
    if (net !== undefined && net !== p && !(looksV6(p) && canonicalPrefix6(p) === net)) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(p)} has host bits set: the network is "${net}" (a /32 or /128 names one address)`,
        input: p,
      });
    }
  })
  .transform((p) => (looksV6(p) ? canonicalPrefix6(p) : p));

export const FAMILY_NAMES = ['ipv4-unicast', 'ipv6-unicast'] as const;
const family = z.enum(FAMILY_NAMES);

/** RFC 4271 §4.2: hold time 0 (no keepalives) or at least 3 s; 16-bit field. */
const holdTime = wholeSeconds(65_535, 'the 16-bit hold time of RFC 4271 §4.2', 0, (v) =>
  v === 0 || v >= 3 ? undefined : `${v} must be 0 or at least 3 s (RFC 4271 §4.2)`,
);

export const gracefulRestartConfig = z
  .strictObject({
    mode: z.enum(['restart', 'helper', 'disable']).optional().meta({
      description: 'restart: advertise AFI tuples (F bit per preserveForwarding); helper: GR capability without tuples',
    }),
    restartTime: wholeSeconds(4095, 'the 12-bit field of RFC 4724').optional(),
    // FRR `bgp graceful-restart stalepath-time (1-4095)`; the profile table checks the same range.
    stalePathTime: wholeSeconds(4095, 'the stale-path timer range (FRR: 1-4095)', 1).optional(),
    selectionDeferralTime: wholeSeconds(3600, 'the selection-deferral timer range').optional(),
    notification: z.boolean().optional().meta({ description: 'advertise the N bit (RFC 8538)' }),
    preserveForwarding: z
      .union([z.boolean(), z.array(family).min(1)])
      .optional()
      .meta({
        description:
          'set the F bit: forwarding state kept across restart; a list of families sets it for those only (RFC 4724 §3 per-AFI/SAFI F bit; needs a profile with per-family forwarding, e.g. "rfc")',
      }),
  })
  .meta({ description: 'Graceful Restart (RFC 4724) and N bit (RFC 8538)' });

export const llgrConfig = z.strictObject({
  enabled: z.boolean().optional(),
  staleTime: wholeSeconds(16_777_215, 'the 24-bit field of RFC 9494 §3.1').optional(),
});

export const bfdConfig = z.strictObject({
  enabled: z.boolean().default(true),
  transmitInterval: durationIn(BFD_INTERVAL).optional(),
  receiveInterval: durationIn(BFD_INTERVAL).optional(),
  detectMultiplier: z.number().int().min(1).max(255).optional(),
  /** RFC 5880 §4.1 C bit: BFD runs independently of the control plane. */
  controlPlaneIndependent: z.boolean().optional(),
  /** FRR `neighbor X bfd check-control-plane-failure` (gr-reference §2.8). */
  checkControlPlaneFailure: z.boolean().optional(),
  /** BIRD `bfd graceful`: a BFD down starts graceful restart instead of a session restart (C25). */
  graceful: z.boolean().optional(),
});

/** One side of a BGP session: a named profile plus overrides. */
export const bgpSideConfig = z.strictObject({
  profile: z
    .string()
    .optional()
    .meta({ description: 'implementation profile, e.g. "frr", "frr-10.5", "bird", "gobgp", "rfc"' }),
  holdTime: holdTime.optional(),
  keepaliveTime: wholeSeconds(21_845, 'one third of the largest hold time').optional(),
  connectRetryTime: wholeSeconds(65_535, 'the connect-retry range', 1).optional(),
  gracefulRestart: gracefulRestartConfig.optional(),
  llgr: llgrConfig.optional(),
  bfd: bfdConfig.optional(),
  maxPrefix: z.number().int().min(1).optional().meta({ description: 'Cease subcode 1 when exceeded (RFC 4486)' }),
  connectDelay: duration.optional().meta({
    description: "BIRD `connect delay time`: from start to the first connection attempt (BIRD's default 5 s)",
  }),
  errorWaitTime: z.tuple([duration, duration]).optional().meta({
    description: 'BIRD `error wait time min, max`: wait before restarting after an error, doubling per error',
  }),
  idleHoldTime: duration.optional().meta({
    description:
      'RFC 4271 §8.1.1 IdleHoldTimer: from the end of a session to the next start (the rfc profile only; FRR, BIRD and GoBGP have no such setting)',
  }),
  startupTime: duration.optional().meta({
    description: "the process's start-up: from its start (pod start, bgpd start) to its first OPEN and BFD packet",
  }),
  initialUpdateDelay: duration.optional().meta({
    description:
      'from Established to the initial UPDATEs and End-of-RIB (default: the profile; FRR coalesce-time 1 s + 50 ms per peer)',
  }),
});

export const ECMP_TYPES = ['modulo', 'hash-threshold', 'resilient', 'maglev', 'rendezvous'] as const;

export const ecmpConfig = z
  .strictObject({
    type: z.enum(ECMP_TYPES),
    /** Linux resilient groups: the kernel refuses a group without `buckets`. */
    buckets: z.number().int().min(1).max(65_535).optional(),
    idleTimer: duration.optional(),
    unbalancedTimer: duration.optional(),
    /** Maglev lookup table size M (prime). */
    tableSize: z.number().int().min(2).max(10_000_019).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'resilient' && e.buckets === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['buckets'],
        message: 'is required for a resilient group (the kernel has no default: "Number of buckets not specified")',
      });
    }
    if (e.type === 'maglev' && e.tableSize !== undefined && !isPrime(e.tableSize)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tableSize'],
        message: `${e.tableSize} is not prime (Maglev needs a prime M)`,
        input: e.tableSize,
      });
    }
  });

/** Address of an IPv4 prefix's network as a uint32 and its length. */
function prefixNumber(p: string): { first: number; length: number } {
  const [addr, len] = p.split('/');
  return { first: addr.split('.').reduce((a, o) => a * 256 + Number(o), 0), length: Number(len) };
}

/**
 * `count` consecutive prefixes of `from`'s length, from `from` on: how a scenario says "N prefixes"
 * (a full table from a node) without listing them. Under `prefixesPerNode`, node i's block follows
 * node i−1's.
 */
export const prefixBlockConfig = z
  .strictObject({
    from: prefix.meta({ description: 'the first prefix of the block, e.g. "172.16.0.0/24"' }),
    count: z
      .number()
      .int()
      .min(1)
      .max(MAX_NODE_PREFIXES)
      .meta({ description: `how many consecutive prefixes of that length (at most ${MAX_NODE_PREFIXES})` }),
  })
  .superRefine((b, ctx) => {
    if (networkOf(b.from) !== b.from) return;
    const { first, length } = prefixNumber(b.from);
    const end = first + b.count * 2 ** (32 - length);
    if (end > 2 ** 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `${b.count} prefixes of length ${length} from ${b.from} run past 255.255.255.255`,
      });
    }
  });

export const nodeConfig = z.strictObject({
  name,
  asn: asn.optional(),
  address: ipv4.optional(),
  address6: ipv6.optional().meta({ description: 'IPv6 address: IPv6 sessions and the IPv6 unicast next hop' }),
  speaker: bgpSideConfig
    .optional()
    .meta({ description: 'overrides of the scenario-wide speaker config for this node' }),
  /** Services this node's speaker advertises at start (all when absent); policy changes alter it. */
  services: z.array(name).optional(),
  uptime: durationIn(UPTIME).optional().meta({ description: "how long this node's speaker pod has been up at t = 0" }),
  prefixes: prefixBlockConfig
    .optional()
    .meta({ description: 'more prefixes this node advertises, as a block (overrides prefixesPerNode)' }),
});

export const routerConfig = z.strictObject({
  name,
  asn,
  address: ipv4.optional(),
  address6: ipv6.optional().meta({ description: "IPv6 address: the speakers' IPv6 sessions end here" }),
  transport: z.enum(['ipv4', 'ipv6']).default('ipv4').meta({
    description: 'the address family the sessions to this router run over (MetalLB: the BGPPeer peerAddress)',
  }),
  families: z.array(family).min(1).optional().meta({
    description:
      "address families the sessions carry (FRR `neighbor X activate` per address-family; MetalLB dualStackAddressFamily); default: the services' families",
  }),
  bgp: bgpSideConfig.optional(),
  /** The speakers' side of their sessions to this router (one MetalLB BGPPeer per router). */
  speaker: bgpSideConfig
    .optional()
    .meta({ description: 'overrides of the scenario-wide speaker config on sessions to this router (its BGPPeer)' }),
  ecmp: ecmpConfig.default({ type: 'hash-threshold' }),
  hash: z
    .strictObject({
      fields: z.enum(['3-tuple', '5-tuple']).default('5-tuple'),
      seed: z.number().int().min(0).max(0xffffffff).optional(),
    })
    .default({ fields: '5-tuple' }),
  maximumPaths: z.number().int().min(1).max(1024).default(64),
  upstreams: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(0)
    .meta({ description: 'upstream peers to which churn is counted' }),
  uptime: durationIn(UPTIME).optional().meta({ description: "how long this router's bgpd has been up at t = 0" }),
});

export const linkConfig = z.strictObject({
  between: z.tuple([name, name]),
  latency: durationIn(LATENCY).optional(),
});

export const serviceConfig = z.strictObject({
  name,
  prefix,
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).default('Cluster'),
  /** Nodes with a ready endpoint (pod) for the service; all nodes when absent. */
  endpoints: z.array(name).optional(),
});

export const distribution = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), value: duration }),
  z.strictObject({ type: z.literal('exponential'), mean: duration }),
  z.strictObject({ type: z.literal('uniform'), min: duration, max: duration }).superRefine((d, ctx) => {
    if (d.min > d.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: `minimum ${secs(d.min)} s exceeds maximum ${secs(d.max)} s (an empty range)`,
      });
    }
  }),
  z.strictObject({
    type: z.literal('lognormal'),
    median: duration,
    sigma: z
      .number()
      .positive()
      .max(MAX_SIGMA, `exceeds the maximum σ of ${MAX_SIGMA} (a lognormal spread, not e^±30 around its median)`),
  }),
]);

/**
 * The clients' TCP, named after Linux's sysctls and constants, with Linux's values as defaults
 * (sim/dataplane/tcp/linux-tcp.ts cites net/ipv4/tcp_timer.c for each).
 */
export const tcpConfig = z
  .strictObject({
    tcp_retries2: z.number().int().min(0).max(MAX_RETRIES2).default(15).meta({
      description:
        'net.ipv4.tcp_retries2: an established connection gives up once the time 15 doubling RTOs from rtoMin take (924.6 s) has passed since its first retransmission (928.7 s after the first lost packet)',
    }),
    tcp_syn_retries: z.number().int().min(1).max(MAX_SYN_RETRIES).default(6).meta({
      description:
        'net.ipv4.tcp_syn_retries: SYN retransmissions before connect() fails, beyond the linear ones (6, with 4 linear: 131 s)',
    }),
    tcp_syn_linear_timeouts: z.number().int().min(0).max(MAX_SYN_RETRIES).default(4).meta({
      description:
        'net.ipv4.tcp_syn_linear_timeouts (Linux ≥ 6.5): SYN retransmissions 1 RTO apart before the doubling; 0 for older kernels (then 6 retries fail at 127 s)',
    }),
    rtoMin: durationIn(RTO).default(s(0.2)).meta({ description: 'TCP_RTO_MIN: 200 ms' }),
    rtoMax: durationIn(RTO).default(s(120)).meta({ description: 'TCP_RTO_MAX: 120 s' }),
    initialRto: durationIn(RTO).default(s(1)).meta({ description: "TCP_TIMEOUT_INIT: the SYN's first RTO, 1 s" }),
    rtt: durationIn(RTT)
      .default(100 as Duration)
      .meta({
        description:
          "smoothed RTT of the client path, added to rtoMin for an established connection's RTO (default 0.1 ms, a datacenter path)",
      }),
    hz: z
      .union([z.literal(100), z.literal(250), z.literal(300), z.literal(1000)])
      .default(250)
      .meta({
        description:
          "CONFIG_HZ of the clients' kernel: an RTO is a whole number of 1/hz ticks (250, Debian's build: 204 ms on a datacenter path)",
      }),
    appTimeout: duration.optional().meta({
      description: 'the application aborts a connection stalled this long (default: none, TCP decides)',
    }),
  })
  .superRefine((t, ctx) => {
    if (t.rtoMax < t.rtoMin) {
      ctx.addIssue({
        code: 'custom',
        path: ['rtoMax'],
        message: `${secs(t.rtoMax)} s is below rtoMin ${secs(t.rtoMin)} s (the back-off's cap must not be below its floor)`,
      });
    }
    if (t.appTimeout !== undefined && t.appTimeout <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['appTimeout'],
        message: '0 s would abort a connection at its first lost packet; leave it out for none',
      });
    }
  });

/** What a client does after a reset or give-up: the default reconnects at once, as typical HTTP clients do. */
export const reconnectConfig = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('immediate') }),
  z.strictObject({ mode: z.literal('after'), delay: duration }),
  z.strictObject({ mode: z.literal('never') }),
]);

export const workloadConfig = z.strictObject({
  clients: z.number().int().min(1).max(16_777_216).default(10_000),
  ports: z.tuple([z.number().int().min(1).max(65_535), z.number().int().min(1).max(65_535)]).default([32768, 60999]),
  /** New connections per second (Poisson). */
  arrivalRate: z
    .number()
    .min(0)
    .max(MAX_ARRIVAL_RATE, `exceeds the maximum of ${MAX_ARRIVAL_RATE} new connections/s`)
    .superRefine((r, ctx) => {
      if (r > 0 && r < MIN_ARRIVAL_RATE) {
        ctx.addIssue({
          code: 'custom',
          input: r,
          message: `${r} must be 0 (no new connections) or at least ${MIN_ARRIVAL_RATE}/s: a rarer arrival lies beyond the clock`,
        });
      }
    })
    .meta({ description: `new connections per second (Poisson): 0, or ${MIN_ARRIVAL_RATE} to ${MAX_ARRIVAL_RATE}` }),
  /**
   * Connections open at t = 0, as a steady population: each one's remaining life is the equilibrium
   * residual of `connectionDuration` (sim/dataplane/workload.ts steadyResidual), not a fresh life.
   */
  initialConnections: z.number().int().min(0).max(10_000_000).default(0),
  connectionDuration: distribution,
  packetRate: z
    .number()
    .positive()
    .max(MAX_PACKET_RATE, `exceeds the maximum of ${MAX_PACKET_RATE} packets/s per connection`)
    .default(10)
    .meta({ description: 'packets per second per connection' }),
  packetSize: z.number().int().min(40).max(65_535).default(800),
  tcp: tcpConfig.default({
    tcp_retries2: 15,
    tcp_syn_retries: 6,
    tcp_syn_linear_timeouts: 4,
    rtoMin: s(0.2),
    rtoMax: s(120),
    initialRto: s(1),
    rtt: 100 as Duration,
    hz: 250,
  }),
  reconnect: reconnectConfig.default({ mode: 'immediate' }),
  service: z
    .union([name, z.array(name).min(1).max(2)])
    .optional()
    .meta({
      description:
        'the service clients connect to (default: the first); a list of two (a dual-stack service: its IPv4 and its IPv6 address) sends each new connection to one of them with equal odds',
    }),
  /** When clients start; by default once every router forwards the service to every advertising node. */
  startAt: duration.optional(),
});

const at = duration;
const faultCommon = { at, note: z.string().optional() };

export const faultConfig = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('speaker-restart'),
    ...faultCommon,
    node: name,
    downtime: z.union([duration, distribution]),
    restartMode: z.boolean().optional().meta({
      description:
        'false: the speaker comes back without GR restart mode (R = 0, F = 0, as GoBGP without -r); default: in restart mode',
    }),
  }),
  z.strictObject({ type: z.literal('speaker-stop'), ...faultCommon, node: name }),
  z.strictObject({
    type: z.literal('speaker-start'),
    ...faultCommon,
    node: name,
    restartMode: z.boolean().optional().meta({
      description:
        'true: started in GR restart mode (BIRD -R, GoBGP -r); false: explicitly without it (R = 0, F = 0); default: a plain start, R as its profile sets it (FRR: startup window)',
    }),
  }),
  z.strictObject({ type: z.literal('node-crash'), ...faultCommon, node: name }),
  z.strictObject({ type: z.literal('node-recover'), ...faultCommon, node: name }),
  z.strictObject({
    type: z.literal('node-drain'),
    ...faultCommon,
    node: name,
    mode: z.enum(['withdraw', 'shutdown', 'reboot']).default('withdraw'),
    downtime: duration.optional(),
  }),
  z.strictObject({
    type: z.literal('router-restart'),
    ...faultCommon,
    router: name,
    downtime: z.union([duration, distribution]),
  }),
  z.strictObject({ type: z.literal('link-down'), ...faultCommon, between: z.tuple([name, name]) }),
  z.strictObject({ type: z.literal('link-up'), ...faultCommon, between: z.tuple([name, name]) }),
  z.strictObject({ type: z.literal('bfd-down'), ...faultCommon, node: name, router: name }),
  z.strictObject({
    type: z.literal('notification'),
    ...faultCommon,
    from: name,
    to: name,
    code: z.number().int().min(1).max(6),
    subcode: z.number().int().min(0).max(255).default(0),
    hardReset: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('policy-change'),
    ...faultCommon,
    node: name,
    withdraw: z.array(name).default([]).meta({ description: 'services the node stops advertising' }),
    advertise: z.array(name).default([]).meta({ description: 'services the node starts advertising' }),
  }),
  z.strictObject({ type: z.literal('endpoint-change'), ...faultCommon, service: name, endpoints: z.array(name) }),
  z.strictObject({ type: z.literal('peer-reset'), ...faultCommon, node: name, router: name }),
]);

export const METRIC_NAMES = [
  'connections.started',
  'connections.reset',
  'connections.resetByCause.rehash',
  'connections.resetByCause.blackhole',
  'connections.resetByCause.nodeFailure',
  'connections.resetByCause.noRoute',
  'packets.delivered',
  'packets.lost',
  'blackholeSeconds',
  'noRouteSeconds',
  'routeChurn.updates',
  'routeChurn.withdrawals',
  'detectionSeconds',
  'sessionFlaps',
  'balance.maxOverMean',
  'connections.stalled',
  'connections.stallSurvived',
  'connections.gaveUp',
  'connections.reconnects',
  'stall.p50Seconds',
  'stall.p99Seconds',
  'stall.maxSeconds',
  'stall.userSeconds',
  'stall.blackholedSeconds',
  ...(['ipv4', 'ipv6'] as const).flatMap(
    (f) =>
      [
        `byFamily.${f}.connections.started`,
        `byFamily.${f}.connections.reset`,
        `byFamily.${f}.packets.delivered`,
        `byFamily.${f}.packets.lost`,
        `byFamily.${f}.blackholeSeconds`,
        `byFamily.${f}.noRouteSeconds`,
      ] as const,
  ),
] as const;

export const expectationConfig = z.union([
  z.strictObject({
    name: z.string().min(1),
    metric: z.enum(METRIC_NAMES),
    op: z.enum(['==', '!=', '<', '<=', '>', '>=']),
    value: z.number(),
    tolerance: z.number().min(0).optional(),
  }),
  z.strictObject({
    name: z.string().min(1),
    at: duration,
    router: name,
    service: name,
    /** The route state seen from `node` (its path at the router), or the prefix as a whole. */
    node: name.optional(),
    state: z.enum(['fresh', 'stale', 'llgr-stale', 'absent']).optional(),
    nextHops: z.number().int().min(0).optional(),
  }),
]);

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name,
    title: z.string().min(1),
    description: z.string().min(1).meta({ description: 'one paragraph: what this scenario teaches' }),
    questions: z
      .array(z.number().int().min(1).max(10))
      .optional()
      .meta({ description: 'users.md §2 questions answered' }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    duration: duration,
    start: z.enum(['steady', 'cold']).default('steady').meta({
      description:
        'steady: processes up at t = 0 have long been up (sessions Established, routes converged, clients live); cold: everything boots at t = 0',
    }),
    uptime: durationIn(UPTIME).optional().meta({
      description: 'how long every process has been up at t = 0 (default 1 day: no startup window open)',
    }),
    speaker: bgpSideConfig
      .default({})
      .meta({ description: 'MetalLB speaker side of every session (BGPPeer + BFDProfile)' }),
    nodes: z.array(nodeConfig).min(1).max(10_000),
    routers: z.array(routerConfig).min(1).max(100),
    links: z.array(linkConfig).default([]),
    defaultLatency: durationIn(LATENCY).default(s(0.0001)),
    services: z.array(serviceConfig).min(1),
    prefixesPerNode: prefixBlockConfig.optional().meta({
      description:
        'N prefixes advertised by every node (a block each, node i after node i−1), held as routes only: no traffic group, no trace record unless one changes',
    }),
    workload: workloadConfig,
    faults: z.array(faultConfig).default([]),
    expect: z.array(expectationConfig).default([]),
  })
  .meta({ description: 'A stalepath scenario. Cross-references (names, times) are checked by references.ts.' });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type BgpSideConfig = z.output<typeof bgpSideConfig>;
export type BfdConfig = z.output<typeof bfdConfig>;
export type EcmpConfig = z.output<typeof ecmpConfig>;
export type FaultConfig = z.output<typeof faultConfig>;
export type Distribution = z.output<typeof distribution>;
export type ExpectationConfig = z.output<typeof expectationConfig>;
export type WorkloadConfig = z.output<typeof workloadConfig>;
export type ServiceConfig = z.output<typeof serviceConfig>;

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
