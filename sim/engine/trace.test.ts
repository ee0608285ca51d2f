import { describe, expect, it } from 'vitest';
import { s, type Time } from '../base/time.js';
import { Trace } from './trace.js';

describe('Trace', () => {
  it('writes JSON Lines and hashes exactly those lines', () => {
    const t = new Trace();
    t.append({ t: s(1), type: 'a', subject: 'x' });
    t.append({ t: s(2), type: 'b', subject: 'y' });
    expect(t.toJsonLines()).toBe('{"t":1000000,"type":"a","subject":"x"}\n{"t":2000000,"type":"b","subject":"y"}\n');
    const u = new Trace({ keep: false });
    u.append({ t: s(1), type: 'a', subject: 'x' });
    u.append({ t: s(2), type: 'b', subject: 'y' });
    expect(u.hash()).toBe(t.hash());
    expect(u.records).toHaveLength(0);
  });
  it('is append-only in time', () => {
    const t = new Trace();
    t.append({ t: s(2), type: 'a', subject: 'x' });
    expect(() => t.append({ t: s(1) as Time, type: 'a', subject: 'x' })).toThrow(/append-only/);
  });
  it('freezes kept records', () => {
    const t = new Trace();
    t.append({ t: s(1), type: 'a', subject: 'x' });
    expect(Object.isFrozen(t.records[0])).toBe(true);
  });
});
