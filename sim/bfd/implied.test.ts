import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, s, type Time, us } from '../base/time.js';
import { implySteady, isSteady, resumeExplicit, steadyPair } from './implied.js';
import { type BfdConfig, type BfdSession, FRR_BFD_DEFAULTS, nextDeadline, step } from './session.js';
import { sendsBetween } from './steady-span.js';
import { hashedUniform, type PairFault, type PairRun, runPair } from './testing/pair-harness.js';

function cfg(localDiscriminator: number, over: Partial<BfdConfig> = {}): BfdConfig {
  return { localDiscriminator, ...FRR_BFD_DEFAULTS, controlPlaneIndependent: false, passive: false, ...over };
}

const CONFIGS: [BfdConfig, BfdConfig] = [cfg(1), cfg(2)];

function both(faults: PairFault[], until: Time, configs = CONFIGS, latency = ms(1)) {
  const opts = { latency, configs, uniformAt: [hashedUniform(3), hashedUniform(4)] as const, faults };
  return {
    explicit: runPair({ ...opts, mode: 'explicit' }, until),
    implied: runPair({ ...opts, mode: 'implied' }, until),
  };
}

function snapshot(st: BfdSession) {
  const { state, localDiag, txCount, lastTx, nextTx, txInterval, detectDeadline, lastRx, remoteDiscr, pollActive } = st;
  return { state, localDiag, txCount, lastTx, nextTx, txInterval, detectDeadline, lastRx, remoteDiscr, pollActive };
}

function expectSameRun(explicit: PairRun, implied: PairRun): void {
  expect(implied.changes).toEqual(explicit.changes);
  expect(implied.sends).toEqual(explicit.sends);
  expect(implied.signals).toEqual(explicit.signals);
  expect(implied.sessions.map(snapshot)).toEqual(explicit.sessions.map(snapshot));
}

const scenarios: [string, PairFault[], Time][] = [
  ['a peer process killed', [{ at: s(20), kind: 'kill', side: 1 }], s(25)],
  [
    'a link cut and restored',
    [
      { at: (s(20) + us(137)) as Time, kind: 'link-down' },
      { at: s(30), kind: 'link-up' },
    ],
    s(45),
  ],
  [
    'an administrative disable and enable',
    [
      { at: s(12), kind: 'admin-down', side: 0 },
      { at: s(18), kind: 'admin-up', side: 0 },
    ],
    s(30),
  ],
  ['a peer restart', [{ at: s(15), kind: 'restart', side: 0 }], s(30)],
  ['a timer change while Up', [{ at: s(10), kind: 'reconfigure', side: 1, desiredMinTx: ms(50) }], s(20)],
  [
    'queries in the middle of steady state',
    [s(7), s(7) + 1, s(9) + ms(333), s(13)].map((at) => ({ at: at as Time, kind: 'observe' as const })),
    s(20),
  ],
];

