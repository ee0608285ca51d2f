import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { loadScenarioText } from './load.js';
import { runScenario } from './run.js';
import { scenarioSchema } from './schema.js';

const text = readFileSync(new URL('../../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8');
const load = (mutate: (j: Record<string, any>) => void) => {
  const j = JSON.parse(text);
  mutate(j);
  return loadScenarioText(JSON.stringify(j), 'bad.json');
};
const errorsOf = (mutate: (j: Record<string, any>) => void) => {
  const r = load(mutate);
  return r.ok ? [] : r.errors;
};

describe('durations too big for the clock', () => {
  it('parseDuration answers undefined, never a RangeError, beyond 2^53 µs', () => {
    expect(parseDuration(1e9)).toBe(1e15);
    expect(parseDuration(1e10)).toBeUndefined();
    expect(parseDuration(1e300)).toBeUndefined();
    expect(parseDuration('99999999999999999999s')).toBeUndefined();
    expect(parseDuration(`${'9'.repeat(400)}d`)).toBeUndefined();
    expect(parseDuration('1.5m')).toBe(90_000_000);
  });

  it('refuses a run longer than 30 days, as a number or as text, with the bound', () => {
    expect(errorsOf((j) => (j.duration = 1e10))).toEqual([
      'bad.json: duration: 10000000000 exceeds the maximum of 2592000 s (30 days, the longest run stalepath simulates)',
    ]);
    expect(errorsOf((j) => (j.duration = '99999999999999999999s'))).toEqual([
      'bad.json: duration: "99999999999999999999s" exceeds the maximum of 2592000 s (30 days, the longest run stalepath simulates)',
    ]);
    expect(errorsOf((j) => (j.duration = '31d'))).toHaveLength(1);
    expect(errorsOf((j) => (j.duration = '30d'))).toEqual([]);
  });

  it('refuses huge whole-second protocol fields and huge fault times and downtimes as field errors', () => {
    expect(
      errorsOf((j) => {
        j.speaker.gracefulRestart.restartTime = 1e300;
        j.speaker.holdTime = '99999999999999999999s';
        j.faults[0].downtime = 1e300;
        j.faults[0].at = '1e400';
      }),
    ).toEqual([
      'bad.json: speaker.holdTime: 100000000000000000000 exceeds the 16-bit hold time of RFC 4271 §4.2 (max 65535 s)',
      'bad.json: speaker.gracefulRestart.restartTime: 1e+300 exceeds the 12-bit field of RFC 4724 (max 4095 s)',
      'bad.json: faults[0].at: "1e400" is not a duration such as "90s", "300ms", "2h" or a number of seconds',
      'bad.json: faults[0].downtime: 1e+300 exceeds the maximum of 2592000 s (30 days, the longest run stalepath simulates)',
    ]);
  });

  it('bounds uptime to ten years, link latency to 1 µs–1 s and BFD intervals to 1 ms–2^32−1 µs (RFC 5880 §4.1)', () => {
    expect(
      errorsOf((j) => {
        j.uptime = '3651d';
        j.defaultLatency = 0;
        j.links = [{ between: ['node-1', 'tor-1'], latency: '2s' }];
        j.speaker.bfd = { transmitInterval: '999us', receiveInterval: 4295 };
      }),
    ).toEqual([
      'bad.json: uptime: "3651d" exceeds the maximum of 315360000 s (ten years of uptime)',
      'bad.json: speaker.bfd.transmitInterval: "999us" is below the minimum of 0.001 s (stalepath\'s floor for BFD intervals; FRR and MetalLB allow 10 ms)',
      'bad.json: speaker.bfd.receiveInterval: 4295 exceeds the maximum of 4294.967295 s (the 32-bit µs field of RFC 5880 §4.1)',
      'bad.json: links[0].latency: "2s" exceeds the maximum of 1 s (a one-way link latency of at most 1 s)',
      'bad.json: defaultLatency: 0 is below the minimum of 0.000001 s (a message takes at least one clock tick)',
    ]);
  });

  it('bounds rates and σ: a packet rate of 1e308 is refused, not printed as "NaN delivered"', () => {
    expect(
      errorsOf((j) => {
        j.workload.packetRate = 1e308;
        j.workload.arrivalRate = 1e7;
        j.workload.connectionDuration = { type: 'lognormal', median: '10s', sigma: 1e300 };
      }),
    ).toEqual([
      'bad.json: workload.arrivalRate: 10000000 exceeds the maximum of 1000000 new connections/s',
      'bad.json: workload.connectionDuration.sigma: 1e+300 exceeds the maximum σ of 10 (a lognormal spread, not e^±30 around its median)',
      'bad.json: workload.packetRate: 1e+308 exceeds the maximum of 1000000 packets/s per connection',
    ]);
  });

  it('refuses a uniform distribution whose minimum exceeds its maximum', () => {
    expect(errorsOf((j) => (j.faults[0].downtime = { type: 'uniform', min: '30s', max: '20s' }))).toEqual([
      'bad.json: faults[0].downtime.min: minimum 30 s exceeds maximum 20 s (an empty range)',
    ]);
  });

  it('states the bounds in the JSON Schema (minimum and maximum of the number form)', () => {
    const props = (z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as any).properties;
    expect(props.duration.anyOf[0]).toMatchObject({ type: 'number', minimum: 0, maximum: 2_592_000 });
    expect(props.defaultLatency.anyOf[0]).toMatchObject({ minimum: 0.000001, maximum: 1 });
    expect(props.workload.properties.packetRate).toMatchObject({ maximum: 1_000_000 });
  });
});

describe('addresses and prefixes', () => {
  it("uses zod's IPv4 validator: 10.0.0.300, leading zeros and 0.0.0.0 are refused", () => {
    expect(
      errorsOf((j) => {
        j.nodes[0].address = '10.0.0.300';
        j.nodes[1].address = '010.000.000.001';
        j.routers[0].address = '0.0.0.0';
      }),
    ).toEqual([
      'bad.json: nodes[0].address: "10.0.0.300" is not an IPv4 address such as "10.0.1.11" (four octets 0-255, no leading zeros)',
      'bad.json: nodes[1].address: "010.000.000.001" is not an IPv4 address such as "10.0.1.11" (four octets 0-255, no leading zeros)',
      'bad.json: routers[0].address: "0.0.0.0" is not a usable address: it is also the BGP Identifier, which must be non-zero (RFC 6286 §2.1)',
    ]);
  });

  it('accepts IPv6 service prefixes and address6; an IPv6 address in the IPv4 field is sent to address6', () => {
    expect(
      errorsOf((j) => {
        j.routers[0].address6 = 'fd00::1';
        j.services[0].prefix = 'fd00:100::/64';
      }),
    ).toEqual([]);
    expect(errorsOf((j) => (j.routers[0].address = 'fd00::1'))).toEqual([
      'bad.json: routers[0].address: "fd00::1" is an IPv6 address: give it as address6 (address is IPv4, and is also the BGP Identifier, RFC 6286 §2.1)',
    ]);
    expect(errorsOf((j) => (j.services[0].prefix = ':::::/64'))).toEqual([
      'bad.json: services[0].prefix: ":::::/64" is not an IPv4 or IPv6 prefix such as "10.100.0.10/32" or "fd00:100::10/128"',
    ]);
    expect(errorsOf((j) => (j.nodes[0].address6 = '::'))).toEqual([
      'bad.json: nodes[0].address6: "::" is the unspecified address (RFC 4291 §2.5.2)',
    ]);
  });

  it('refuses an IPv6 prefix with host bits set, naming its network in RFC 5952 text', () => {
    expect(errorsOf((j) => (j.services[0].prefix = 'FD00:100:0:0::10/64'))).toEqual([
      'bad.json: services[0].prefix: "FD00:100:0:0::10/64" has host bits set: the network is "fd00:100::/64" (a /32 or /128 names one address)',
    ]);
  });

  it('refuses a prefix with host bits set, naming the network address it should be', () => {
    expect(errorsOf((j) => (j.services[0].prefix = '10.100.0.10/24'))).toEqual([
      'bad.json: services[0].prefix: "10.100.0.10/24" has host bits set: the network is "10.100.0.0/24" (a /32 or /128 names one address)',
    ]);
  });

  it('refuses two nodes or routers with one address, defaults included', () => {
    expect(
      errorsOf((j) => {
        j.nodes[1].address = j.nodes[0].address;
        j.routers[1].address = '10.0.1.13';
      }),
    ).toEqual([
      'bad.json: nodes[1].address: "10.0.1.11" is also the address of nodes[0]; each node and router needs its own',
      'bad.json: nodes[2].address: "10.0.1.13" is also the address of routers[1]; each node and router needs its own',
    ]);
  });

  it('gives 300 nodes without addresses valid, distinct default addresses', () => {
    const r = load((j) => {
      j.nodes = Array.from({ length: 300 }, (_, i) => ({ name: `n-${i}` }));
      j.faults = [];
      j.expect = [];
      j.workload.arrivalRate = 0;
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const run = runScenario(r.scenario, { until: 1_000_000 as never });
    expect(run.world.spec.nodes[299].address).toBe('10.0.2.54');
  });
});

describe('links, services and faults that cannot mean anything', () => {
  it('refuses a link to itself, between two nodes, and the same link twice in either order', () => {
    expect(
      errorsOf((j) => {
        j.links = [
          { between: ['node-1', 'node-1'] },
          { between: ['node-1', 'node-2'] },
          { between: ['node-1', 'tor-1'], latency: '1ms' },
          { between: ['tor-1', 'node-1'], latency: '5ms' },
          { between: ['node-1', 'tor-1'], latency: '1ms' },
        ];
      }),
    ).toEqual([
      'bad.json: links[0].between: joins "node-1" to itself; a link joins a node and a router',
      'bad.json: links[1].between: joins two nodes ("node-1", "node-2"); a link joins a node and a router',
      'bad.json: links[3].between: duplicate link "tor-1"–"node-1" (also links[2]); list each pair once',
      'bad.json: links[4].between: duplicate link "node-1"–"tor-1" (also links[2]); list each pair once',
    ]);
  });

  it('refuses two services with one prefix', () => {
    expect(errorsOf((j) => j.services.push({ ...j.services[0], name: 'other' }))).toEqual([
      'bad.json: services[1].prefix: "10.100.0.10/32" is also the prefix of services[0]; each service has its own',
    ]);
  });

  it('refuses link faults and NOTIFICATIONs that do not name a node and a router, and a start after the run', () => {
    expect(
      errorsOf((j) => {
        j.faults.push({ type: 'link-down', at: '1s', between: ['tor-1', 'tor-2'] });
        j.faults.push({ type: 'notification', at: '1s', from: 'node-1', to: 'node-2', code: 6 });
        j.workload.startAt = '11m';
      }),
    ).toEqual([
      'bad.json: workload.startAt: "11m" is after the end of the run (duration 600 s)',
      'bad.json: faults[1].between: joins two routers ("tor-1", "tor-2"); a link joins a node and a router',
      'bad.json: faults[2].to: "node-1" and "node-2" have no session; a NOTIFICATION goes between a node and a router',
    ]);
  });
});

describe('draws beyond the clock', () => {
  it('a lognormal downtime whose tail passes 2^53 µs means "not back", not a RangeError', () => {
    for (const type of ['speaker-restart', 'router-restart'] as const) {
      for (const seed of [5, 6, 7, 8]) {
        const r = load((j) => {
          j.seed = seed;
          j.expect = [];
          j.faults = [
            {
              type,
              at: '0.5s',
              ...(type === 'speaker-restart' ? { node: 'node-1' } : { router: 'tor-1' }),
              downtime: { type: 'lognormal', median: '30d', sigma: 10 },
            },
          ];
        });
        expect(r.ok).toBe(true);
        if (r.ok) expect(() => runScenario(r.scenario, { until: 2_000_000 as never })).not.toThrow();
      }
    }
  });
});

describe('rates whose gaps pass the clock', () => {
  it('refuses an arrival rate between 0 and 10^-6/s (its first gap lies beyond 2^53 µs)', () => {
    expect(errorsOf((j) => (j.workload.arrivalRate = 5e-324))).toEqual([
      'bad.json: workload.arrivalRate: 5e-324 must be 0 (no new connections) or at least 0.000001/s: a rarer arrival lies beyond the clock',
    ]);
    expect(errorsOf((j) => (j.workload.arrivalRate = 0))).toEqual([]);
  });
});
