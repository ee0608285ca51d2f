// BFD benchmark: what steady-state BFD costs per-packet (explicit) and implied (DESIGN.md), for a
// pair at 300 ms × 3 with one fault at the end of the run, and the cost of advancing an implied
// span per period with the two uniform sources a driver may use.
import { ms, s, type Time } from '../../sim/base/time.js';
import { jitterGrid, type UniformAt } from '../../sim/bfd/jitter.js';
import type { BfdControlPacket } from '../../sim/bfd/packet.js';
import { FRR_BFD_DEFAULTS } from '../../sim/bfd/session.js';
import { type SteadySpan, sendsBefore } from '../../sim/bfd/steady-span.js';
import { hashedUniform, runPair } from '../../sim/bfd/testing/pair-harness.js';
import { RandomStreams } from '../../sim/engine/rng.js';

const cfg = (localDiscriminator: number) => ({
  localDiscriminator,
  ...FRR_BFD_DEFAULTS,
  controlPlaneIndependent: false,
  passive: false,
});

function timed<T>(f: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

function pairRun(mode: 'explicit' | 'implied', seconds: number) {
  const end = s(seconds);
  return timed(() =>
    runPair(
      {
        mode,
        latency: ms(1),
        configs: [cfg(1), cfg(2)],
        uniformAt: [hashedUniform(1), hashedUniform(2)],
        faults: [{ at: (end - s(2)) as Time, kind: 'kill', side: 1 }],
        expand: false,
      },
      end,
    ),
  );
}

for (const [label, seconds] of [
  ['10 min', 600],
  ['1 day', 86_400],
] as const) {
  for (const mode of ['explicit', 'implied'] as const) {
    const [run, wall] = pairRun(mode, seconds);
    console.log(`bfd.pair ${mode} ${label} simulated: ${wall.toFixed(1)} ms`);
    console.log(`bfd.pair ${mode} ${label} simulated: ${run.events} events`);
  }
}

const [explicitShort, wallShort] = pairRun('explicit', 3600);
console.log(`bfd.step explicit: ${(((explicitShort.events / wallShort) * 1e3) / 1e6).toFixed(2)} M events/s`);

function spanLookup(name: string, uniformAt: UniformAt, lookups: number): void {
  const span: SteadySpan = {
    firstIndex: 0,
    firstSend: 0 as Time,
    grid: jitterGrid(ms(300), 3),
    anchor: 0 as Time,
    anchorIndex: 0,
    packet: {} as BfdControlPacket,
    uniformAt,
  };
  let sink = 0;
  const [, wall] = timed(() => {
    for (let i = 0; i < lookups; i++) sink += sendsBefore(span, (s(86_400) + i * 7919) as Time);
  });
  console.log(`bfd.span last send before t, 1 day in (${name}): ${((wall * 1e6) / lookups).toFixed(0)} ns/lookup`);
  if (sink < 0) console.log(sink);
}
spanLookup('hashed uniform', hashedUniform(7), 100_000);
const streams = new RandomStreams(42);
spanLookup('RandomStreams.keyed', (k) => streams.keyed('node-1/bfd/r1', k).next(), 20_000);
