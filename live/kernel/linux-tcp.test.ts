// The clients' TCP model (sim/dataplane/tcp/linux-tcp.ts) against the Linux kernel this runs on,
// in a fresh network namespace: a client sends 100 bytes every 100 ms (a scenario's default 10
// packets a second) to a server whose address then vanishes without a trace (live/daemons/
// host-address.ts: no RST, no ICMP error), as a stale route into a dead node makes it. Measured:
// when a connection resumes after the path returns, when the kernel gives up on an established
// connection (tcp_retries2) and on a SYN (tcp_syn_retries, tcp_syn_linear_timeouts). Real timers
// only fire late (a jiffy's rounding, the timer wheel's granules, HZ = 250 on Debian: 4 ms), so
// the kernel may be up to 10 % + 60 ms later than the model, never more than 30 ms earlier.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { giveUpAfter, LINUX_TCP_DEFAULTS, type LinuxTcpParams, timerExpiry } from '../../sim/index.js';
import { Netns } from '../daemons/netns.js';
import { needsNetns } from '../daemons/netns-requirement.js';

const CLIENT = '10.0.0.1';
const SERVER = '10.0.1.11';
const hostModule = fileURLToPath(new URL('../daemons/host-address.ts', import.meta.url));

// Runs inside the namespace. Prints one JSON line of seconds, measured from the stall's first lost
// packet (the first write after the address vanished) or, for a SYN, from connect().
const probe = (mode: Mode, holeS: number) => `
import net from 'node:net';
import { loopbackHost } from ${JSON.stringify(hostModule)};
const now = () => Number(process.hrtime.bigint()) / 1e9;
const host = loopbackHost(${JSON.stringify(SERVER)});
const mode = ${JSON.stringify(mode)};
const arrivals = [];
const server = net.createServer((s) => { s.on('data', () => arrivals.push(now())); s.on('error', () => {}); });
await new Promise((r) => server.listen(5001, ${JSON.stringify(SERVER)}, r));
const done = (o) => { console.log(JSON.stringify(o)); process.exit(0); };
if (mode === 'syn' || mode === 'syn-resume') {
  host.down();
  const t0 = now();
  const c = net.connect({ host: ${JSON.stringify(SERVER)}, port: 5001, localAddress: ${JSON.stringify(CLIENT)} });
  c.on('error', (e) => done({ code: e.code, after: now() - t0 }));
  c.on('connect', () => done({ after: now() - t0 }));
  if (mode === 'syn-resume') setTimeout(() => host.up(), ${holeS * 1000});
} else {
  const writes = [];
  const c = net.connect({ host: ${JSON.stringify(SERVER)}, port: 5001, localAddress: ${JSON.stringify(CLIENT)} }, () => {
    c.setNoDelay(true);
    setInterval(() => { writes.push(now()); c.write(Buffer.alloc(100)); }, 100);
    setTimeout(() => {
      host.down();
      const down = now();
      const stall = () => writes.find((w) => w > down);
      if (mode === 'give-up') {
        c.on('error', (e) => done({ code: e.code, after: now() - stall() }));
        return;
      }
      setTimeout(() => {
        host.up();
        const up = now();
        const wait = setInterval(() => {
          const back = arrivals.find((a) => a > up);
          if (back !== undefined) { clearInterval(wait); done({ up: up - stall(), after: back - stall() }); }
        }, 10);
      }, ${holeS * 1000});
    }, 1000);
  });
  c.on('error', (e) => { if (mode !== 'give-up') done({ code: e.code }); });
}
`;

type Mode = 'resume' | 'give-up' | 'syn' | 'syn-resume';

function run(ns: Netns, mode: Mode, holeS = 0): { code?: string; up?: number; after: number } {
  const out = ns.exec('node', ['--import', 'tsx', '--input-type=module', '-e', probe(mode, holeS)], 60_000);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
}

/** The kernel's value of an IPv4 sysctl in the namespace, null when this kernel has no such knob. */
function sysctl(ns: Netns, name: string, value?: number): number | null {
  try {
    if (value !== undefined) ns.exec('sysctl', ['-qw', `net.ipv4.${name}=${value}`]);
    return Number(ns.exec('sysctl', ['-n', `net.ipv4.${name}`]).trim());
  } catch {
    return null;
  }
}

