import { describe, expect, it } from 'vitest';
import { ms, s, type Time } from '../base/time.js';
import { Simulator } from './simulator.js';

interface Rec {
  t: Time;
  type: 'tick';
  subject: string;
  n: number;
}

function holdModel(seed: number, events: number): string {
  const sim = new Simulator<Rec>({ seed });
  const rng = sim.rng.stream('hold');
  const h = sim.handler((arg) => {
    sim.record({ t: sim.now(), type: 'tick', subject: `p${arg}`, n: sim.eventCount });
    sim.scheduleAfter(Math.round(rng.exponential(1e6)) as Time, h, arg);
  });
  for (let i = 0; i < 10; i++) sim.scheduleAfter(Math.round(rng.exponential(1e6)) as Time, h, i);
  sim.run(events);
  return sim.trace.hash();
}

describe('Simulator', () => {
  it('fires same-time events FIFO', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const h = sim.handler((arg) => seen.push(arg));
    for (let i = 0; i < 5; i++) sim.scheduleAt(s(1), h, i);
    sim.run();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('shows each handler its event time through now(), in run() and in step()', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const h = sim.handler((arg) => seen.push(`${arg}@${sim.now()}`));
    sim.scheduleAt(s(3000) as Time, h, 1);
    sim.scheduleAt(s(3000) as Time, h, 2);
    sim.scheduleAfter(ms(5), h, 3);
    sim.run();
    sim.scheduleAfter(ms(1), h, 4);
    expect(sim.step()).toBe(true);
    expect(seen).toEqual(['3@5000', '1@3000000000', '2@3000000000', '4@3000001000']);
  });

  it('never lets time go backwards', () => {
    const sim = new Simulator({ seed: 7 });
    const rng = sim.rng.stream('x');
    let last = -1;
    const h = sim.handler(() => {
      const now = sim.now();
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
      if (sim.eventCount < 2000) sim.scheduleAfter(Math.floor(rng.uniform(0, 1000)) as Time, h);
    });
    for (let i = 0; i < 20; i++) sim.scheduleAt(Math.floor(rng.uniform(0, 1000)) as Time, h);
    sim.run();
    expect(sim.eventCount).toBeGreaterThan(2000);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulator();
    const h = sim.handler(() => {});
    sim.scheduleAt(s(2), h);
    sim.run();
    expect(() => sim.scheduleAt(s(1), h)).toThrow(/in the past/);
    expect(() => sim.scheduleAfter(-1 as Time, h)).toThrow(/negative delay/);
    expect(() => sim.runUntil(s(1))).toThrow(/in the past/);
  });

  it('cancels a pending event by handle and ignores a cancel of a fired one', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const h = sim.handler((arg) => seen.push(arg));
    const a = sim.scheduleAt(ms(1), h, 1);
    const b = sim.scheduleAt(ms(2), h, 2);
    expect(sim.cancel(b)).toBe(true);
    sim.run();
    expect(seen).toEqual([1]);
    expect(sim.cancel(a)).toBe(false);
  });

  it('runUntil fires events up to and including the bound and advances the clock to it', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const h = sim.handler((arg) => seen.push(arg));
    sim.scheduleAt(s(1), h, 1);
    sim.scheduleAt(s(2), h, 2);
    sim.scheduleAt(s(3), h, 3);
    expect(sim.runUntil(s(2))).toBe(2);
    expect(sim.now()).toBe(s(2));
    expect(seen).toEqual([1, 2]);
    expect(sim.peek()).toBe(s(3));
  });

  it('step() fires one event at a time and reports quiescence', () => {
    const sim = new Simulator();
    const h = sim.handler(() => {});
    sim.scheduleAt(s(1), h);
    expect(sim.step()).toBe(true);
    expect(sim.now()).toBe(s(1));
    expect(sim.step()).toBe(false);
  });

  it('gives the same trace hash for the same seed and a different one for another seed', () => {
    expect(holdModel(1, 5000)).toBe(holdModel(1, 5000));
    expect(holdModel(1, 5000)).not.toBe(holdModel(2, 5000));
  });
});