describe('implied periodic sender (DESIGN.md steady state; RFC 5880 §6.8.4, §6.8.7)', () => {
  for (const [what, faults, until] of scenarios) {
    it(`sends the same packets and detects at the same times as the per-packet machine: ${what}`, () => {
      const { explicit, implied } = both(faults, until);
      expect(implied.spans.length).toBeGreaterThan(0);
      expectSameRun(explicit, implied);
    });
  }

  it('leaves a send scheduled at the very microsecond of a fault to the per-packet machine, which runs the fault first', () => {
    const reference = both([], s(20)).explicit;
    const sendsOf = (side: 0 | 1) => reference.sends.filter((x) => x.side === side && x.index !== null);
    const killAt = sendsOf(0)[30].at;
    const observeAt = sendsOf(1)[20].at;
    const { explicit, implied } = both(
      [
        { at: observeAt, kind: 'observe' },
        { at: killAt, kind: 'kill', side: 0 },
      ],
      s(20),
    );
    expect(explicit.sends.some((x) => x.side === 0 && x.at === killAt)).toBe(false);
    expect(explicit.sends.some((x) => x.side === 1 && x.at === observeAt)).toBe(true);
    expectSameRun(explicit, implied);
  });

  it('does not imply a pair whose receiver times out before the link, just restored, brings the next packet', () => {
    // Find a cut after which side 0's detection deadline falls between the link coming back and
    // side 1's next packet arriving: the explicit machine times out there, so must the implied one.
    // Side 1 waits 10 × 300 ms for side 0, so only side 0 can time out in the window.
    const configs: [BfdConfig, BfdConfig] = [cfg(1, { detectMult: 10 }), cfg(2)];
    const reference = both([], s(40), configs).explicit;
    const periodic = (side: 0 | 1) =>
      reference.sends.filter((x) => x.side === side && x.index !== null).map((x) => x.at);
    const [from0, from1] = [periodic(0), periodic(1)];
    const L = ms(1);
    let found: PairFault[] | null = null;
    for (let k = 20; k < from1.length - 5 && !found; k++) {
      const cut = from1[k] + L + 1; // after side 1's packet k has arrived
      const deadline0 = from1[k] + L + ms(900);
      const restore = deadline0 - ms(1);
      const last0 = from0.filter((t) => t + L < cut).pop()!;
      const side1StillUp = last0 + L + s(3) > restore;
      const next1 = from1.find((t) => t >= restore)!;
      if (side1StillUp && next1 + L > deadline0) {
        found = [
          { at: cut as Time, kind: 'link-down' },
          { at: restore as Time, kind: 'link-up' },
        ];
      }
    }
    expect(found).not.toBeNull();
    const { explicit, implied } = both(found!, s(40), configs);
    expect(explicit.changes.some((c) => c.side === 0 && c.reason === 'detection-time-expired')).toBe(true);
    expectSameRun(explicit, implied);
  });

  it('matches the per-packet machine under random faults, seeds, latencies and timers', () => {
    const fault = fc.oneof(
      fc.record({
        at: fc.integer({ min: 0, max: 20_000_000 }),
        kind: fc.constantFrom('link-down', 'link-up', 'observe'),
      }),
      fc.record({
        at: fc.integer({ min: 0, max: 20_000_000 }),
        kind: fc.constantFrom('kill', 'restart', 'admin-down', 'admin-up'),
        side: fc.constantFrom(0, 1),
      }),
      fc.record({
        at: fc.integer({ min: 0, max: 20_000_000 }),
        kind: fc.constant('reconfigure'),
        side: fc.constantFrom(0, 1),
        desiredMinTx: fc.integer({ min: 10_000, max: 2_000_000 }),
        requiredMinRx: fc.integer({ min: 10_000, max: 2_000_000 }),
        detectMult: fc.integer({ min: 1, max: 5 }),
      }),
    ) as fc.Arbitrary<PairFault>;
    let withSpans = 0;
    fc.assert(
      fc.property(
        fc.array(fault, { maxLength: 6 }),
        fc.integer({ min: 1, max: 80_000 }),
        fc.integer({ min: 10, max: 400 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (faults, latencyUs, txMs, mult, seed) => {
          const c: [BfdConfig, BfdConfig] = [
            cfg(1, { desiredMinTx: ms(txMs), requiredMinRx: ms(txMs), detectMult: mult }),
            cfg(2, { detectMult: 3, passive: seed % 2 === 0 }),
          ];
          const opts = {
            latency: us(latencyUs),
            configs: c,
            uniformAt: [hashedUniform(seed), hashedUniform(~seed)] as const,
            faults,
          };
          const explicit = runPair({ ...opts, mode: 'explicit' }, s(25));
          const implied = runPair({ ...opts, mode: 'implied' }, s(25));
          expectSameRun(explicit, implied);
          if (implied.spans.length > 0) withSpans++;
        },
      ),
      { numRuns: 60, seed: 0x5eed },
    );
    // The property is only worth something if most runs actually went through implied spans.
    expect(withSpans).toBeGreaterThan(30);
  });

  it('costs events for state changes, not for packets: ten steady minutes are a handful of events', () => {
    const { explicit, implied } = both([{ at: s(600), kind: 'kill', side: 1 }], s(602));
    expect(explicit.events).toBeGreaterThan(4 * 600 * 2); // ≥ 2 sends + 2 arrivals per 300 ms interval
    expect(implied.events).toBeLessThan(40);
    expectSameRun(explicit, implied);
  });

  it('arms detection from the last packet that arrived before the silence (RFC 5880 §6.8.4)', () => {
    const cut = (s(30) + ms(17)) as Time;
    const { implied } = both([{ at: cut, kind: 'link-down' }], cut);
    const [a] = implied.sessions;
    const fromB = implied.sends.filter((x) => x.side === 1 && x.at + ms(1) < cut);
    expect(a.lastRx).toBe(fromB[fromB.length - 1].at + ms(1));
    expect(a.detectDeadline).toBe(a.lastRx! + ms(900));
  });

  it('gives the k-th send the same time however often the span is observed', () => {
    const quiet = both([], s(60)).implied;
    const queries = Array.from({ length: 40 }, (_, i) => ({
      at: (s(5) + i * ms(1234) + i) as Time,
      kind: 'observe' as const,
    }));
    const busy = both(queries, s(60)).implied;
    expect(busy.sends).toEqual(quiet.sends);
    expect(busy.spans.length).toBeGreaterThan(quiet.spans.length);
  });

  it('records each span as (first send, period, count), and its expansion is the sends it stands for', () => {
    const { implied } = both([{ at: s(20), kind: 'kill', side: 1 }], s(22));
    for (const span of implied.spans) {
      const covered = implied.sends.filter(
        (x) =>
          x.side === span.side &&
          x.index !== null &&
          x.index >= span.firstIndex &&
          x.index < span.firstIndex + span.count,
      );
      expect(covered.length).toBe(span.count);
      expect(covered[0].at).toBe(span.firstSend);
      expect(span.interval).toBe(ms(300));
    }
  });

  it('is not steady while a Poll Sequence runs, views differ, or a receiver would time out first (RFC 5880 §6.5, §6.8.4)', () => {
    const run = runPair(
      { mode: 'explicit', latency: ms(1), configs: CONFIGS, uniformAt: [hashedUniform(3), hashedUniform(4)] },
      s(10),
    );
    const [a, b] = run.sessions;
    expect(steadyPair(a, b, ms(1))).toBe(true);
    a.pollActive = true;
    expect(isSteady(a)).toBe(false);
    a.pollActive = false;
    const seen = b.remoteDesiredMinTx;
    b.remoteDesiredMinTx = ms(1000); // b has not yet seen a's current parameters
    expect(steadyPair(a, b, ms(1))).toBe(false);
    b.remoteDesiredMinTx = seen;
    // b would time out before a's next packet reaches it: not steady, whatever the views.
    expect(steadyPair(a, b, (b.detectDeadline - a.nextTx) as Time)).toBe(false);
    expect(steadyPair(a, b, (b.detectDeadline - a.nextTx - 1) as Time)).toBe(true);
  });

  it('has no deadline while implied, refuses timer inputs, and resumes where the per-packet schedule would be', () => {
    const run = runPair(
      { mode: 'explicit', latency: ms(1), configs: CONFIGS, uniformAt: [hashedUniform(3), hashedUniform(4)] },
      s(10),
    );
    const [a] = run.sessions;
    const next = a.nextTx;
    const span = implySteady(a);
    expect(nextDeadline(a)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => step(a, { type: 'timer' }, next)).toThrow(/implied/);
    const later = (next + s(3)) as Time;
    const expected = sendsBetween(span, next, later);
    const { count } = resumeExplicit(a, later, null);
    expect(count).toBe(expected.length);
    expect(a.txCount).toBe(span.firstIndex + count);
    expect(a.lastTx).toBe(expected[expected.length - 1].time);
    expect(a.nextTx).toBeGreaterThanOrEqual(later);
    expect(a.nextTx - a.lastTx!).toBeLessThanOrEqual(ms(300));
  });
});