/** The kernel is late by timers' rounding only: within [model − 30 ms, model · 1.1 + 60 ms]. */
function expectKernelAt(real: number, modelS: number, what: string): void {
  expect(real, `${what}: kernel ${real.toFixed(3)} s, model ${modelS} s`).toBeGreaterThanOrEqual(modelS - 0.03);
  expect(real, `${what}: kernel ${real.toFixed(3)} s, model ${modelS} s`).toBeLessThanOrEqual(modelS * 1.1 + 0.06);
}

const params = (over: Partial<LinuxTcpParams>): LinuxTcpParams => ({ ...LINUX_TCP_DEFAULTS, ...over });

describe.runIf(needsNetns("the clients' TCP against the Linux kernel (live/kernel/linux-tcp.test.ts)"))(
  "the clients' TCP model against the running Linux kernel",
  () => {
    const withNs = <T>(f: (ns: Netns) => T): T => {
      const ns = Netns.create([CLIENT, SERVER]);
      try {
        return f(ns);
      } finally {
        ns.removeSync();
      }
    };

    it('an established connection resumes at the first retransmission after the path returns (0.204, 0.612, 1.428, 3.06 s: at 3.06 s after a 2 s hole)', () => {
      const r = withNs((ns) => run(ns, 'resume', 2));
      expect(r.code).toBeUndefined();
      // The first expiry at or after the path's return, as the data plane schedules it.
      let k = 1;
      while (timerExpiry(LINUX_TCP_DEFAULTS, false, k) / 1e6 < r.up!) k++;
      expect(timerExpiry(LINUX_TCP_DEFAULTS, false, k)).toBe(3_060_000);
      expectKernelAt(r.after, 3.06, 'resume');
    }, 60_000);

    it('gives up on an established connection 3.0 s (tcp_retries2 = 3) after its first retransmission: at the 5th expiry, 6.324 s', () => {
      const r = withNs((ns) => {
        sysctl(ns, 'tcp_retries2', 3);
        return run(ns, 'give-up');
      });
      expect(r.code).toBe('ETIMEDOUT');
      expectKernelAt(r.after, giveUpAfter(params({ tcp_retries2: 3 }), false) / 1e6, 'give-up');
    }, 60_000);

    it("gives up on a SYN by tcp_syn_retries' time or count, whichever is first (1 retry: 3 s, with or without linear SYN timeouts)", () => {
      const r = withNs((ns) => {
        sysctl(ns, 'tcp_syn_retries', 1);
        const linear = sysctl(ns, 'tcp_syn_linear_timeouts') ?? 0;
        return { linear, ...run(ns, 'syn') };
      });
      expect(r.code).toBe('ETIMEDOUT');
      const model = giveUpAfter(params({ tcp_syn_retries: 1, tcp_syn_linear_timeouts: r.linear }), true) / 1e6;
      // The time bound, tcp_model_timeout(1, 1 s) = 3 s: the 3rd SYN expiry either way.
      expect(model).toBe(3);
      expectKernelAt(r.after, model, 'SYN give-up');
    }, 60_000);

    it("connects at the first SYN after a 3.5 s hole: 4 s with the kernel's linear SYN timeouts (Linux ≥ 6.5), 7 s without", () => {
      for (const set of [undefined, 0]) {
        const r = withNs((ns) => {
          const linear = sysctl(ns, 'tcp_syn_linear_timeouts', set);
          return { linear, ...run(ns, 'syn-resume', 3.5) };
        });
        // A kernel before 6.5 has no knob: its SYNs double from the first (checked once, `set` unused).
        if (r.linear === null && set === 0) continue;
        const p = params({ tcp_syn_linear_timeouts: r.linear ?? 0 });
        let k = 1;
        while (timerExpiry(p, true, k) < 3_500_000) k++;
        expect(r.code).toBeUndefined();
        expect(timerExpiry(p, true, k)).toBe((r.linear ?? 0) >= 1 ? 4_000_000 : 7_000_000);
        expectKernelAt(r.after, timerExpiry(p, true, k) / 1e6, `SYN after a 3.5 s hole, linear ${r.linear}`);
      }
    }, 60_000);
  },
);
